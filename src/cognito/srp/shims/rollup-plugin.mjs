// A rollup plugin that swaps amazon-cognito-identity-js's heavy browser dependencies for small
// stand-ins in this folder (each says what it replaces and how it is tested). It compiles those
// TypeScript files itself, so it also works in a rollup pipeline without a TypeScript plugin
// (the test runner's SDK bundle). Sizes: test/node/bundle-size.test.ts, test/bench/bundle-sizes.mjs.
import { existsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const shims = dirname(fileURLToPath(import.meta.url));
const srp = dirname(shims);
const shim = (name) => resolve(shims, name);
const empty = '\0sdk-slim:empty';
const noCookies = '\0sdk-slim:no-cookies';
const sdkSource = `${sep}amazon-cognito-identity-js${sep}es${sep}`;

/**
 * @param {{ srpHelper?: boolean }} [options] srpHelper (default true) also replaces the SDK's
 *   AuthenticationHelper and BigInteger. Turn it off where tests need the SDK's own helper to
 *   compare against (test/browser/srp/sdk-parity.test.ts).
 */
export function sdkSlim({ srpHelper = true } = {}) {
  return {
    name: 'sdk-slim',
    resolveId(source, importer) {
      // The npm Buffer polyfill: a small Uint8Array subclass covers every use the SDK makes.
      if (source === 'buffer') return shim('buffer.ts');
      // Pure-JS SHA-256 with @aws-crypto/util, a utf8 helper and CommonJS tslib behind it.
      if (source === '@aws-crypto/sha256-js') return shim('sha256.ts');
      // A fetch polyfill for Node and old browsers; every browser we support has fetch.
      if (source === 'isomorphic-unfetch') return empty;
      // js-cookie only serves the SDK's CookieStorage, which our adapter never uses.
      if (source === 'js-cookie') return noCookies;
      if (srpHelper && importer?.includes(sdkSource)) {
        // jsbn's BigInteger and the SRP helper on top of it: native BigInt instead.
        if (source === './AuthenticationHelper') return shim('authentication-helper.ts');
        if (source === './BigInteger') return shim('big-integer.ts');
      }
      // Our own relative imports between .ts files, written with .js as TypeScript wants.
      if (importer?.startsWith(srp) && source.startsWith('.') && source.endsWith('.js')) {
        const file = resolve(dirname(importer), source.replace(/\.js$/, '.ts'));
        if (existsSync(file)) return file;
      }
      return null;
    },
    load(id) {
      if (id === empty) return 'export {};';
      if (id === noCookies) {
        return "const fail = () => { throw new Error('CookieStorage is not included in cognito-auth-elements'); };\n" +
          'export default { get: fail, set: fail, remove: fail };';
      }
      return null;
    },
    transform(code, id) {
      // Already JavaScript if @rollup/plugin-typescript ran first; transpiling again is harmless.
      if (!id.startsWith(srp) || !id.endsWith('.ts')) return null;
      const { outputText } = ts.transpileModule(code, {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, useDefineForClassFields: false },
        fileName: id,
      });
      return { code: outputText, map: null };
    },
  };
}
