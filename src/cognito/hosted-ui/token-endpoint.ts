// The domain's /oauth2/token for the authorization code grant: a form POST (not Cognito's JSON
// API), answered with the three tokens or `400 {"error": "invalid_grant"}` and the like (the API
// reference's "Token endpoint",
// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html). It settles as
// every request of ours does: answered, refused, or timed out.
import { AuthError, authError, type AuthErrorCode } from '../cognito-errors.js';
import { authErrorMessage } from '../error-messages.js';
import { defaultTimeoutMs } from '../request.js';
import type { CognitoConfig } from '../types.js';
import { domainUrl } from './domain.js';

export interface TokenAnswer {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/** The OAuth error names the token endpoint answers with, in our codes. */
const codeByOAuthError: Record<string, AuthErrorCode> = {
  // Used, unknown or expired code, a verifier that does not match, another redirect_uri.
  invalid_grant: 'code-expired',
  invalid_client: 'not-configured',
  unauthorized_client: 'not-configured',
  invalid_request: 'not-configured',
  unsupported_grant_type: 'not-configured',
  invalid_scope: 'not-configured',
};

/** Exchanges `code` (with the PKCE verifier that started it) for tokens. */
export async function exchangeCode(config: CognitoConfig & { domain: string }, code: string, redirectUri: string, verifier: string): Promise<TokenAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeout ?? defaultTimeoutMs);
  let response: Response;
  let body: Record<string, unknown> = {};
  try {
    response = await fetch(`${domainUrl(config.domain)}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: config.userPoolClientId,
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }),
      signal: controller.signal,
    });
    const text = await response.text();
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      // Not JSON (a proxy's error page): the status decides below.
    }
  } catch (err) {
    if (controller.signal.aborted) throw new AuthError('timeout', authErrorMessage('timeout'), err);
    throw new AuthError('network', authErrorMessage('network'), err);
  } finally {
    clearTimeout(timer);
  }
  const { id_token: idToken, access_token: accessToken, refresh_token: refreshToken, error } = body;
  if (response.ok && typeof idToken === 'string' && typeof accessToken === 'string' && typeof refreshToken === 'string') {
    return { idToken, accessToken, refreshToken };
  }
  const cause = {
    name: typeof error === 'string' ? error : `HTTP ${response.status}`,
    message: typeof body.error_description === 'string' ? body.error_description : '',
    statusCode: response.status,
  };
  const ours = typeof error === 'string' ? codeByOAuthError[error] : undefined;
  if (ours === 'code-expired') throw authError(ours, { key: 'error.hosted-ui.code-expired' }, cause);
  if (ours) throw authError(ours, { key: 'error.hosted-ui.refused', params: { error: cause.name } }, cause);
  if (response.status === 429) throw new AuthError('too-many-requests', authErrorMessage('too-many-requests'), cause);
  throw new AuthError('server', authErrorMessage('server'), cause);
}
