// The page's session: who is signed in, who just registered, and the tokens (which stay where the
// SDK keeps them; the store only asks the adapter for them). Plain TypeScript, no Lit.
import { cognito } from '../cognito/cognito-client.js';
import { AuthError } from '../cognito/cognito-errors.js';
import { authErrorMessage } from '../cognito/error-messages.js';
import type { CognitoConfig, SessionUser } from '../cognito/types.js';
import { onConfigChange } from '../config/config-sources.js';
import { resolveConfig } from '../config/resolve-config.js';

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
  /** Re-reads the session from the SDK's storage (refreshing expired tokens). */
  refresh(): Promise<void>;
  /** Remembers who just registered (kept in sessionStorage, so it survives going to the next page). */
  setPendingEmail(email: string | null): void;
  /**
   * Records a finished sign-in (called by <auth-signin>); clears the pending email. Pass the
   * config the element signed in with when it came from the element's own attributes: the store
   * then uses it for tokens and sign-out when no page-wide configuration exists.
   */
  signedIn(user: SessionUser, config?: CognitoConfig): void;
  /** The current ID token, refreshed with the refresh token if expired; null when signed out. */
  getIdToken(): Promise<string | null>;
  /** The current access token, refreshed if expired; null when signed out. */
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
   * with AuthError 'signed-out' (and sends nothing) when nobody is signed in.
   */
  authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Signs out on this device (revoking the refresh token), or everywhere with `global: true`. */
  signOut(options?: { global?: boolean }): Promise<void>;
}

const pendingEmailKey = 'cognito-auth-elements.pending-email';
// The SDK's storage keys all start with this; another tab writing them means a sign-in,
// a sign-out or a token refresh there.
const sdkKeyPrefix = 'CognitoIdentityServiceProvider.';

function readPendingEmail(): string | null {
  try {
    return sessionStorage.getItem(pendingEmailKey);
  } catch {
    return null; // storage blocked (sandboxed frame, privacy settings): keep it in memory only
  }
}

function writePendingEmail(email: string | null): void {
  try {
    if (email) sessionStorage.setItem(pendingEmailKey, email);
    else sessionStorage.removeItem(pendingEmailKey);
  } catch {
    // as above
  }
}

function sameUser(a: SessionUser | null, b: SessionUser | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.sub === b.sub && a.username === b.username && a.expiresAt === b.expiresAt;
}

function createSessionStore(): SessionStore {
  let state: SessionState = { user: null, pendingEmail: readPendingEmail(), ready: false };
  const listeners = new Set<SessionListener>();
  let started = false;
  // Bumped by signedIn()/signOut(): a storage read that began earlier must not overwrite them.
  let generation = 0;
  let refreshing: Promise<void> | null = null;
  let refreshAgain = false;
  let readyWaiters: Array<(state: SessionState) => void> = [];
  let signedInWith: CognitoConfig | null = null;

  /** The page-wide configuration, else the one the last sign-in used. */
  function currentConfig(): CognitoConfig | null {
    const resolved = resolveConfig();
    return resolved.ok ? resolved.config : signedInWith;
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
    if (config) {
      try {
        user = await cognito.currentUser(config);
      } catch {
        // Unreachable service: keep what we had rather than report a sign-out that did not happen.
        user = state.user;
      }
    }
    if (startedAt === generation) update({ user, ready: true });
    else update({ ready: true });
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
      window.addEventListener('storage', (event) => {
        if (event.key === null || event.key.startsWith(sdkKeyPrefix)) void refresh();
      });
    }
    onConfigChange(() => void refresh());
    // A page often calls configure() in a script after the bundle's: without configuration yet,
    // wait for that call or for the page to finish loading before reporting "ready, signed out",
    // so a members-only gate does not send a signed-in visitor away.
    if (!currentConfig() && typeof document !== 'undefined' && document.readyState !== 'complete') {
      window.addEventListener('load', () => void refresh(), { once: true });
    } else {
      void refresh();
    }
  }

  async function tokens(): Promise<{ idToken: string; accessToken: string } | null> {
    start();
    const config = currentConfig();
    if (!config) return null;
    const result = await cognito.getTokens(config);
    if (!result && state.user) update({ user: null }); // expired or revoked since we last looked
    if (result && !state.user) void refresh(); // signed in by someone else (the SDK directly)
    return result;
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
      writePendingEmail(email);
      update({ pendingEmail: email || null });
    },
    signedIn(user, config) {
      start();
      generation += 1;
      if (config) signedInWith = config;
      writePendingEmail(null);
      update({ user, pendingEmail: null, ready: true });
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
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      headers.set('Authorization', token);
      return fetch(input, { ...init, headers });
    },
    async signOut({ global = false } = {}) {
      start();
      const config = currentConfig();
      generation += 1;
      if (config) await cognito.signOut(config, { global });
      update({ user: null });
    },
  };
  return store;
}

const storeKey = Symbol.for('cognito-auth-elements.session-store');

/**
 * The page's one session store, shared by every element and by every copy of this script on the
 * page (it lives on globalThis). It uses the page-wide configuration (configure(), the script
 * tag's data- attributes, window._config), not any one element's attributes.
 */
export const sessionStore: SessionStore = ((globalThis as { [storeKey]?: SessionStore })[storeKey] ??=
  createSessionStore());
