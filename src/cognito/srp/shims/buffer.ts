// Stands in for the npm `buffer` polyfill (~50 kB unminified) inside amazon-cognito-identity-js
// 6.3.21 in the browser bundle. It covers exactly what the SDK does with Buffer (grep es/ for it):
//   Buffer.from(string, 'hex' | 'utf8' | 'base64'), Buffer.from(Uint8Array),
//   Buffer.concat([...]), buf.toString('hex' | 'base64' | 'utf8'), buf.slice().
// Tested against the real polyfill's answers in test/browser/srp/shims.test.ts.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

type Encoding = 'hex' | 'utf8' | 'utf-8' | 'base64';

class SdkBuffer extends Uint8Array {
  override toString(encoding?: Encoding): string {
    if (encoding === 'hex') return Array.from(this, (byte) => (byte < 16 ? '0' : '') + byte.toString(16)).join('');
    if (encoding === 'base64') return btoa(String.fromCharCode(...this));
    return decoder.decode(this);
  }
}

function from(value: string | ArrayLike<number>, encoding?: Encoding): SdkBuffer {
  if (typeof value !== 'string') return new SdkBuffer(value);
  if (encoding === 'hex') {
    const bytes = new SdkBuffer(value.length >> 1);
    for (let i = 0; i < bytes.length; i++) {
      const byte = parseInt(value.substr(i * 2, 2), 16);
      // The polyfill stops at the first pair that is not hex.
      if (Number.isNaN(byte)) return bytes.slice(0, i);
      bytes[i] = byte;
    }
    return bytes;
  }
  if (encoding === 'base64') {
    // Like the polyfill: url-safe letters accepted, padding and anything else ignored.
    const clean = value.replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
    const binary = atob(clean.length % 4 === 1 ? clean.slice(0, -1) : clean);
    return new SdkBuffer(Array.from(binary, (char) => char.charCodeAt(0)));
  }
  return new SdkBuffer(encoder.encode(value));
}

function concat(list: Uint8Array[]): SdkBuffer {
  const out = new SdkBuffer(list.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of list) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Only the static side the SDK calls; it never uses `new Buffer` or `instanceof Buffer`. */
export const Buffer = { from, concat };
