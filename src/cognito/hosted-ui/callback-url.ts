// The one part of the hosted UI in the drop-in file's first download: is this page's URL the
// answer to a sign-in this tab started (`?code=…&state=…` or `?error=…&state=…` whose state we
// saved), and if so, the URL without it. Everything else (the exchange) loads on demand.
// A callback we did not start (another library's, a link someone sent) is left alone.

/** The query of a redirect back from /oauth2/authorize. */
export interface CallbackParams {
  state: string;
  code: string | null;
  error: string | null;
  /** error_description: free text of the server's, read to tell a cancel from a failure, never shown. */
  description: string | null;
}

/** sessionStorage key of the pending request with `state` (see pending-request.ts). */
export const pendingKey = (state: string) => `cognito-auth-elements.oauth.${state}`;

// What the redirect adds to redirect_uri (`iss` is RFC 9207's, sent by some servers).
const callbackParams = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'];

function isOurs(state: string): boolean {
  try {
    return sessionStorage.getItem(pendingKey(state)) !== null;
  } catch {
    return false;
  }
}

/**
 * When the URL answers a request of ours: removes the answer from the address bar and the history
 * entry (history.replaceState, so neither a reload, the Back button, a bookmark, a shared link nor
 * an analytics script sees the code) and returns it. Otherwise null, and the URL is untouched.
 */
export function takeCallbackParams(): CallbackParams | null {
  if (typeof location === 'undefined' || !location.search) return null;
  const url = new URL(location.href);
  const query = url.searchParams;
  const state = query.get('state');
  if (!state || !(query.has('code') || query.has('error')) || !isOurs(state)) return null;
  const params: CallbackParams = { state, code: query.get('code'), error: query.get('error'), description: query.get('error_description') };
  for (const name of callbackParams) query.delete(name);
  const rest = String(query);
  history.replaceState(history.state, '', `${url.pathname}${rest ? `?${rest}` : ''}${url.hash}`);
  return params;
}
