// The store's view of a session: the ID token's claims, never the tokens themselves.
import { claimsOf } from './jwt-claims.js';
import type { StoredTokens } from './token-storage.js';
import type { SessionUser } from './types.js';

export function toSessionUser(tokens: Pick<StoredTokens, 'idToken'>): SessionUser {
  const claims = claimsOf(tokens.idToken);
  return {
    username: String(claims['cognito:username'] ?? claims.sub ?? ''),
    sub: String(claims.sub ?? ''),
    email: typeof claims.email === 'string' ? claims.email : null,
    claims,
    expiresAt: Number(claims.exp ?? 0),
  };
}
