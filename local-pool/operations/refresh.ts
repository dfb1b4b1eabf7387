// New tokens from a refresh token: InitiateAuth REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken, and
// refresh token rotation. AWS: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
// and https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
import { randomBytes, randomUUID } from 'node:crypto';
import { checkFlowAllowed } from '../auth-factors.js';
import { invalidParameter, notAuthorized, refreshTokenReused } from '../errors.js';
import { Input } from '../input.js';
import { checkClient, type Pool } from '../pool.js';
import { Store, type RefreshRecord } from '../store.js';
import type { SignInContext } from '../tokens.js';

/** Stores a refresh token (a sign-in's first, or rotation's next) and returns it. The caller saves. */
export function addRefreshToken(pool: Pool, fields: Omit<RefreshRecord, 'token' | 'revoked' | 'retiredAt'>): string {
  const token = randomBytes(64).toString('base64url');
  pool.store.refreshTokens.set(token, { ...fields, token, revoked: false, retiredAt: null });
  return token;
}

/** InitiateAuth with REFRESH_TOKEN_AUTH (or its synonym REFRESH_TOKEN): never a new refresh token. */
export function refreshTokenAuth(pool: Pool, params: Record<string, string>) {
  // AWS: "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation
  // enabled"; such a client has the flow switched off, refused as any disabled flow is.
  if (pool.config.refreshTokenRotation) throw invalidParameter('REFRESH_TOKEN_AUTH flow not enabled for this client');
  return refresh(pool, Input.required(params, 'REFRESH_TOKEN'), pool.config.clientId);
}

/** GetTokensFromRefreshToken: under rotation, also a new refresh token. */
export async function getTokensFromRefreshToken(pool: Pool, input: Input) {
  const token = input.string('RefreshToken');
  const clientId = input.string('ClientId');
  checkClient(pool, clientId);
  // The operation needs the client's ALLOW_REFRESH_TOKEN_AUTH, as the REFRESH_TOKEN_AUTH flow does.
  checkFlowAllowed(pool, 'REFRESH_TOKEN_AUTH');
  const { AuthenticationResult } = await refresh(pool, token, clientId);
  return { AuthenticationResult };
}

/** The stored record if `token` may still refresh, else Cognito's refusal. */
export function usableRecord(pool: Pool, token: string, clientId: string): RefreshRecord {
  const record = pool.store.refreshTokens.get(token);
  if (!record || record.clientId !== clientId) throw notAuthorized('Invalid Refresh Token');
  // The whole sign-in counts: RevokeToken on any token of it revokes the ones rotation minted too.
  if (record.revoked || pool.store.revokedOrigins.has(record.originJti)) throw notAuthorized('Refresh Token has been revoked');
  if (record.expiresAt <= Date.now()) throw notAuthorized('Refresh Token has expired');
  if (record.retiredAt !== null) {
    // A pool restarted without rotation keeps refusing what rotation retired, with no grace.
    const graceMs = (pool.config.refreshTokenRotation?.retryGracePeriodSeconds ?? 0) * 1000;
    // Only this token is refused: AWS documents no revocation of the newer ones on reuse, so a
    // client that wins a race between two tabs keeps its session.
    if (Date.now() >= record.retiredAt + graceMs) throw refreshTokenReused();
  }
  return record;
}

/**
 * Retires `record` (the first use starts its grace period; retries within it do not extend it) and
 * returns its successor: same sign-in (origin_jti, auth_time) and the same absolute expiry.
 */
export function rotate(pool: Pool, record: RefreshRecord): string {
  const now = Date.now();
  record.retiredAt ??= now;
  // Every rotation leaves a retired record behind; a long-running pool forgets the expired ones.
  if (pool.store.refreshTokens.size >= 1000) pool.store.dropExpiredRefreshTokens(now);
  const { username, clientId, originJti, authTime, expiresAt } = record;
  return addRefreshToken(pool, { username, clientId, originJti, authTime, expiresAt });
}

async function refresh(pool: Pool, token: string, clientId: string) {
  const record = usableRecord(pool, token, clientId);
  const user = pool.store.users.get(Store.key(record.username));
  if (!user) throw notAuthorized('Invalid Refresh Token');
  if (!user.enabled) throw notAuthorized('User is disabled.');
  // Synchronously, before any await: of two concurrent refreshes with one token, the second sees it retired.
  const refreshToken = pool.config.refreshTokenRotation ? rotate(pool, record) : undefined;
  const context: SignInContext = { originJti: record.originJti, eventId: randomUUID(), authTime: record.authTime };
  // Read at every issue, so a refresh reflects group changes since sign-in, as Cognito's does.
  const groups = pool.store.groupsOf(user);
  const [idToken, accessToken] = await Promise.all([
    pool.tokens.idToken(user, clientId, context, groups),
    pool.tokens.accessToken(user, clientId, context, groups),
  ]);
  if (refreshToken) await pool.store.save();
  return {
    ChallengeParameters: {},
    AuthenticationResult: {
      AccessToken: accessToken,
      ExpiresIn: pool.config.limits.accessTokenTtlSeconds,
      TokenType: 'Bearer',
      ...(refreshToken ? { RefreshToken: refreshToken } : {}),
      IdToken: idToken,
    },
  };
}
