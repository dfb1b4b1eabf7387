// The sign-in this tab sent to the hosted UI and is waiting for: its state (CSRF), nonce (checked
// in the ID token), PKCE verifier, provider, redirect URI, where to return, and the configuration
// it was started with. In sessionStorage: this tab only, gone when the tab closes, never in a URL.
// Single-use (taken out when the answer arrives) and expiring, so an old or replayed callback
// cannot be completed with it.
import type { CognitoConfig } from '../types.js';
import { pendingKey } from './callback-url.js';

/** How long a started sign-in may take at the hosted UI (and a provider) before it is refused. */
export const pendingLifetimeMs = 10 * 60 * 1000;

export interface PendingRequest {
  state: string;
  nonce: string;
  verifier: string;
  /** Cognito's identity_provider, or null for the hosted page itself. */
  provider: string | null;
  redirectUri: string;
  /** Same-origin URL to go to once signed in, or null to stay on the callback page. */
  returnTo: string | null;
  config: CognitoConfig;
  /** Date.now() when it was started. */
  startedAt: number;
}

/** Remembers `request` until its answer arrives (or it expires). Throws when storage is blocked. */
export function savePending(request: PendingRequest): void {
  sessionStorage.setItem(pendingKey(request.state), JSON.stringify(request));
}

/**
 * Takes the request with `state` out of storage (it cannot be used twice); null when there is
 * none or it is unreadable. `expired` says it is older than its lifetime.
 */
export function takePending(state: string, now = Date.now()): { request: PendingRequest; expired: boolean } | null {
  let saved: string | null;
  try {
    saved = sessionStorage.getItem(pendingKey(state));
    sessionStorage.removeItem(pendingKey(state));
  } catch {
    return null;
  }
  if (!saved) return null;
  try {
    const request = JSON.parse(saved) as PendingRequest;
    if (request.state !== state) return null;
    return { request, expired: !(now - request.startedAt < pendingLifetimeMs) };
  } catch {
    return null;
  }
}
