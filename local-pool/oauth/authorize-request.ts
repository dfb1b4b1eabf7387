// The parameters of /oauth2/authorize, checked as Cognito checks them. /login and the pages after it
// carry the same parameters (in the query, then in hidden fields) and check them again, so no page
// trusts what an earlier one saw. AWS: https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
import type { Pool } from '../pool.js';

/** Cognito's OIDC and API scopes; a custom resource server's `<resource>/<scope>` is not emulated. */
export const SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];
const NEED_OPENID = ['email', 'phone', 'profile'];
const PROMPTS = ['none', 'login', 'consent', 'select_account'];

export interface AuthorizeRequest {
  responseType: 'code' | 'token';
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  scopes: string[];
  nonce: string | undefined;
  /** PKCE S256 challenge; required with response_type code (this app client is public). */
  codeChallenge: string | undefined;
  /** COGNITO, a federated provider's name, or undefined (the user chooses on /login). */
  identityProvider: string | undefined;
  loginHint: string | undefined;
  lang: string | undefined;
  prompt: string | undefined;
}

/** Where a refused request is answered: on a page of the pool (no trusted redirect), or back at the redirect URI. */
export type AuthorizeCheck = { ok: true; request: AuthorizeRequest } | { ok: false; page: string } | { ok: false; page?: undefined; redirect: string };

/** `redirect_uri?error=…&error_description=…&state=…` (in the fragment for response_type token, as tokens would be). */
export function errorRedirect(redirectUri: string, fragment: boolean, error: string, description: string, state: string | undefined): string {
  const params = new URLSearchParams({ error, error_description: description });
  if (state !== undefined) params.set('state', state);
  return withParams(redirectUri, params, fragment);
}

export function withParams(uri: string, params: URLSearchParams, fragment: boolean): string {
  if (fragment) return `${uri}#${params}`;
  return `${uri}${uri.includes('?') ? '&' : '?'}${params}`;
}

function single(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === '' ? undefined : value;
}

export function checkAuthorizeRequest(pool: Pool, params: URLSearchParams): AuthorizeCheck {
  const { clientId: knownClient, hostedUi } = pool.config;
  const clientId = single(params, 'client_id');
  if (clientId === undefined) return { ok: false, page: 'The request has no client_id.' };
  if (clientId !== knownClient) return { ok: false, page: `There is no app client ${clientId} in this user pool.` };
  const redirectUri = single(params, 'redirect_uri');
  if (redirectUri === undefined) return { ok: false, page: 'The request has no redirect_uri.' };
  if (!hostedUi.callbackUrls.includes(redirectUri)) {
    return {
      ok: false,
      page:
        `redirect_uri ${redirectUri} is not one of the app client's callback URLs` +
        (hostedUi.callbackUrls.length ? ` (${hostedUi.callbackUrls.join(', ')}).` : ' (it has none).') +
        ' Register it with --callback-url (callbackUrls in startLocalPool).',
    };
  }
  const state = params.get('state') ?? undefined;
  const type = params.get('response_type');
  const refuse = (error: string, description: string): AuthorizeCheck => ({
    ok: false,
    redirect: errorRedirect(redirectUri, type === 'token', error, description, state),
  });
  if (type === null || type === '') return refuse('invalid_request', 'response_type is required');
  if (type !== 'code' && type !== 'token') return refuse('unsupported_response_type', `response_type ${type} is not supported (code or token)`);

  const method = single(params, 'code_challenge_method');
  const codeChallenge = single(params, 'code_challenge');
  if (method !== undefined && method !== 'S256') return refuse('invalid_request', 'code_challenge_method must be S256');
  if (codeChallenge !== undefined && method === undefined) return refuse('invalid_request', 'code_challenge_method is required with code_challenge');
  if (method !== undefined && codeChallenge === undefined) return refuse('invalid_request', 'code_challenge is required with code_challenge_method');
  // A public client (no secret) must prove with PKCE that it started the request it redeems.
  if (type === 'code' && codeChallenge === undefined) return refuse('invalid_request', 'code_challenge (PKCE, S256) is required for this public client');
  // RFC 7636: 43 characters of base64url for a SHA-256 digest.
  if (codeChallenge !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))
    return refuse('invalid_request', 'code_challenge is not a base64url SHA-256 digest');

  const asked = (params.get('scope') ?? '').split(' ').filter(Boolean);
  const scopes = asked.length ? [...new Set(asked)] : [...SCOPES];
  const unknown = scopes.find((scope) => !SCOPES.includes(scope));
  if (unknown !== undefined) return refuse('invalid_scope', `${unknown} is not a scope of this app client`);
  if (!scopes.includes('openid') && scopes.some((scope) => NEED_OPENID.includes(scope))) {
    return refuse('invalid_scope', 'email, phone and profile need the openid scope');
  }

  const prompt = single(params, 'prompt');
  if (prompt !== undefined && !PROMPTS.includes(prompt)) return refuse('invalid_request', `prompt ${prompt} is not one of ${PROMPTS.join(', ')}`);

  let identityProvider = single(params, 'identity_provider');
  const idpIdentifier = single(params, 'idp_identifier');
  if (identityProvider === undefined && idpIdentifier !== undefined) {
    identityProvider = hostedUi.providers.find((provider) => provider.name.toLowerCase() === idpIdentifier.toLowerCase())?.name;
    if (identityProvider === undefined) return refuse('invalid_request', `No identity provider has the identifier ${idpIdentifier}`);
  }
  if (identityProvider !== undefined && identityProvider !== 'COGNITO' && !hostedUi.providers.some((provider) => provider.name === identityProvider)) {
    return refuse('invalid_request', `Identity provider ${identityProvider} is not enabled for this app client (--federated)`);
  }
  return {
    ok: true,
    request: {
      responseType: type,
      clientId,
      redirectUri,
      state,
      scopes,
      nonce: single(params, 'nonce'),
      codeChallenge,
      identityProvider,
      loginHint: single(params, 'login_hint'),
      lang: single(params, 'lang'),
      prompt,
    },
  };
}

/** The request as parameters again: for the links and hidden fields of the pages that follow. */
export function requestParams(request: AuthorizeRequest): URLSearchParams {
  const params = new URLSearchParams({ client_id: request.clientId, response_type: request.responseType, redirect_uri: request.redirectUri });
  const optional: [string, string | undefined][] = [
    ['state', request.state],
    ['scope', request.scopes.join(' ')],
    ['nonce', request.nonce],
    ['code_challenge', request.codeChallenge],
    ['code_challenge_method', request.codeChallenge === undefined ? undefined : 'S256'],
    ['identity_provider', request.identityProvider],
    ['login_hint', request.loginHint],
    ['lang', request.lang],
  ];
  for (const [name, value] of optional) if (value !== undefined) params.set(name, value);
  return params;
}
