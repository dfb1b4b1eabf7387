// Finishing a hosted-UI sign-in on the page it came back to: the pending request is taken (once),
// the answer checked against it, the code exchanged with the PKCE verifier, the ID token checked
// (our nonce, our app client, our pool), and the tokens stored where every other sign-in stores
// them. The tokens come straight from the token endpoint over TLS, so, as OpenID Connect Core
// 3.1.3.7 allows, their signature is left to the APIs that receive them.
import { AuthError, authError } from '../cognito-errors.js';
import { authErrorMessage } from '../error-messages.js';
import { claimsOf } from '../jwt-claims.js';
import { toSessionUser } from '../session-user.js';
import { writeTokens } from '../token-storage.js';
import type { CognitoConfig, SessionUser } from '../types.js';
import type { CallbackParams } from './callback-url.js';
import { markHostedSession } from './hosted-session.js';
import { takePending, type PendingRequest } from './pending-request.js';
import { exchangeCode } from './token-endpoint.js';

export type HostedSignInOutcome =
  | { ok: true; user: SessionUser; username: string; provider: string; config: CognitoConfig; returnTo: string | null }
  | { ok: false; error: AuthError; provider: string | null };

/** The provider the person actually used: the ID token's `identities`, else the one asked for, else the hosted page's own. */
function providerOf(claims: Record<string, unknown>, request: PendingRequest): string {
  const identities = claims.identities;
  const first: unknown = Array.isArray(identities) ? identities[0] : undefined;
  const name = first && typeof first === 'object' ? (first as { providerName?: unknown }).providerName : undefined;
  return typeof name === 'string' ? name : (request.provider ?? 'COGNITO');
}

/** Why the ID token is not one this request may accept, or null when it is. */
function problemWith(claims: Record<string, unknown>, request: PendingRequest): string | null {
  const { config } = request;
  if (claims.nonce !== request.nonce) return 'nonce';
  if (claims.token_use !== 'id') return 'token_use';
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(config.userPoolClientId)) return 'aud';
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  // The local pool (an endpoint) names itself; Cognito's issuer is its regional IdP URL.
  const ok = config.endpoint ? issuer.endsWith(`/${config.userPoolId}`) : issuer === `https://cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
  return ok ? null : 'iss';
}

/**
 * The error the hosted UI sent back, in our codes. A provider's refusal or a cancel comes as
 * `access_denied`, or (from a federated provider) as `invalid_request` with "<IdP> Error -
 * access_denied" in the description; a provider that failed, as `invalid_request` naming the IdP
 * (the Authorize endpoint's page); the rest are set-up problems, shown by name, never by free text.
 */
function callbackError(error: string, description: string): AuthError {
  if (error === 'access_denied' || /access_denied|cancel/i.test(description)) return authError('access-denied', { key: 'error.access-denied' });
  if (error === 'server_error' || /\bIdP\b|Error - /i.test(description)) return new AuthError('server', authErrorMessage('server'), description);
  return authError('not-configured', { key: 'error.hosted-ui.refused', params: { error: error.replace(/[^\w-]/g, '').slice(0, 40) } });
}

async function complete(params: CallbackParams, request: PendingRequest): Promise<HostedSignInOutcome> {
  const { config } = request;
  if (params.error) throw callbackError(params.error, params.description ?? '');
  if (!params.code || !config.domain) throw authError('callback-mismatch', { key: 'error.callback-mismatch' });
  const tokens = await exchangeCode({ ...config, domain: config.domain }, params.code, request.redirectUri, request.verifier);
  const claims = claimsOf(tokens.idToken);
  const problem = problemWith(claims, request);
  if (problem) throw authError('callback-mismatch', { key: 'error.callback-mismatch' }, `ID token ${problem} does not match the request`);
  const username = typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : String(claims.sub);
  writeTokens(config, { username, ...tokens });
  markHostedSession(config);
  return { ok: true, user: toSessionUser(tokens), username, provider: providerOf(claims, request), config, returnTo: request.returnTo };
}

/**
 * Completes the sign-in `params` answers (checked to be ours by takeCallbackParams). Never throws;
 * null when the request is no longer there (another copy of the script on the page took it).
 */
export async function completeHostedSignIn(params: CallbackParams): Promise<HostedSignInOutcome | null> {
  const taken = takePending(params.state);
  if (!taken) return null;
  const { request, expired } = taken;
  try {
    if (expired) throw authError('session-expired', { key: 'error.session-expired' });
    return await complete(params, request);
  } catch (err) {
    const error = err instanceof AuthError ? err : new AuthError('unknown', String(err), err);
    return { ok: false, error, provider: request.provider };
  }
}
