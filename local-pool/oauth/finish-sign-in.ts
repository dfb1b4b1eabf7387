// The end of every hosted UI sign-in (password, MFA, federated, or a live session): back to the
// app's redirect URI with a code (response_type code) or the tokens in the fragment (token).
import type { ServerResponse } from 'node:http';
import type { Pool } from '../pool.js';
import { Store } from '../store.js';
import { withParams, type AuthorizeRequest } from './authorize-request.js';
import type { HostedUi, SignedInBrowser } from './hosted-ui.js';
import { redirect } from './http.js';
import { issueOAuthTokens } from './issue-tokens.js';

/** Redirects to the app. `setCookie`: the new session's cookie, when this sign-in started one. */
export async function finishSignIn(
  pool: Pool,
  hostedUi: HostedUi,
  res: ServerResponse,
  request: AuthorizeRequest,
  signedIn: SignedInBrowser,
  setCookie: string[] = [],
) {
  const headers: Record<string, string[]> = setCookie.length ? { 'Set-Cookie': setCookie } : {};
  if (request.responseType === 'code') {
    const code = hostedUi.addCode({
      ...signedIn,
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      nonce: request.nonce,
      codeChallenge: request.codeChallenge as string,
      expiresAt: Date.now() + pool.config.limits.authorizationCodeTtlMs,
    });
    const params = new URLSearchParams({ code });
    if (request.state !== undefined) params.set('state', request.state);
    return redirect(res, withParams(request.redirectUri, params, false), headers);
  }
  // The implicit grant: no refresh token, the tokens in the fragment (never sent to a server).
  const user = pool.store.users.get(Store.key(signedIn.username));
  if (!user) throw new Error(`signed-in user ${signedIn.username} is gone`);
  const tokens = await issueOAuthTokens(pool, hostedUi, {
    user,
    clientId: request.clientId,
    scopes: request.scopes,
    provider: signedIn.provider,
    amr: signedIn.amr,
    authTime: signedIn.authTime,
    nonce: request.nonce,
    withRefreshToken: false,
  });
  const params = new URLSearchParams();
  if (tokens.id_token) params.set('id_token', tokens.id_token);
  params.set('access_token', tokens.access_token);
  params.set('token_type', tokens.token_type);
  params.set('expires_in', String(tokens.expires_in));
  if (request.state !== undefined) params.set('state', request.state);
  return redirect(res, withParams(request.redirectUri, params, true), headers);
}
