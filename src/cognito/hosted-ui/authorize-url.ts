// The URL that starts a sign-in at the hosted UI: the domain's /oauth2/authorize with the
// authorization code grant and PKCE (the API reference's "Authorize endpoint",
// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html).
import { domainUrl } from './domain.js';

/** Asked for when the site names none: an ID token with the email and profile, and an access
 *  token that may call the user's own operations (GetUser, passkeys, change password). */
export const defaultScopes = 'openid email profile aws.cognito.signin.user.admin';

export interface AuthorizeRequest {
  domain: string;
  clientId: string;
  redirectUri: string;
  state: string;
  nonce: string;
  challenge: string;
  /** Space-separated; `openid` is added when missing (no ID token, no session, without it). */
  scopes?: string;
  /** Cognito's identity_provider (straight to Google, …); absent: the hosted page's own choice. */
  provider?: string | null;
}

/** The scopes to ask for: the site's (or the default), with `openid` first when it left it out. */
export function scopesFor(scopes: string | undefined): string {
  const list = (scopes ?? defaultScopes).split(/[\s,]+/).filter(Boolean);
  return (list.includes('openid') ? list : ['openid', ...list]).join(' ');
}

export function authorizeUrl(request: AuthorizeRequest): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
    scope: scopesFor(request.scopes),
    nonce: request.nonce,
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
  });
  if (request.provider) query.set('identity_provider', request.provider);
  return `${domainUrl(request.domain)}/oauth2/authorize?${query}`;
}
