// How long ago the signed-in user last proved who they are: the tokens' `auth_time` (the sign-in
// itself, which refreshing the tokens keeps) against now, on the pool's clock.
import { claimsOf } from './jwt-claims.js';
import { readTokens } from './token-storage.js';
import type { CognitoConfig } from './types.js';

/**
 * Seconds since the stored session's sign-in, or null when nobody is signed in or the tokens
 * carry no `auth_time`. Measured on the pool's clock (the stored clock drift), so a device whose
 * clock is off by minutes neither skips nor forces a fresh sign-in.
 */
export function secondsSinceSignIn(config: CognitoConfig, now = Date.now()): number | null {
  const tokens = readTokens(config);
  if (!tokens) return null;
  // Cognito puts auth_time in both tokens; the access token is the one its APIs accept.
  const authTime = Number(claimsOf(tokens.accessToken).auth_time ?? claimsOf(tokens.idToken).auth_time);
  if (!Number.isFinite(authTime) || authTime <= 0) return null;
  return Math.floor(now / 1000) - tokens.clockDrift - authTime;
}
