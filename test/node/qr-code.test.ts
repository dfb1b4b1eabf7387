// The TOTP set-up step's QR code scans back to its otpauth:// URI. What qrCode()
// (src/elements/signin-steps/qr-code.ts, drawn by lean-qr) renders, one SVG path of 1×1 squares,
// is rasterised here and read by jsQR, a pure-JS decoder, so neither CI nor a developer needs
// zbarimg or a browser. It also holds what the switch from qrcode-generator kept: error
// correction M, a quiet zone of four modules, and no ECI header for the ASCII URI.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import jsQR from 'jsqr';
import { correction, generate } from 'lean-qr';

// Compiled to build/test/node/, so lib/ (tsc's ES modules of src/, from `npm run build:lib`) is
// three levels up; loaded at run time, since tsconfig.node.json does not compile src/.
const lib = new URL('../../../lib/', import.meta.url);
type Rendered = { strings: readonly string[]; values: readonly unknown[] };
const { qrCode } = (await import(new URL('elements/signin-steps/qr-code.js', lib).href)) as {
  qrCode: (text: string, label: string) => Rendered;
};
const { otpauthUri } = (await import(new URL('cognito/mfa.js', lib).href)) as {
  otpauthUri: (issuer: string, account: string, secret: string) => string;
};

const QUIET_ZONE = 4;

/** qrCode()'s output as a grid of modules: the viewBox size and the dark squares of its path. */
function modules(rendered: Rendered): { size: number; dark: boolean[][] } {
  const markup = rendered.strings.join('\u0000');
  /* eslint-disable no-control-regex -- NUL marks the template's holes: markup itself never has one */
  assert.match(markup, /<svg part="qr" role="img" aria-label=\u0000 viewBox="0 0 \u0000 \u0000"/);
  assert.match(markup, /<path d=\u0000 fill="#000" \/>/);
  /* eslint-enable no-control-regex */
  const [, width, height, rectWidth, rectHeight, d] = rendered.values as [string, number, number, number, number, string];
  assert.equal(width, height);
  assert.deepEqual([rectWidth, rectHeight], [width, height], 'the white square fills the viewBox');
  const size = width;
  const dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  assert.match(d, /^(M\d+ \d+h1v1h-1z)+$/, 'the path is only 1×1 squares');
  for (const [, x, y] of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) dark[Number(y)][Number(x)] = true;
  return { size, dark };
}

/** Black squares on white, `scale` pixels a module, as RGBA for jsQR. */
function rasterise({ size, dark }: { size: number; dark: boolean[][] }, scale = 4): { data: Uint8ClampedArray; width: number } {
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      if (dark[Math.floor(y / scale)][Math.floor(x / scale)]) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { data, width };
}

/** The error-correction level in the format information (column 8 beside the top-left finder). */
function level(dark: boolean[][], size: number): string {
  const count = size - 2 * QUIET_ZONE;
  let bits = 0;
  for (let i = 0; i < 15; i++) {
    const row = i < 6 ? i : i < 8 ? i + 1 : count - 15 + i;
    if (dark[row + QUIET_ZONE][8 + QUIET_ZONE]) bits |= 1 << i;
  }
  return ['M', 'L', 'H', 'Q'][((bits ^ 0x5412) >> 13) & 3];
}

function decode(uri: string): { size: number; dark: boolean[][]; text: string; kinds: string[] } {
  const grid = modules(qrCode(uri, 'QR code'));
  const { data, width } = rasterise(grid);
  const result = jsQR.default(data, width, width, { inversionAttempts: 'dontInvert' });
  assert.ok(result, `jsQR found no QR code for ${uri}`);
  return { ...grid, text: result.data, kinds: result.chunks.map((chunk) => chunk.type) };
}

// What the TOTP set-up step draws: the adapter's otpauthUri() for a Cognito secret (32 base32
// characters) and addresses from short to long; the first and last need version 7 or more, which
// adds the version-information blocks.
const uris = [
  otpauthUri('Wild Rydes', 'first.last+cognito-auth-elements@example.com', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
  otpauthUri('Wild Rydes', 'a@b.co', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  otpauthUri('Cognito Auth Elements demo', `${'x'.repeat(60)}@example.com`, 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'),
];

describe('the TOTP set-up QR code (qr-code.ts, lean-qr) scans back to its otpauth:// URI', () => {
  for (const uri of uris) {
    it(`${uri.length} characters: ${uri.slice(0, 48)}…`, () => {
      const { text, kinds, dark, size } = decode(uri);
      assert.equal(text, uri);
      assert.ok(!kinds.includes('eci'), `an ECI header in ${kinds.join(', ')}`);
      assert.equal(level(dark, size), 'M', 'error correction M, as with qrcode-generator');
    });
  }

  it('draws lean-qr’s matrix inside a quiet zone of four light modules', () => {
    const uri = uris[0];
    const { dark, size } = modules(qrCode(uri, 'QR code'));
    const code = generate(uri, { minCorrectionLevel: correction.M, maxCorrectionLevel: correction.M });
    assert.equal(size, code.size + 2 * QUIET_ZONE);
    assert.ok(code.size >= 45, 'the realistic URI should need version 7 or more');
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        assert.equal(dark[y][x], code.get(x - QUIET_ZONE, y - QUIET_ZONE), `module (${x}, ${y})`);
      }
    }
  });

  it('reads the label out as the image’s accessible name', () => {
    const rendered = qrCode(uris[1], 'QR code to add this account');
    assert.equal(rendered.values[0], 'QR code to add this account');
  });
});
