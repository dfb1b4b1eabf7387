// The hosted UI's two cookies, named as Cognito's domain names them: `cognito` (the browser's
// signed-in session, so a second /oauth2/authorize is silent) and `XSRF-TOKEN` (the CSRF token
// every form echoes in its `_csrf` field).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Pool } from '../pool.js';
import { Store } from '../store.js';
import type { BrowserSession, HostedUi, SignedInBrowser } from './hosted-ui.js';
import { clearedCookie, cookie, cookies } from './http.js';

export const SESSION_COOKIE = 'cognito';
export const CSRF_COOKIE = 'XSRF-TOKEN';

/** The signed-in session this browser's cookie names, if it is still live and its user may still sign in. */
export function browserSession(pool: Pool, hostedUi: HostedUi, req: IncomingMessage): BrowserSession | null {
  const session = hostedUi.session(cookies(req)[SESSION_COOKIE]);
  if (!session) return null;
  const user = pool.store.users.get(Store.key(session.username));
  if (!user || !user.enabled) return null;
  return session;
}

/** Starts a browser session; returns its Set-Cookie. */
export function startBrowserSession(pool: Pool, hostedUi: HostedUi, signedIn: SignedInBrowser): string {
  const ttl = pool.config.limits.hostedUiSessionTtlMs;
  const id = hostedUi.addSession({ ...signedIn, expiresAt: Date.now() + ttl });
  return cookie(SESSION_COOKIE, id, Math.floor(ttl / 1000));
}

/** Ends the browser's session; returns the Set-Cookie that removes the cookie. */
export function endBrowserSession(hostedUi: HostedUi, req: IncomingMessage): string {
  hostedUi.endSession(cookies(req)[SESSION_COOKIE]);
  return clearedCookie(SESSION_COOKIE);
}

/**
 * The CSRF token for a form: the browser's, or a new one with the Set-Cookie that gives it.
 * A page on another site cannot read the cookie, so it cannot fill in `_csrf`; SameSite=Lax also
 * keeps the cookie off its cross-site POSTs.
 */
export function csrfToken(req: IncomingMessage): { token: string; setCookie?: string } {
  const existing = cookies(req)[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32,}$/.test(existing)) return { token: existing };
  const token = randomBytes(24).toString('base64url');
  return { token, setCookie: cookie(CSRF_COOKIE, token, 3600) };
}

/** Whether a form's `_csrf` matches the browser's CSRF cookie. */
export function csrfMatches(req: IncomingMessage, form: URLSearchParams): boolean {
  const expected = cookies(req)[CSRF_COOKIE];
  const given = form.get('_csrf');
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
