// Runs inside the session bench page (session.ts), served as it is: the drop-in file's public API
// only (configure, sessionStore), so it measures whatever Cognito client is inside dist/.
// Nothing here reads the store until session.ts asks, so the store starts with the measurement.
import { configure, sessionStore } from '/dist/cognito-auth-elements.js';

const { region, userPoolId, userPoolClientId, endpoint } = window._config.cognito;
configure({ region, userPoolId, userPoolClientId, endpoint });

const prefix = `CognitoIdentityServiceProvider.${userPoolClientId}`;
const tokensLeft = () => localStorage.getItem(`${prefix}.LastAuthUser`) !== null;

function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves once the store is ready and reports nobody signed in (reading state starts the store). */
function storeSignedOut() {
  return new Promise((resolve) => {
    const settled = (state) => state.ready && state.user === null;
    const unsubscribe = sessionStore.subscribe((state) => {
      if (settled(state)) {
        unsubscribe();
        resolve();
      }
    });
    if (settled(sessionStore.state)) {
      unsubscribe();
      resolve();
    }
  });
}

const outcome = (promise, start) =>
  promise.then(
    (value) => ({ value, ms: performance.now() - start }),
    (err) => ({ error: String(err?.message ?? err), ms: performance.now() - start }),
  );

window.sessionBench = {
  /**
   * The stored refresh token is revoked: time until getIdToken() has resolved and the store
   * reports `user: null`, both started now.
   */
  async revoked(timeoutMs) {
    const start = performance.now();
    const token = outcome(sessionStore.getIdToken(), start);
    const signedOut = outcome(storeSignedOut(), start);
    const [t, s] = await within(Promise.all([token, signedOut]), timeoutMs, 'getIdToken() / user: null');
    return {
      tokenNull: t.value === null,
      tokenError: t.error ?? null,
      tokenMs: t.ms,
      signedOutMs: s.ms,
      ms: Math.max(t.ms, s.ms),
      tokensLeft: tokensLeft(),
    };
  },

  /** `count` getIdToken() calls in the same task. */
  async parallel(count, timeoutMs) {
    const start = performance.now();
    const tokens = await within(Promise.all(Array.from({ length: count }, () => sessionStore.getIdToken())), timeoutMs, 'getIdToken()');
    return { ms: performance.now() - start, tokens: tokens.filter(Boolean).length, distinct: new Set(tokens.filter(Boolean)).size };
  },

  /** One getIdToken() at wall-clock time `at` (Date.now(), shared by every tab). */
  async getIdTokenAt(at, timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
    const startedAt = Date.now();
    const start = performance.now();
    const token = await within(sessionStore.getIdToken(), timeoutMs, 'getIdToken()');
    return { startedAt, ms: performance.now() - start, token: Boolean(token), visibility: document.visibilityState };
  },

  /**
   * Makes the stored ID and access tokens count as expired, the SDK's way: a clock drift that puts
   * now − clockDrift past their exp. Written in this tab, so no other tab sees a storage event.
   */
  expire(clockDrift) {
    const user = localStorage.getItem(`${prefix}.LastAuthUser`);
    if (!user) throw new Error('nobody is stored');
    localStorage.setItem(`${prefix}.${user}.clockDrift`, String(clockDrift));
  },

  /** Starts the store and waits for its first read: is the seeded user signed in? */
  async ready(timeoutMs) {
    const state = await within(sessionStore.whenReady(), timeoutMs, 'whenReady()');
    return { signedIn: state.user !== null };
  },

  /** signOut() until it settles (resolved or rejected). */
  async signOut(global, timeoutMs) {
    const start = performance.now();
    const result = await within(outcome(sessionStore.signOut({ global }), start), timeoutMs, 'signOut()');
    return { ms: result.ms, error: result.error ?? null, userAfter: sessionStore.state.user !== null, tokensLeft: tokensLeft() };
  },
};
