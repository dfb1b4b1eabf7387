// Tokens owned by our client: renewed ahead of expiry with one GetTokensFromRefreshToken per page
// and across tabs, signed out after one refused refresh, never signed out by a network blip, and
// refresh-token rotation handled. Real requests to the local pool; faults from its fault injection.
import { expect, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { AuthError } from '../../../src/cognito/cognito-errors.js';
import { withCrossTabLock } from '../../../src/cognito/cross-tab-lock.js';
import type { CognitoConfig, SignInStep } from '../../../src/cognito/types.js';
import { configure } from '../../../src/config/index.js';
import { sessionStore } from '../../../src/session/session-store.js';
import {
  clearFaults,
  clearStoredSessions,
  createConfirmedUser,
  expireStoredSession,
  hasLocalPool,
  injectFault,
  poolConfig,
  poolOperation,
  type PoolName,
} from '../helpers/pool.js';
import { logCognitoRequests, type RequestLog } from '../helpers/requests.js';
import { importIn, sameOriginFrame } from '../helpers/session.js';

const prefix = (config: CognitoConfig) => `CognitoIdentityServiceProvider.${config.userPoolClientId}`;

function stored(config: CognitoConfig, name: 'idToken' | 'accessToken' | 'refreshToken'): string | null {
  const user = localStorage.getItem(`${prefix(config)}.LastAuthUser`);
  return user ? localStorage.getItem(`${prefix(config)}.${user}.${name}`) : null;
}

async function signedInUser(pool: PoolName = 'default') {
  const config = poolConfig({ storage: 'local', pool });
  const { email, password } = await createConfirmedUser(undefined, undefined, config);
  const step: SignInStep = await cognito.signIn(config, email, password);
  if (step.step !== 'done') throw new Error(`expected sign-in to finish, got ${step.step}`);
  return { config, email, password, user: step.user };
}

/** Leaves `secondsLeft` on the stored tokens' clock (by shifting clockDrift, as the SDK reads it). */
function leaveSeconds(config: CognitoConfig, secondsLeft: number): void {
  const user = localStorage.getItem(`${prefix(config)}.LastAuthUser`)!;
  const exp = Number(JSON.parse(atob(stored(config, 'idToken')!.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp);
  localStorage.setItem(`${prefix(config)}.${user}.clockDrift`, String(Math.floor(Date.now() / 1000) - (exp - secondsLeft)));
}

describe('tokens and refresh', () => {
  let requests: RequestLog;
  beforeEach(() => {
    requests = logCognitoRequests();
  });
  afterEach(async () => {
    requests.stop();
    await clearFaults();
    if (hasLocalPool('rotation')) await clearFaults('rotation');
    clearStoredSessions();
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
  });

  it('uses the stored tokens while they have more than the margin left: no request', async () => {
    const { config } = await signedInUser();
    const before = requests.operations.length;
    expect((await cognito.getTokens(config))?.idToken).to.equal(stored(config, 'idToken'));
    expect(requests.operations.length).to.equal(before);
  });

  it('renews ahead of expiry: 30 s left is inside the default 60 s margin, but not inside a 10 s one', async () => {
    const { config } = await signedInUser();
    leaveSeconds(config, 30);
    await cognito.getTokens({ ...config, refreshMargin: 10 });
    expect(requests.count('GetTokensFromRefreshToken')).to.equal(0);
    await cognito.getTokens(config);
    expect(requests.count('GetTokensFromRefreshToken')).to.equal(1);
  });

  it('the store renews ahead of expiry on its own, with no call asking for a token', async () => {
    const { config } = await signedInUser();
    // Tokens live an hour: with a margin of 3597 s they are due for renewal in about 3 s.
    configure({ ...config, refreshMargin: 3597 });
    try {
      await sessionStore.refresh();
      const before = stored(config, 'idToken');
      expect(requests.count('GetTokensFromRefreshToken')).to.equal(0);
      await waitUntil(() => requests.count('GetTokensFromRefreshToken') === 1, 'no renewal within 8 s', { timeout: 8000 });
      await waitUntil(() => stored(config, 'idToken') !== before, 'the renewed tokens were not stored');
    } finally {
      configure({ userPoolId: null, userPoolClientId: null, endpoint: null, storage: null, refreshMargin: null });
    }
  });

  it('five parallel getIdToken() calls send one refresh and all get its token', async () => {
    const { config } = await signedInUser();
    configure(config);
    try {
      expireStoredSession(config);
      const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => sessionStore.getIdToken()));
      expect(requests.count('GetTokensFromRefreshToken')).to.equal(1);
      expect(requests.count('InitiateAuth')).to.equal(1); // the sign-in's only
      expect(new Set(tokens).size).to.equal(1);
      expect(tokens[0]).to.equal(stored(config, 'idToken'));
    } finally {
      configure({ userPoolId: null, userPoolClientId: null, endpoint: null, storage: null });
    }
  });

  it('three tabs with expired tokens send one refresh between them (Web Locks)', async () => {
    const { config } = await signedInUser();
    expireStoredSession(config);
    const tabs = await Promise.all([1, 2, 3].map(() => sameOriginFrame()));
    const sent: string[] = []; // one log for the three tabs
    for (const frame of tabs) logCognitoRequests(frame, sent);
    const clients = await Promise.all(tabs.map((frame) => importIn<{ cognito: typeof cognito }>(frame, '/src/cognito/cognito-client.ts')));
    expect(clients[0].cognito).to.not.equal(clients[1].cognito); // three realms, three clients
    const tokens = await Promise.all(clients.map((client) => client.cognito.getTokens(config)));
    expect(sent.filter((name) => name === 'GetTokensFromRefreshToken')).to.have.lengthOf(1);
    expect(new Set(tokens.map((t) => t?.idToken)).size).to.equal(1);
  });

  it('a refresh token revoked elsewhere: signed out after exactly one request', async () => {
    const { config } = await signedInUser();
    await poolOperation('RevokeToken', { Token: stored(config, 'refreshToken'), ClientId: config.userPoolClientId });
    expireStoredSession(config);
    const before = requests.operations.length;
    expect(await cognito.getTokens(config)).to.equal(null);
    expect(requests.operations.slice(before)).to.deep.equal(['GetTokensFromRefreshToken']);
    expect(stored(config, 'refreshToken')).to.equal(null);
    expect(cognito.storedUser(config)).to.equal(null);
  });

  it('a disabled user is signed out at the next refresh', async () => {
    const { config, email } = await signedInUser();
    await poolOperation('AdminDisableUser', { Username: email });
    expireStoredSession(config);
    expect(await cognito.getTokens(config)).to.equal(null);
    expect(requests.count('GetTokensFromRefreshToken')).to.equal(1);
  });

  it('a 500 or throttling is retried with backoff, then the refresh succeeds', async () => {
    const { config } = await signedInUser();
    expireStoredSession(config);
    await injectFault({ operation: 'GetTokensFromRefreshToken', kind: 'http-500', times: 1 });
    await injectFault({ operation: 'GetTokensFromRefreshToken', kind: 'throttle', times: 1 });
    expect((await cognito.getTokens(config))?.idToken).to.be.a('string');
    expect(requests.count('GetTokensFromRefreshToken')).to.equal(3);
  });

  it('tokens still valid but inside the margin, service down: keeps using them, no error', async () => {
    const { config } = await signedInUser();
    leaveSeconds(config, 20);
    await injectFault({ operation: 'GetTokensFromRefreshToken', kind: 'http-500' });
    expect((await cognito.getTokens(config))?.idToken).to.equal(stored(config, 'idToken'));
  });

  it('service down at page load with expired tokens: the store stays signed in, and recovers', async () => {
    const { config, email } = await signedInUser();
    expireStoredSession(config);
    await injectFault({ operation: 'GetTokensFromRefreshToken', kind: 'drop' });
    configure(config);
    try {
      await sessionStore.refresh();
      expect(sessionStore.state.user?.email).to.equal(email); // not a sign-out
      expect(stored(config, 'refreshToken')).to.be.a('string');
      let rejected: unknown = null;
      await sessionStore.getIdToken().catch((err: unknown) => (rejected = err));
      expect(rejected).to.be.instanceOf(AuthError);
      expect((rejected as AuthError).code).to.equal('network');
      await clearFaults();
      expect(await sessionStore.getIdToken()).to.equal(stored(config, 'idToken'));
      expect(sessionStore.state.user?.email).to.equal(email);
    } finally {
      configure({ userPoolId: null, userPoolClientId: null, endpoint: null, storage: null });
    }
  });

  it('a request that does not answer in time fails with timeout, once', async () => {
    const config: CognitoConfig = { ...poolConfig(), timeout: 300 };
    await injectFault({ operation: 'ResendConfirmationCode', kind: 'delay', delayMs: 2000, times: 1 });
    let error: unknown = null;
    await cognito.resendSignUpCode(config, 'nobody@example.com').catch((err: unknown) => (error = err));
    expect((error as AuthError).code).to.equal('timeout');
    expect((error as AuthError).message).to.match(/did not answer in time/);
    expect(requests.count('ResendConfirmationCode')).to.equal(1);
  });

  describe('with refresh-token rotation', () => {
    it('stores the new refresh token each refresh returns', async () => {
      const { config } = await signedInUser('rotation');
      const first = stored(config, 'refreshToken')!;
      expireStoredSession(config);
      expect((await cognito.getTokens(config))?.idToken).to.be.a('string');
      const second = stored(config, 'refreshToken')!;
      expect(second).to.not.equal(first);
      expireStoredSession(config);
      expect((await cognito.getTokens(config))?.idToken).to.be.a('string');
      expect(stored(config, 'refreshToken')).to.not.equal(second);
    });

    it('a reused (already rotated) refresh token: signed out after one request', async () => {
      const { config } = await signedInUser('rotation');
      const first = stored(config, 'refreshToken')!;
      expireStoredSession(config);
      await cognito.getTokens(config); // rotates
      // Another tab that kept the old token, as if it had missed the rotation.
      const user = localStorage.getItem(`${prefix(config)}.LastAuthUser`)!;
      localStorage.setItem(`${prefix(config)}.${user}.refreshToken`, first);
      expireStoredSession(config);
      const before = requests.operations.length;
      expect(await cognito.getTokens(config)).to.equal(null);
      expect(requests.operations.slice(before)).to.deep.equal(['GetTokensFromRefreshToken']);
      expect(cognito.storedUser(config)).to.equal(null);
    });
  });

  describe('authFetch', () => {
    it('retries once after a 401 with a freshly renewed token, and returns a second 401 as it is', async () => {
      const { config } = await signedInUser();
      configure(config);
      const realFetch = fetch;
      const seen: string[] = [];
      const api = new URL('/__protected', location.origin).href;
      const wrapped = fetch;
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        if (String(input instanceof Request ? input.url : input) !== api) return wrapped(input, init);
        const token = new Headers(init?.headers).get('Authorization') ?? '';
        seen.push(token);
        return Promise.resolve(new Response(null, { status: seen.length === 1 ? 401 : 200 }));
      };
      try {
        const first = stored(config, 'idToken');
        const response = await sessionStore.authFetch(api, { method: 'POST', body: 'x' });
        expect(response.status).to.equal(200);
        expect(seen).to.have.lengthOf(2);
        expect(seen[0]).to.equal(first);
        expect(seen[1]).to.not.equal(first);
        expect(seen[1]).to.equal(stored(config, 'idToken'));
        expect(requests.count('GetTokensFromRefreshToken')).to.equal(1);

        window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
          (input instanceof Request ? input.url : String(input)) === api
            ? (seen.push('again'), Promise.resolve(new Response(null, { status: 401 })))
            : wrapped(input, init);
        seen.length = 0;
        expect((await sessionStore.authFetch(api)).status).to.equal(401);
        expect(seen).to.have.lengthOf(2); // one retry, not a loop
      } finally {
        window.fetch = realFetch;
        configure({ userPoolId: null, userPoolClientId: null, endpoint: null, storage: null });
      }
    });
  });

  describe('the cross-tab lock', () => {
    it('runs one task at a time (Web Locks)', async () => {
      const events: string[] = [];
      const task = (name: string) => async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 80));
        events.push(`${name} end`);
      };
      await Promise.all([withCrossTabLock('test', task('a')), withCrossTabLock('test', task('b'))]);
      expect(events).to.deep.equal(['a start', 'a end', 'b start', 'b end']);
    });

    it('without Web Locks, parallel calls in one page still send one refresh', async () => {
      const { config } = await signedInUser();
      expireStoredSession(config);
      Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
      try {
        await Promise.all([1, 2, 3].map(() => cognito.getTokens(config)));
        expect(requests.count('GetTokensFromRefreshToken')).to.equal(1);
      } finally {
        delete (navigator as { locks?: unknown }).locks;
      }
      expect(typeof navigator.locks?.request).to.equal('function'); // back to the real one
    });
  });
});
