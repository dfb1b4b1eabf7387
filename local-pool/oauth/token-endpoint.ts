// POST /oauth2/token: the authorization_code grant (PKCE S256, single-use code, five minutes,
// redirect_uri and client_id as at /oauth2/authorize) and the refresh_token grant; the app client
// is public (no secret), so client_credentials is refused. Errors are Cognito's `{"error": …}`.
// AWS: https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError } from '../errors.js';
import { rotate, usableRecord } from '../operations/refresh.js';
import type { Pool } from '../pool.js';
import { Store } from '../store.js';
import type { HostedUi } from './hosted-ui.js';
import { oauthError, readForm, sendOAuthJson } from './http.js';
import { issueOAuthTokens } from './issue-tokens.js';

/** RFC 7636 4.1: 43 to 128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

function challengeMatches(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/**
 * The client: client_id in the body, or HTTP Basic (client_secret_basic). This client has no
 * secret, so a secret sent is wrong, as Cognito answers for a client without one.
 */
function clientOf(pool: Pool, req: IncomingMessage, form: URLSearchParams): { clientId: string } | { error: string } {
  const header = req.headers.authorization;
  let clientId = form.get('client_id') ?? undefined;
  let secret = form.get('client_secret') ?? undefined;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const basicId = decodeURIComponent(colon < 0 ? decoded : decoded.slice(0, colon));
    if (clientId !== undefined && clientId !== basicId) return { error: 'invalid_client' };
    clientId = basicId;
    secret = colon < 0 ? undefined : decodeURIComponent(decoded.slice(colon + 1)) || undefined;
  }
  if (clientId === undefined || clientId === '') return { error: 'invalid_request' };
  if (clientId !== pool.config.clientId || secret !== undefined) return { error: 'invalid_client' };
  return { clientId };
}

async function authorizationCode(pool: Pool, hostedUi: HostedUi, res: ServerResponse, form: URLSearchParams, clientId: string) {
  const id = form.get('code');
  const redirectUri = form.get('redirect_uri');
  const verifier = form.get('code_verifier');
  if (!id || !redirectUri) return oauthError(res, 'invalid_request', 'code and redirect_uri are required');
  const code = hostedUi.code(id);
  if (!code) return oauthError(res, 'invalid_grant', 'The authorization code is not valid');
  if (code.usedBy !== null) {
    // RFC 6749 4.1.2: a code sent twice may have been stolen; what the first use made is revoked.
    pool.store.revokedOrigins.add(code.usedBy);
    await pool.store.save();
    return oauthError(res, 'invalid_grant', 'The authorization code has already been used');
  }
  if (code.expiresAt <= Date.now()) return oauthError(res, 'invalid_grant', 'The authorization code has expired');
  if (code.clientId !== clientId || code.redirectUri !== redirectUri)
    return oauthError(res, 'invalid_grant', 'redirect_uri or client_id does not match the authorization request');
  if (!verifier) return oauthError(res, 'invalid_request', 'code_verifier is required (the request had a PKCE code_challenge)');
  if (!VERIFIER.test(verifier) || !challengeMatches(verifier, code.codeChallenge))
    return oauthError(res, 'invalid_grant', 'code_verifier does not match the code_challenge');
  const user = pool.store.users.get(Store.key(code.username));
  if (!user || !user.enabled) return oauthError(res, 'invalid_grant', 'The user can no longer sign in');
  // Marked before any await, so two exchanges of one code cannot both succeed.
  code.usedBy = '';
  const tokens = await issueOAuthTokens(pool, hostedUi, {
    user,
    clientId,
    scopes: code.scopes,
    provider: code.provider,
    amr: code.amr,
    authTime: code.authTime,
    nonce: code.nonce,
    withRefreshToken: true,
  });
  code.usedBy = pool.store.refreshTokens.get(tokens.refresh_token as string)?.originJti ?? '';
  return sendOAuthJson(res, 200, tokens);
}

async function refreshToken(pool: Pool, hostedUi: HostedUi, res: ServerResponse, form: URLSearchParams, clientId: string) {
  const token = form.get('refresh_token');
  if (!token) return oauthError(res, 'invalid_request', 'refresh_token is required');
  let record;
  try {
    record = usableRecord(pool, token, clientId);
  } catch (error) {
    if (error instanceof CognitoError) return oauthError(res, 'invalid_grant', error.message);
    throw error;
  }
  const user = pool.store.users.get(Store.key(record.username));
  if (!user || !user.enabled) return oauthError(res, 'invalid_grant', 'The user can no longer sign in');
  // With rotation the endpoint also hands out the next refresh token (and retires this one).
  const next = pool.config.refreshTokenRotation ? rotate(pool, record) : undefined;
  // A refresh token from the API (InitiateAuth) has no OAuth grant: it gets the API's scope.
  const grant = hostedUi.grant(record.originJti) ?? { scopes: ['aws.cognito.signin.user.admin'], provider: 'COGNITO', amr: [] };
  const tokens = await issueOAuthTokens(pool, hostedUi, {
    user,
    clientId,
    scopes: grant.scopes,
    provider: grant.provider,
    amr: grant.amr,
    authTime: record.authTime,
    originJti: record.originJti,
    withRefreshToken: false,
  });
  if (next) await pool.store.save();
  return sendOAuthJson(res, 200, next ? { ...tokens, refresh_token: next } : tokens);
}

export async function tokenEndpoint(pool: Pool, hostedUi: HostedUi, req: IncomingMessage, res: ServerResponse) {
  const form = await readForm(req, pool.config.maxBodyBytes);
  if (!form) return oauthError(res, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
  const client = clientOf(pool, req, form);
  if ('error' in client) return oauthError(res, client.error, client.error === 'invalid_client' ? 'Client authentication failed' : 'client_id is required');
  const grantType = form.get('grant_type');
  switch (grantType) {
    case 'authorization_code':
      return authorizationCode(pool, hostedUi, res, form, client.clientId);
    case 'refresh_token':
      return refreshToken(pool, hostedUi, res, form, client.clientId);
    case 'client_credentials':
      return oauthError(res, 'unauthorized_client', 'client_credentials needs an app client with a secret');
    case null:
    case '':
      return oauthError(res, 'invalid_request', 'grant_type is required');
    default:
      return oauthError(res, 'unsupported_grant_type');
  }
}
