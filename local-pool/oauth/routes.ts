// The paths a Cognito domain serves, on the pool's own URL: the OAuth 2.0 endpoints, the hosted
// sign-in pages and the federated providers' stand-ins.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pool } from '../pool.js';
import { authorize } from './authorize.js';
import { submitChallenge } from './challenge-page.js';
import type { HostedUi } from './hosted-ui.js';
import { sendErrorPage } from './html.js';
import { loginPage, submitLogin } from './login-page.js';
import { logout } from './logout.js';
import { isProviderPage, providerPage, providerResponse } from './provider-page.js';
import { revokeEndpoint } from './revoke.js';
import { accountPage, submitAccountPage, isAccountPage } from './account-pages.js';
import { sendStylesheet } from './stylesheet.js';
import { tokenEndpoint } from './token-endpoint.js';
import { userInfo } from './userinfo.js';

const PATHS = new Set([
  '/oauth2/authorize',
  '/oauth2/token',
  '/oauth2/userInfo',
  '/oauth2/revoke',
  '/oauth2/idpresponse',
  '/login',
  '/mfa',
  '/logout',
  '/_hosted/hosted-ui.css',
]);

export const isHostedUiPath = (path: string) => PATHS.has(path) || isProviderPage(path) || isAccountPage(path);

export async function handleHostedUi(pool: Pool, hostedUi: HostedUi, req: IncomingMessage, res: ServerResponse, url: URL) {
  const route = `${req.method === 'HEAD' ? 'GET' : req.method} ${url.pathname}`;
  switch (route) {
    case 'GET /oauth2/authorize':
      return authorize(pool, hostedUi, req, res, url);
    case 'GET /login':
      return loginPage(pool, req, res, url);
    case 'POST /login':
      return submitLogin(pool, hostedUi, req, res, url);
    case 'POST /mfa':
      return submitChallenge(pool, hostedUi, req, res, url);
    case 'POST /oauth2/idpresponse':
      return providerResponse(pool, hostedUi, req, res, url);
    case 'POST /oauth2/token':
      return tokenEndpoint(pool, hostedUi, req, res);
    case 'GET /oauth2/userInfo':
    case 'POST /oauth2/userInfo':
      return userInfo(pool, req, res);
    case 'POST /oauth2/revoke':
      return revokeEndpoint(pool, req, res);
    case 'GET /logout':
      return logout(pool, hostedUi, req, res, url);
    case 'GET /_hosted/hosted-ui.css':
      return sendStylesheet(res);
  }
  if (isProviderPage(url.pathname) && route.startsWith('GET ')) return providerPage(pool, req, res, url);
  if (isAccountPage(url.pathname)) {
    if (route.startsWith('GET ')) return accountPage(pool, req, res, url);
    if (route.startsWith('POST ')) return submitAccountPage(pool, req, res, url);
  }
  req.resume();
  res.setHeader('Allow', url.pathname === '/oauth2/token' || url.pathname === '/oauth2/revoke' ? 'POST' : 'GET, POST');
  return sendErrorPage(res, `${req.method} is not supported at ${url.pathname}.`, 405);
}
