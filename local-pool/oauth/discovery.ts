// The OIDC discovery document under the issuer, listing the hosted UI's endpoints on the pool's
// own URL (Cognito lists its domain's). The keys are always at the pool, also when the issuer is
// Cognito's (--issuer cognito).
import type { Pool } from '../pool.js';
import { SCOPES } from './authorize-request.js';

export function discoveryDocument(pool: Pool) {
  // jwksUri is always the pool's own URL; the endpoints are beside it.
  const base = new URL('/', pool.tokens.jwksUri).href.replace(/\/$/, '');
  return {
    issuer: pool.tokens.issuer,
    authorization_endpoint: `${base}/oauth2/authorize`,
    token_endpoint: `${base}/oauth2/token`,
    userinfo_endpoint: `${base}/oauth2/userInfo`,
    revocation_endpoint: `${base}/oauth2/revoke`,
    end_session_endpoint: `${base}/logout`,
    jwks_uri: pool.tokens.jwksUri,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'token'],
    scopes_supported: SCOPES,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    // Cognito's document omits it although S256 works; generic clients (oidc-client-ts) do not need it.
    code_challenge_methods_supported: ['S256'],
  };
}
