// Stands in for the npm `buffer` polyfill (~50 kB unminified) inside amazon-cognito-identity-js
// 6.3.21 in the browser bundle. It covers exactly what the SDK does with Buffer (grep es/ for it):
//   Buffer.from(string, 'hex' | 'utf8' | 'base64'), Buffer.from(Uint8Array),
//   Buffer.concat([...]), buf.toString('hex' | 'base64' | 'utf8'), buf.slice().
// Plain JavaScript, so rollup and the test runner's SDK bundle can use it without a compile step.
// Tested against the real polyfill in test/browser/srp/shims.test.ts.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Buffer extends Uint8Array {
  /**
   * @param {string | ArrayLike<number> | ArrayBufferLike} value
   * @param {'hex' | 'utf8' | 'utf-8' | 'base64'} [encoding]
   */
  static from(value, encoding) {
    if (typeof value !== 'string') return new Buffer(/** @type {ArrayLike<number>} */ (value));
    if (encoding === 'hex') {
      const bytes = new Buffer(value.length >> 1);
      for (let i = 0; i < bytes.length; i++) {
        const byte = parseInt(value.substr(i * 2, 2), 16);
        // The polyfill stops at the first character that is not hex.
        if (Number.isNaN(byte)) return bytes.slice(0, i);
        bytes[i] = byte;
      }
      return bytes;
    }
    if (encoding === 'base64') {
      // Like the polyfill: url-safe letters accepted, anything else and padding ignored.
      const clean = value.replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
      const binary = atob(clean.length % 4 === 1 ? clean.slice(0, -1) : clean);
      return Buffer.from(Array.from(binary, (char) => char.charCodeAt(0)));
    }
    return new Buffer(encoder.encode(value));
  }

  /** @param {Uint8Array[]} list */
  static concat(list) {
    const out = new Buffer(list.reduce((length, part) => length + part.length, 0));
    let offset = 0;
    for (const part of list) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  /** @param {'hex' | 'utf8' | 'utf-8' | 'base64'} [encoding] */
  toString(encoding) {
    if (encoding === 'hex') return Array.from(this, (byte) => (byte < 16 ? '0' : '') + byte.toString(16)).join('');
    if (encoding === 'base64') return btoa(String.fromCharCode(...this));
    return decoder.decode(this);
  }
}
