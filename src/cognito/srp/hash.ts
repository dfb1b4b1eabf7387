// SHA-256 and HMAC-SHA256 through WebCrypto (secure contexts only: https or localhost, which
// Cognito sign-in needs anyway; on a plain-http page crypto.subtle is missing and sign-in says so).
import { bytesToHex, hexToBytes } from './bigint.js';

const encoder = new TextEncoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** SHA-256 as 64 lower-case hex digits. */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource)));
}

/** SHA-256 of hex-decoded input (the SDK's `hexHash`). */
export const hexHash = (hex: string): Promise<string> => sha256Hex(hexToBytes(hex));

export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data as BufferSource));
}
