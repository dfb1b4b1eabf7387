// The page's session: who is signed in, who just registered, and the tokens (which stay in
// storage; the store only asks the client for them). Plain TypeScript, no Lit.
import { cognito } from '../cognito/cognito-client.js';
import { AuthError } from '../cognito/cognito-errors.js';
import { authErrorMessage } from '../cognito/error-messages.js';
import { logoutUrl } from '../cognito/hosted-ui/domain.js';
import { forgetHostedSession, isHostedSession } from '../cognito/hosted-ui/hosted-session.js';
import type { CognitoConfig, SessionUser } from '../cognito/types.js';
import { onConfigChange } from '../config/config-sources.js';
import { resolveConfig } from '../config/resolve-config.js';
import { afterPaint } from '../shared/after-paint.js';
import { hostedUiCallback } from './hosted-ui-callback.js';
import { navigation } from '../shared/navigation.js';
import { reportOnce } from '../shared/report-once.js';
import { readTabValue, writeTabValue } from '../shared/tab-storage.js';
import { forgetSignInConfig, recallSignInConfig, rememberSignInConfig } from './sign-in-config.js';

/** What the store knows. Replaced (never mutated) on every change. */
export interface SessionState {
  /** The signed-in user (from the ID token's claims), or null. */
  user: SessionUser | null;
  /** The email just registered, so a verify form on this page or the next can pre-fill it. */
  pendingEmail: string | null;
  /** False until the stored session (if any) has been read at start-up. */
  ready: boolean;
}

export type SessionListener = (state: SessionState) => void;

/** The session store's public surface. */
export interface SessionStore {
  /** The current state; reading it starts the store (restoring a stored session). */
  readonly state: SessionState;
  /** Calls `listener` after each change, including sign-in and sign-out in another tab. Returns an unsubscribe function. */
  subscribe(listener: SessionListener): () => void;
  /** Resolves once the stored session has been read (state.ready). */
  whenReady(): Promise<SessionState>;
  /** Re-reads the session from storage (renewing tokens that are about to expire). */
  refresh(): Promise<void>;
  /** Remembers who just registered (kept in sessionStorage, so it survives going to the next page). */
  setPendingEmail(email: string | null): void;
  /**
   * Records a finished sign-in (called by <auth-signin>); clears the pending email. Pass the
   * config the element signed in with when it came from the element's own attributes: the store
   * then uses it for tokens and sign-out when no page-wide configuration exists, on this page and
   * the next ones (it is kept beside the tokens until sign-out).
   */
  signedIn(user: SessionUser, config?: CognitoConfig): void;
  /**
   * The current ID token, renewed first when it expires within the refresh margin (one request
   * for the page and every tab); null when signed out. Rejects with an AuthError only when the
   * token has expired and the service cannot be reached; the user stays signed in meanwhile.
   */
  getIdToken(): Promise<string | null>;
  /** The current access token, renewed as getIdToken's; null when signed out. */
  getAccessToken(): Promise<string | null>;
  /**
   * The current ID token, for pages written like the Wild Rydes workshop's ride.js
   * (`authToken.then(token => token ? … : location = 'signin.html')`). As in the workshop it
   * resolves null when nobody is signed in; it rejects only when the token could not be
   * obtained (an AuthError: network or service failure). A fresh promise on every read.
   */
  readonly authToken: Promise<string | null>;
  /**
   * fetch() with `Authorization: <ID token>`. The raw token, no "Bearer " prefix: that is what
   * the workshop sends and what API Gateway's Cognito user-pool authorizer accepts. Rejects
   * with AuthError 'signed-out' (and sends nothing) when nobody is signed in. A 401 answer is
   * retried once with a freshly renewed token (the API may have seen a token revoked or expired
   * early); a second 401 is returned as it is.
   */
  authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /**
   * Signs out on this device, or everywhere with `global: true`.
   * - Here: signed out at once; the refresh token is then revoked with one request. `revoked` is
   *   false when that request failed: the token was not ended on the server.
   * - Everywhere: GlobalSignOut first; if it cannot reach the service it rejects and the user
   *   stays signed in, so it can be retried.
   */
  signOut(options?: { global?: boolean }): Promise<{ revoked: boolean; leaving?: boolean }>;
}

const pendingEmailKey = 'cognito-auth-elements.pending-email';
// The token storage keys all start with this (the SDK's layout); another tab writing them means
// a sign-in, a sign-out or a token refresh there.
const tokenKeyPrefix = 'CognitoIdentityServiceProvider.';
// While the service cannot be reached: wait this long before asking again, doubling to the max.
const firstRetryMs = 2000;
const maxRetryMs = 60_000;
// setTimeout's longest delay; a renewal further away is re-planned when it fires.
const maxTimerMs = 2 ** 31 - 1;

function sameUser(a: SessionUser | null, b: SessionUser | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  // Renewed within the same second after a profile change, the tokens expire as before but
  // carry the new name or email: a change too.
  return a.sub === b.sub && a.username === b.username && a.expiresAt === b.expiresAt && JSON.stringify(a.claims) === JSON.stringify(b.claims);
}

function createSessionStore(): SessionStore {
  // The pending email is read after the first paint with the rest: a page's first storage access
  // costs milliseconds, which the forms should not wait for.
  let state: SessionState = { user: null, pendingEmail: null, ready: false };
  const listeners = new Set<SessionListener>();
  let started = false;
  // Bumped by signedIn()/signOut(): a storage read that began earlier must not overwrite them.
  let generation = 0;
  let refreshing: Promise<void> | null = null;
  let refreshAgain = false;
  let readyWaiters: Array<(state: SessionState) => void> = [];
  let signedInWith: CognitoConfig | null = null;
  let renewalTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = 0;

  /** The page-wide configuration, else the one the last sign-in used (on this page or an earlier one). */
  function currentConfig(): CognitoConfig | null {
    const resolved = resolveConfig();
    if (resolved.ok) return resolved.config;
    signedInWith ??= recallSignInConfig();
    return signedInWith;
  }

  /**
   * Plans the next read: just before the tokens expire (so they are renewed ahead, and a revoked
   * session is noticed), or soon with backoff while the service is unreachable.
   */
  function planNextRead(config: CognitoConfig | null, unreachable: boolean): void {
    clearTimeout(renewalTimer);
    renewalTimer = undefined;
    if (!config || !state.user) return;
    let delay: number;
    if (unreachable) {
      retryMs = retryMs ? Math.min(retryMs * 2, maxRetryMs) : firstRetryMs;
      delay = retryMs;
    } else {
      retryMs = 0;
      // On the pool's clock (the stored clock drift), not this device's, which may be off.
      delay = Math.max((cognito.secondsUntilRenewal(config) ?? 0) * 1000, firstRetryMs);
    }
    renewalTimer = setTimeout(() => void refresh(), Math.min(delay, maxTimerMs));
  }

  function update(patch: Partial<SessionState>): void {
    const next = { ...state, ...patch };
    if (sameUser(next.user, state.user) && next.pendingEmail === state.pendingEmail && next.ready === state.ready) {
      return;
    }
    state = next;
    if (state.ready) {
      const waiters = readyWaiters;
      readyWaiters = [];
      for (const resolve of waiters) resolve(state);
    }
    for (const listener of [...listeners]) {
      try {
        listener(state);
      } catch (err) {
        console.error(err); // one broken listener must not stop the others
      }
    }
  }

  async function readStoredUser(): Promise<void> {
    const startedAt = generation;
    const config = currentConfig();
    let user: SessionUser | null = null;
    let unreachable = false;
    if (config) {
      try {
        user = await cognito.currentUser(config);
      } catch {
        // Tokens expired and the service unreachable: still signed in (the refresh token is kept),
        // as the stored claims say, rather than a sign-out that did not happen.
        unreachable = true;
        user = cognito.storedUser(config) ?? state.user;
      }
    }
    if (startedAt === generation) update({ user, ready: true });
    else update({ ready: true });
    planNextRead(config, unreachable);
  }

  /** One read at a time; changes during a read cause exactly one more read. */
  function refresh(): Promise<void> {
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      try {
        do {
          refreshAgain = false;
          await readStoredUser();
        } while (refreshAgain);
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  function start(): void {
    if (started) return;
    started = true;
    if (typeof window !== 'undefined') {
      // A sign-in or refresh elsewhere writes several keys, which arrive one by one: read once
      // they are all here, not at the first.
      let settling: ReturnType<typeof setTimeout> | undefined;
      window.addEventListener('storage', (event) => {
        if (event.key !== null && !event.key.startsWith(tokenKeyPrefix)) return;
        clearTimeout(settling);
        settling = setTimeout(() => void refresh(), 50);
      });
      // Back online, or back to a tab whose timers the browser slowed down: look again now.
      window.addEventListener('online', () => void refresh());
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible' && retryMs) void refresh();
      });
      // Back from the back/forward cache (Back after signing out elsewhere): the page's state is
      // old, storage is not.
      window.addEventListener('pageshow', (event) => {
        if (event.persisted) void refresh();
      });
    }
    onConfigChange(() => void refresh());
    // The first read waits for the first paint (the forms appear before any storage or network
    // work) and for a hosted-UI answer being exchanged on this page: a members-only gate there must
    // not send the visitor away as signed out meanwhile.
    void Promise.all([afterPaint(), hostedUiCallback]).then(() => {
      if (state.pendingEmail === null) update({ pendingEmail: readTabValue(pendingEmailKey) });
      // A page often calls configure() in a script after the bundle's: without configuration yet,
      // wait for that call or for the page to finish loading before reporting "ready, signed out",
      // so a members-only gate does not send a signed-in visitor away.
      if (!currentConfig() && typeof document !== 'undefined' && document.readyState !== 'complete') {
        window.addEventListener('load', () => void refresh(), { once: true });
      } else {
        void refresh();
      }
    });
  }

  async function tokens(force = false): Promise<{ idToken: string; accessToken: string } | null> {
    start();
    const config = currentConfig();
    if (!config) return null;
    const result = await cognito.getTokens(config, { force });
    if (!result && state.user) update({ user: null }); // revoked or expired since we last looked
    if (result && (!state.user || force)) void refresh(); // signed in elsewhere (the SDK directly), or renewed
    return result;
  }

  function signedOut(): void {
    signedInWith = null;
    forgetSignInConfig();
    update({ user: null });
    planNextRead(null, false);
  }

  const store: SessionStore = {
    get state() {
      start();
      return state;
    },
    subscribe(listener) {
      start();
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    whenReady() {
      start();
      if (state.ready) return Promise.resolve(state);
      return new Promise((resolve) => readyWaiters.push(resolve));
    },
    refresh() {
      start();
      return refresh();
    },
    setPendingEmail(email) {
      writeTabValue(pendingEmailKey, email);
      update({ pendingEmail: email || null });
    },
    signedIn(user, config) {
      start();
      generation += 1;
      if (config && !resolveConfig().ok) {
        signedInWith = config;
        rememberSignInConfig(config);
      }
      writeTabValue(pendingEmailKey, null);
      update({ user, pendingEmail: null, ready: true });
      planNextRead(currentConfig(), false);
    },
    async getIdToken() {
      return (await tokens())?.idToken ?? null;
    },
    async getAccessToken() {
      return (await tokens())?.accessToken ?? null;
    },
    get authToken() {
      return store.getIdToken();
    },
    async authFetch(input, init) {
      const token = await store.getIdToken();
      if (!token) throw new AuthError('signed-out', authErrorMessage('signed-out'));
      // A Request's body can be read once: keep a copy for the retry.
      const spare = input instanceof Request ? input.clone() : input;
      const send = (request: RequestInfo | URL, idToken: string) => {
        const headers = new Headers(init?.headers ?? (request instanceof Request ? request.headers : undefined));
        headers.set('Authorization', idToken);
        return fetch(request, { ...init, headers });
      };
      const response = await send(input, token);
      if (response.status !== 401) return response;
      const renewed = (await tokens(true))?.idToken;
      return renewed && renewed !== token ? send(spare, renewed) : response;
    },
    async signOut({ global = false } = {}) {
      start();
      const config = currentConfig();
      generation += 1;
      if (!config) {
        update({ user: null });
        return { revoked: true };
      }
      // Here: the client forgets the tokens before its first await, so the page (and the other
      // tabs, through storage) are signed out at once, while the revocation is still on its way.
      // A hosted-UI session: the domain's own session (its cookie) must end too, at its /logout.
      const hosted = isHostedSession(config);
      const logout = hosted ? logoutUrl(config) : null;
      // Left for in the same task as the sign-out itself: a gate that sees it redirects a moment
      // later, and that redirect must not cancel this one (navigation.leave makes it wait).
      const leave = () => {
        forgetHostedSession(config);
        if (logout) navigation.leave(logout);
        else if (hosted) reportOnce('warn', 'cognito-auth-elements: the hosted UI session stays: set redirectSignOut (a sign-out URL of the client).');
      };
      const outcome = cognito.signOut(config, { global });
      if (!global) {
        signedOut();
        leave();
      }
      const result = await outcome;
      signedOut();
      if (global) leave();
      return logout ? { ...result, leaving: true } : result;
    },
  };
  return store;
}

const storeKey = Symbol.for('cognito-auth-elements.session-store');

/**
 * The page's one session store, shared by every element and by every copy of this script on the
 * page (it lives on globalThis). It uses the page-wide configuration (configure(), the script
 * tag's data- attributes, window._config), else the configuration of the element that signed in.
 */
export const sessionStore: SessionStore = ((globalThis as { [storeKey]?: SessionStore })[storeKey] ??= createSessionStore());
