// A rollup plugin for the drop-in bundle: resolves the bare import 'qrcode-generator' to the
// cut-down copy in ./qrcode.mjs (see its header for what was removed and why). Only rollup applies
// it; the test runner and lib/ use the package itself, and test/node/qrcode-shim.test.ts proves the
// two draw the same module matrix. Sizes: test/node/bundle-size.test.ts, test/bench/bundle-sizes.mjs.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const standIn = resolve(dirname(fileURLToPath(import.meta.url)), 'qrcode.mjs');

export function qrSlim() {
  return {
    name: 'qr-slim',
    resolveId(source) {
      return source === 'qrcode-generator' ? standIn : null;
    },
  };
}
