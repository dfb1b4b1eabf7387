// GET /logout: ends the hosted UI's browser session (the cookie), then goes to a registered
// sign-out URL (client_id + logout_uri) or back to the sign-in page (client_id + redirect_uri +
// response_type, as /oauth2/authorize takes them). Anything else gets a page, never a redirect,
// so /logout cannot send a browser to a site of an attacker's choosing.
// AWS: https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pool } from '../pool.js';
import { checkAuthorizeRequest, requestParams } from './authorize-request.js';
import type { HostedUi } from './hosted-ui.js';
import { sendErrorPage } from './html.js';
import { redirect } from './http.js';
import { endBrowserSession } from './session-cookie.js';

export function logout(pool: Pool, hostedUi: HostedUi, req: IncomingMessage, res: ServerResponse, url: URL) {
  const params = url.searchParams;
  const clientId = params.get('client_id');
  if (!clientId) return sendErrorPage(res, 'The sign-out request has no client_id.');
  if (clientId !== pool.config.clientId) return sendErrorPage(res, `There is no app client ${clientId} in this user pool.`);
  const logoutUri = params.get('logout_uri');
  if (logoutUri !== null) {
    const { logoutUrls } = pool.config.hostedUi;
    if (!logoutUrls.includes(logoutUri)) {
      return sendErrorPage(
        res,
        `logout_uri ${logoutUri} is not one of the app client's sign-out URLs${logoutUrls.length ? ` (${logoutUrls.join(', ')})` : ' (it has none)'}. Register it with --logout-url (logoutUrls in startLocalPool).`,
      );
    }
    return redirect(res, logoutUri, { 'Set-Cookie': endBrowserSession(hostedUi, req) });
  }
  if (params.get('redirect_uri') === null || params.get('response_type') === null) {
    return sendErrorPage(res, 'The sign-out request needs logout_uri, or redirect_uri and response_type to sign in again.');
  }
  const check = checkAuthorizeRequest(pool, params);
  if (!check.ok)
    return check.page !== undefined ? sendErrorPage(res, check.page) : redirect(res, check.redirect, { 'Set-Cookie': endBrowserSession(hostedUi, req) });
  return redirect(res, `/login?${requestParams(check.request)}`, { 'Set-Cookie': endBrowserSession(hostedUi, req) });
}
