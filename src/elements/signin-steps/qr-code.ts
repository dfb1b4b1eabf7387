// A QR code as one SVG path, drawn from qrcode-generator's module matrix with lit's svg template:
// no innerHTML and no style attributes, so it renders under a strict Content-Security-Policy.
import { svg, type SVGTemplateResult } from 'lit';
import qrcode from 'qrcode-generator';

/** Light modules around the code, as the QR specification asks. */
const QUIET_ZONE = 4;

export function qrCode(text: string, label: string): SVGTemplateResult {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  const size = count + 2 * QUIET_ZONE;
  let d = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  // Black on white whatever the page's colours: scanners need the contrast.
  return svg`<svg part="qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff" />
    <path d=${d} fill="#000" />
  </svg>`;
}
