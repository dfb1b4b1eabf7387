// A QR code as one SVG path, drawn from lean-qr's module matrix with lit's svg template:
// no innerHTML and no style attributes, so it renders under a strict Content-Security-Policy.
//
// Why lean-qr (MIT, ES modules, no dependencies, released through 2026): it was the smallest
// maintained encoder we measured behind this same wrapper (about 3.7 kB gzip in the drop-in
// bundle, against about 4.0 kB for uqr, 4.5 kB for the cut-down copy of qrcode-generator it
// replaces and 7.2 kB for @paulmillr/qr), so we no longer carry and patch a vendored encoder.
// Its renderers (toCanvas, toDataURL...) sit on the object generate() returns and come along
// unused; its SVG and framework extras are separate entry points and stay out. We use only
// generate(), size and get().
//
// Error correction is held at M, as before: lean-qr's default is L, raised towards H whenever the
// chosen version has room, so both ends are pinned. lean-qr picks the smallest
// mix of numeric, alphanumeric and byte segments for the text, and for ASCII (an otpauth:// URI
// always is) it adds no ECI header, so scanners read the plain text.
import { svg, type SVGTemplateResult } from 'lit';
import { correction, generate } from 'lean-qr';

/** Light modules around the code, as the QR specification asks. */
const QUIET_ZONE = 4;

export function qrCode(text: string, label: string): SVGTemplateResult {
  const code = generate(text, { minCorrectionLevel: correction.M, maxCorrectionLevel: correction.M });
  const count = code.size;
  const size = count + 2 * QUIET_ZONE;
  let d = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (code.get(col, row)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  // Black on white whatever the page's colours: scanners need the contrast.
  return svg`<svg part="qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff" />
    <path d=${d} fill="#000" />
  </svg>`;
}
