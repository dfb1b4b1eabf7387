// The store's view of a session: the ID token's claims, never the tokens themselves.
import { claimsOf } from './jwt-claims.js';
import type { StoredTokens } from './token-storage.js';
import type { SessionUser } from './types.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function toSessionUser(tokens: Pick<StoredTokens, 'idToken'>): SessionUser {
  const claims = claimsOf(tokens.idToken);
  return {
    username: text(claims['cognito:username']) ?? text(claims.sub) ?? '',
    sub: text(claims.sub) ?? '',
    email: typeof claims.email === 'string' ? claims.email : null,
    claims,
    expiresAt: Number(claims.exp ?? 0),
  };
}
