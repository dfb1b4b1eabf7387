// PKCE (RFC 7636, https://www.rfc-editor.org/rfc/rfc7636) with S256, the only method Cognito's
// /oauth2/authorize accepts: a random verifier stays in this tab, the authorize request carries its
// SHA-256, and only the token request (which needs the code as well) carries the verifier itself.
// So a code stolen from the redirect (a log, a referrer, another app) cannot be exchanged.

/** base64url without padding (RFC 4648 section 5), as PKCE and JWTs write bytes. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `bytes` random bytes from the browser's CSPRNG, base64url: 32 bytes make 43 characters. */
export function randomToken(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 challenge of `verifier`: base64url(SHA-256(ASCII verifier)). */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** A fresh verifier (43 characters, within RFC 7636's 43 to 128) and its challenge. */
export async function createPkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomToken(32);
  return { verifier, challenge: await challengeOf(verifier) };
}
