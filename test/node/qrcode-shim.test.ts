// The drop-in bundle's cut-down qrcode-generator (src/shared/shims/qrcode.mjs, swapped in by
// qrSlim() in rollup.config.mjs) against the package itself: the same module matrix for the same
// input, including the otpauth:// URI the TOTP set-up step draws, and the same errors; and
// src/elements/signin-steps/qr-code.ts uses no more of the library than the copy keeps.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import original from 'qrcode-generator';

type Level = 'L' | 'M' | 'Q' | 'H';
type Mode = Parameters<ReturnType<typeof original>['addData']>[1];
type TypeNumber = Parameters<typeof original>[0];
type Factory = typeof original;

// Compiled to build/test/node/, so the source tree is three levels up; a plain .mjs file, loaded at
// run time so tsc does not need a declaration for it.
const standInUrl = new URL('../../../src/shared/shims/qrcode.mjs', import.meta.url).href;
const standIn: Factory = ((await import(standInUrl)) as { default: Factory }).default;

/** The matrix as one string per row, '#' dark and '.' light, plus its size. */
function matrix(factory: Factory, text: string, options: { typeNumber?: number; level?: Level; mode?: Mode } = {}): string {
  const qr = factory((options.typeNumber ?? 0) as TypeNumber, options.level ?? 'M');
  qr.addData(text, options.mode);
  qr.make();
  const count = qr.getModuleCount();
  const rows: string[] = [];
  for (let row = 0; row < count; row++) {
    let line = '';
    for (let col = 0; col < count; col++) line += qr.isDark(row, col) ? '#' : '.';
    rows.push(line);
  }
  return `${count}\n${rows.join('\n')}`;
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return 'no error';
}

// What the TOTP set-up step draws: the adapter's otpauthUri() for a Cognito secret (32 base32
// characters) and a long address, about 150 characters, version 7+ with its type-number blocks.
const otpauthUri =
  'otpauth://totp/Wild%20Rydes:first.last%2Bcognito-auth-elements%40example.com' +
  '?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Wild%20Rydes&algorithm=SHA1&digits=6&period=30';

describe('src/shared/shims/qrcode.mjs draws what qrcode-generator draws', () => {
  it('an otpauth:// URI of realistic length, at every error-correction level', () => {
    for (const level of ['L', 'M', 'Q', 'H'] as const) {
      const expected = matrix(original, otpauthUri, { level });
      assert.ok(Number(expected.split('\n')[0]) >= 45, 'the URI should need version 7 or more');
      assert.equal(matrix(standIn, otpauthUri, { level }), expected, `level ${level}`);
    }
  });

  it('short, empty, non-ASCII and long byte strings with the automatic version', () => {
    const inputs = [
      '',
      'a',
      'hello world',
      'otpauth://totp/x:y?secret=ABCDEFGHIJKLMNOP',
      'café ☕ 日本', // the package keeps the low byte of each UTF-16 unit; so must the copy
      'x'.repeat(1000), // a high version (several RS blocks, two type-number blocks)
    ];
    for (const text of inputs) {
      assert.equal(matrix(standIn, text), matrix(original, text), JSON.stringify(text.slice(0, 40)));
    }
  });

  it('a fixed version, and every error-correction level for a short text', () => {
    for (const level of ['L', 'M', 'Q', 'H'] as const) {
      assert.equal(matrix(standIn, 'hi', { typeNumber: 10, level }), matrix(original, 'hi', { typeNumber: 10, level }), level);
      assert.equal(matrix(standIn, '123456', { level }), matrix(original, '123456', { level }), level);
    }
    assert.equal(matrix(standIn, 'hi', { mode: 'Byte' }), matrix(original, 'hi'));
  });

  it('the same errors: too much data for a fixed version, an unknown mode', () => {
    assert.deepEqual(
      thrown(() => matrix(standIn, 'x'.repeat(100), { typeNumber: 1 })),
      thrown(() => matrix(original, 'x'.repeat(100), { typeNumber: 1 })),
    );
    assert.match(String(thrown(() => matrix(original, 'x'.repeat(100), { typeNumber: 1 }))), /code length overflow/);
    assert.equal(thrown(() => matrix(standIn, 'x', { mode: 'Other' as Mode })), 'mode:Other');
    assert.equal(thrown(() => matrix(original, 'x', { mode: 'Other' as Mode })), 'mode:Other');
  });

  it('throws for the modes it leaves out, rather than drawing something else', () => {
    for (const mode of ['Numeric', 'Alphanumeric', 'Kanji'] as const) {
      assert.equal(thrown(() => matrix(standIn, '12', { mode })), `mode:${mode}`);
    }
  });

  it('leaves out the renderers and the GIF encoder (the point of the copy)', () => {
    const qr = standIn(0, 'M') as unknown as Record<string, unknown>;
    for (const name of ['createSvgTag', 'createDataURL', 'createImgTag', 'createTableTag', 'createASCII', 'renderTo2dContext']) {
      assert.equal(qr[name], undefined, name);
      assert.equal(typeof (original(0, 'M') as unknown as Record<string, unknown>)[name], 'function', name);
    }
  });

  it('qr-code.ts calls only what the copy keeps: addData with the text alone, make, getModuleCount, isDark', () => {
    const source = readFileSync(new URL('../../../src/elements/signin-steps/qr-code.ts', import.meta.url), 'utf8');
    assert.match(source, /import qrcode from 'qrcode-generator';/);
    const calls = [...source.matchAll(/\bqr\.(\w+)\(([^()]*)\)/g)].map(([, method, args]) => ({ method, args: args.split(',').length }));
    assert.ok(calls.length > 0, 'no qr.<method>() calls found in qr-code.ts');
    for (const { method, args } of calls) {
      assert.ok(['addData', 'make', 'getModuleCount', 'isDark'].includes(method), `qr-code.ts calls qr.${method}, which the copy leaves out`);
      if (method === 'addData') assert.equal(args, 1, 'qr-code.ts passes a mode to addData; the copy has Byte mode only');
    }
  });
});
