// Reads a JWT's payload. No signature check: the browser only needs the claims to show who is
// signed in and when the tokens expire; the API that receives the token verifies it (the demo's
// with aws-jwt-verify). Ten lines instead of a JWT library in every page that signs in.
import { base64ToBytes } from './srp/srp-client.js';

const decoder = new TextDecoder();

/** The payload's claims, or {} when `jwt` is not a readable JWT. */
export function claimsOf(jwt: string): Record<string, unknown> {
  try {
    const claims: unknown = JSON.parse(decoder.decode(base64ToBytes(jwt.split('.')[1] ?? '')));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
