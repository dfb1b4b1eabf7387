// Signing out. Here: the tokens are forgotten at once, then RevokeToken is sent once, so the
// refresh token (and every token minted from it) stops working on the server too. Everywhere:
// GlobalSignOut ends every session of the user; until it succeeds nothing is forgotten, so the
// person can retry.
import { AuthError, toAuthError, transientCodes } from './cognito-errors.js';
import { claimsOf } from './jwt-claims.js';
import { freshTokens } from './refresh.js';
import { request } from './request.js';
import { clearTokens, readTokens } from './token-storage.js';
import type { CognitoConfig } from './types.js';

/**
 * Signs out on this device. The stored tokens are cleared before the first await (so the caller
 * and other tabs see the sign-out at once); resolves to whether the server revoked the refresh
 * token (false: it could not be told, and the token stays usable until it expires).
 */
export async function signOutHere(config: CognitoConfig): Promise<boolean> {
  const tokens = readTokens(config);
  clearTokens(config);
  // Tokens without origin_jti predate revocation support; like the SDK, skip the call for them.
  if (!tokens || !claimsOf(tokens.accessToken).origin_jti) return true;
  try {
    // keepalive: a gate on the page redirects as soon as the tokens are cleared, and the
    // revocation must still reach the server.
    await request(config, 'RevokeToken', { Token: tokens.refreshToken, ClientId: config.userPoolClientId }, { keepalive: true });
    return true;
  } catch {
    return false;
  }
}

/** Signs the user out on every device; throws (keeping this session) when the service could not be reached. */
export async function signOutEverywhere(config: CognitoConfig): Promise<void> {
  try {
    const tokens = await freshTokens(config);
    if (tokens) await request(config, 'GlobalSignOut', { AccessToken: tokens.accessToken });
  } catch (err) {
    if (err instanceof AuthError && transientCodes.has(err.code)) throw toAuthError(err, 'signout');
    // Refused: the tokens are already invalid everywhere, only this copy is left to clear.
  }
  clearTokens(config);
}
