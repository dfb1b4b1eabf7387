// The hosted UI's domain: a Cognito prefix domain (`todousers.auth.us-east-1.amazoncognito.com`),
// a custom domain (`auth.example.com`), or a full URL, which is how the local pool is given: it
// serves a domain's paths (/oauth2/authorize, /oauth2/token, /logout) on its own URL.
import type { CognitoConfig } from '../types.js';

/** `https://<domain>` for a bare domain, else the URL as given, without a trailing slash. */
export function domainUrl(domain: string): string {
  const url = /^https?:\/\//i.test(domain) ? domain : `https://${domain}`;
  return url.replace(/\/+$/, '');
}

/**
 * The domain's /logout, which ends the hosted UI's own session (its cookie on the domain) and then
 * sends the browser to `logout_uri`: one of the app client's registered sign-out URLs. Null without
 * a domain or a redirectSignOut (Cognito refuses /logout without one).
 */
export function logoutUrl(config: CognitoConfig): string | null {
  if (!config.domain || !config.redirectSignOut) return null;
  const query = new URLSearchParams({ client_id: config.userPoolClientId, logout_uri: config.redirectSignOut });
  return `${domainUrl(config.domain)}/logout?${query}`;
}
