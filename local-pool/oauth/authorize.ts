// GET /oauth2/authorize: checks the request, then signs in silently with a live session, answers
// prompt=none with login_required when there is none, or sends the browser to /login or straight
// to the federated provider named by identity_provider.
// AWS: https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pool } from '../pool.js';
import { checkAuthorizeRequest, errorRedirect, requestParams, type AuthorizeRequest } from './authorize-request.js';
import { finishSignIn } from './finish-sign-in.js';
import type { BrowserSession, HostedUi } from './hosted-ui.js';
import { sendErrorPage } from './html.js';
import { redirect } from './http.js';
import { providerPagePath } from './provider-page.js';
import { browserSession } from './session-cookie.js';

/** A live session serves a request unless the request names another provider than the session's. */
const sessionServes = (session: BrowserSession | null, request: AuthorizeRequest): session is BrowserSession =>
  session !== null && (request.identityProvider === undefined || request.identityProvider === session.provider);

/** Where a browser without a usable session goes: the provider's page, or /login. */
export function signInPage(request: AuthorizeRequest): string {
  const provider = request.identityProvider;
  if (provider !== undefined && provider !== 'COGNITO') return `${providerPagePath(provider)}?${requestParams(request)}`;
  return `/login?${requestParams(request)}`;
}

export async function authorize(pool: Pool, hostedUi: HostedUi, req: IncomingMessage, res: ServerResponse, url: URL) {
  const check = checkAuthorizeRequest(pool, url.searchParams);
  if (!check.ok) return check.page !== undefined ? sendErrorPage(res, check.page) : redirect(res, check.redirect);
  const { request } = check;
  const session = browserSession(pool, hostedUi, req);
  if (request.prompt === 'none') {
    if (!sessionServes(session, request)) {
      return redirect(res, errorRedirect(request.redirectUri, request.responseType === 'token', 'login_required', 'The user is not signed in', request.state));
    }
    return finishSignIn(pool, hostedUi, res, request, session);
  }
  // prompt=login (and consent, select_account, which the hosted UI answers with its sign-in page): sign in again.
  if (request.prompt === undefined && sessionServes(session, request)) return finishSignIn(pool, hostedUi, res, request, session);
  return redirect(res, signInPage(request));
}
