// A rollup plugin that swaps amazon-cognito-identity-js's heavy browser dependencies for what a
// modern browser already has. Measured and explained in test/node/bundle-size.test.ts; used by
// rollup.config.mjs (and should be by the test runner's SDK bundle, so tests run what ships).
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const empty = '\0sdk-slim:empty';
const noCookies = '\0sdk-slim:no-cookies';

export function sdkSlim() {
  return {
    name: 'sdk-slim',
    resolveId(source) {
      // The npm Buffer polyfill: a small Uint8Array subclass covers every use the SDK makes.
      if (source === 'buffer') return here('./buffer.js');
      // Pure-JS SHA-256 with @aws-crypto/util, a utf8 helper and CommonJS tslib behind it.
      if (source === '@aws-crypto/sha256-js') return here('./sha256.js');
      // A fetch polyfill for Node and old browsers; every browser we support has fetch.
      if (source === 'isomorphic-unfetch') return empty;
      // js-cookie only serves the SDK's CookieStorage, which our adapter never uses.
      if (source === 'js-cookie') return noCookies;
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
  };
}
