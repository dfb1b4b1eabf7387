// The hosted UI's tokens: the pool's own signed JWTs (tokens.ts) with what OAuth adds, the scope
// in the access token and, with openid, the ID token carrying nonce, at_hash, amr and identities.
// AWS: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
import { createHash, randomUUID } from 'node:crypto';
import { addRefreshToken } from '../operations/refresh.js';
import type { Pool } from '../pool.js';
import type { User } from '../store.js';
import type { SignInContext } from '../tokens.js';
import type { HostedUi } from './hosted-ui.js';

export interface OAuthTokenRequest {
  user: User;
  clientId: string;
  scopes: string[];
  provider: string;
  amr: string[];
  authTime: number;
  nonce?: string;
  /** A sign-in's first tokens get a refresh token; a refresh (or the implicit grant) does not. */
  withRefreshToken: boolean;
  /** A refresh keeps its sign-in's origin_jti. */
  originJti?: string;
}

export interface OAuthTokens {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** OIDC Core 3.1.3.6: base64url of the left half of the access token's SHA-256. */
function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** The identities attribute (a JSON string on the user) as the ID token carries it: JSON. */
function identitiesClaim(user: User): Record<string, unknown> {
  if (!user.attributes.identities) return {};
  try {
    return { identities: JSON.parse(user.attributes.identities) as unknown };
  } catch {
    return {};
  }
}

export async function issueOAuthTokens(pool: Pool, hostedUi: HostedUi, request: OAuthTokenRequest): Promise<OAuthTokens> {
  const { user, clientId, scopes } = request;
  const context: SignInContext = { originJti: request.originJti ?? randomUUID(), eventId: randomUUID(), authTime: request.authTime };
  const groups = pool.store.groupsOf(user);
  const accessToken = await pool.tokens.accessToken(user, clientId, context, groups, { scope: scopes.join(' '), version: 2 });
  const idToken = scopes.includes('openid')
    ? await pool.tokens.idToken(user, clientId, context, groups, {
        ...identitiesClaim(user),
        at_hash: atHash(accessToken),
        ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
        ...(request.amr.length ? { amr: request.amr } : {}),
      })
    : undefined;
  let refreshToken: string | undefined;
  if (request.withRefreshToken) {
    refreshToken = addRefreshToken(pool, {
      username: user.username,
      clientId,
      originJti: context.originJti,
      authTime: context.authTime,
      expiresAt: Date.now() + pool.config.limits.refreshTokenTtlSeconds * 1000,
    });
    hostedUi.addGrant(context.originJti, { scopes, provider: request.provider, amr: request.amr });
    await pool.store.save();
  }
  return {
    access_token: accessToken,
    ...(idToken ? { id_token: idToken } : {}),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    token_type: 'Bearer',
    expires_in: pool.config.limits.accessTokenTtlSeconds,
  };
}
