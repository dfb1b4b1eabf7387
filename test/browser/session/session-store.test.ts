// The session store against the local pool: real sign-ins, tokens in real localStorage, and a
// real second same-origin document (an iframe) standing in for another tab or the next page.
import { expect } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { AuthError } from '../../../src/cognito/cognito-errors.js';
import type { SessionUser, SignInStep } from '../../../src/cognito/types.js';
import { configure } from '../../../src/config/index.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { clearStoredSessions, createConfirmedUser, expireStoredSession, localPool, poolConfig } from '../helpers/pool.js';
import { importIn, sameOriginFrame, stateWhere, type Frame } from '../helpers/session.js';

const config = poolConfig({ storage: 'local' });

function done(step: SignInStep): SessionUser {
  if (step.step !== 'done') throw new Error(`expected sign-in to finish, got ${step.step}`);
  return step.user;
}

interface Sdk {
  CognitoUserPool: new (data: object) => { getCurrentUser(): { signOut(): void } | null };
  CognitoUser: new (data: object) => { authenticateUser(details: object, callbacks: object): void };
  AuthenticationDetails: new (data: object) => object;
}

/** Signs in inside `frame` with the SDK directly, as a workshop page in another tab would. */
async function sdkSignIn(frame: Pick<Frame, 'eval'>, email: string, password: string): Promise<void> {
  const sdk = await importIn<Sdk>(frame, '/build/vendor/amazon-cognito-identity-js.js');
  const { poolId, clientId, url } = localPool();
  const pool = new sdk.CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: url });
  const user = new sdk.CognitoUser({ Username: email, Pool: pool });
  await new Promise((resolve, reject) =>
    user.authenticateUser(new sdk.AuthenticationDetails({ Username: email, Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
    }),
  );
}

async function sdkSignOut(frame: Pick<Frame, 'eval'>): Promise<void> {
  const sdk = await importIn<Sdk>(frame, '/build/vendor/amazon-cognito-identity-js.js');
  const { poolId, clientId, url } = localPool();
  new sdk.CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: url }).getCurrentUser()?.signOut();
}

describe('sessionStore', () => {
  before(() => {
    clearStoredSessions();
    configure(config);
  });

  afterEach(async () => {
    await sessionStore.signOut();
    sessionStore.setPendingEmail(null);
    clearStoredSessions();
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
  });

  // First, before anything else touches the store: it must start from what the SDK stored.
  it('restores a session stored before the store started, then is ready', async () => {
    const { email, password } = await createConfirmedUser();
    const user = done(await cognito.signIn(config, email, password));

    const state = await sessionStore.whenReady();
    expect(state.ready).to.equal(true);
    expect(state.user?.sub).to.equal(user.sub);
    expect(state.user?.email).to.equal(email);
  });

  it('is one object per page, shared by a second copy of the module', async () => {
    const key = Symbol.for('cognito-auth-elements.session-store');
    expect((globalThis as Record<symbol, unknown>)[key]).to.equal(sessionStore);
    // Another URL is another module instance, as a second copy of the bundle would be. (The dev
    // server serves our .ts sources as modules; a computed import needs the real file name.)
    const copy = (await import(/* @vite-ignore */ `${new URL('/src/session/session-store.ts', location.origin)}?copy=2`)) as {
      sessionStore: unknown;
    };
    expect(copy.sessionStore).to.equal(sessionStore);
  });

  it('tells subscribers about sign-in and sign-out, and stops after unsubscribe', async () => {
    const { email, password } = await createConfirmedUser();
    const seen: Array<string | null> = [];
    const stop = sessionStore.subscribe((state) => seen.push(state.user?.email ?? null));

    sessionStore.signedIn(done(await cognito.signIn(config, email, password)));
    await sessionStore.signOut();
    stop();
    sessionStore.signedIn(done(await cognito.signIn(config, email, password)));

    expect(seen).to.deep.equal([email, null]);
  });

  it('keeps the pending email in sessionStorage, so the next page pre-fills it', async () => {
    sessionStore.setPendingEmail('ada@example.com');
    expect(sessionStore.state.pendingEmail).to.equal('ada@example.com');

    // The next page: a fresh document with its own copy of the store, same tab's sessionStorage.
    const next = await sameOriginFrame();
    const { sessionStore: nextStore } = await importIn<{ sessionStore: typeof sessionStore }>(next, '/src/session/session-store.ts');
    expect(nextStore).to.not.equal(sessionStore);
    expect((await nextStore.whenReady()).pendingEmail).to.equal('ada@example.com'); // read after its first paint
  });

  it('clears the pending email on sign-in', async () => {
    const { email, password } = await createConfirmedUser();
    sessionStore.setPendingEmail(email);
    sessionStore.signedIn(done(await cognito.signIn(config, email, password)));
    expect(sessionStore.state.pendingEmail).to.equal(null);
    expect(sessionStorage.getItem('cognito-auth-elements.pending-email')).to.equal(null);
  });

  it('follows a sign-in and a sign-out in another tab', async () => {
    const { email, password } = await createConfirmedUser();
    await sessionStore.whenReady();
    expect(sessionStore.state.user).to.equal(null);
    const otherTab = await sameOriginFrame();

    const signedIn = stateWhere((state) => state.user?.email === email);
    await sdkSignIn(otherTab, email, password);
    expect((await signedIn).user?.email).to.equal(email);

    const signedOut = stateWhere((state) => state.user === null);
    await sdkSignOut(otherTab);
    expect((await signedOut).user).to.equal(null);
  });

  it('gives the tokens the SDK stored, refreshing an expired session', async () => {
    const { email, password } = await createConfirmedUser();
    sessionStore.signedIn(done(await cognito.signIn(config, email, password)));
    const stored = (await cognito.getTokens(config))!;
    expect(await sessionStore.getIdToken()).to.equal(stored.idToken);
    expect(await sessionStore.getAccessToken()).to.equal(stored.accessToken);

    expireStoredSession(config);
    const refreshed = await sessionStore.getIdToken();
    expect(refreshed).to.be.a('string').and.not.equal(stored.idToken);
    expect(refreshed).to.equal((await cognito.getTokens(config))!.idToken);
  });

  it('resolves authToken with the ID token when signed in, and with null when signed out', async () => {
    const { email, password } = await createConfirmedUser();
    sessionStore.signedIn(done(await cognito.signIn(config, email, password)));
    expect(await sessionStore.authToken).to.equal((await cognito.getTokens(config))!.idToken);
    await sessionStore.signOut();
    expect(await sessionStore.authToken).to.equal(null);
  });

  describe('authFetch', () => {
    const realFetch = fetch;
    let sent: Request[] = [];

    /**
     * From now on, captures outgoing requests instead of sending them. Installed after sign-in:
     * while the session is valid the SDK sends nothing, so only authFetch's own request lands here.
     */
    function captureFetch() {
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        sent.push(new Request(input, init));
        return Promise.resolve(new Response('{}', { status: 200 }));
      };
    }

    beforeEach(() => {
      sent = [];
    });

    afterEach(() => {
      window.fetch = realFetch;
    });

    it("adds the raw ID token as the Authorization header and keeps the caller's request", async () => {
      const { email, password } = await createConfirmedUser();
      sessionStore.signedIn(done(await cognito.signIn(config, email, password)));
      const idToken = (await cognito.getTokens(config))!.idToken;
      captureFetch();

      const response = await sessionStore.authFetch('/ride', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ PickupLocation: { Latitude: 1, Longitude: 2 } }),
      });

      expect(response.status).to.equal(200);
      expect(sent).to.have.length(1);
      expect(sent[0].method).to.equal('POST');
      expect(new URL(sent[0].url).pathname).to.equal('/ride');
      expect(sent[0].headers.get('Authorization')).to.equal(idToken);
      expect(sent[0].headers.get('Content-Type')).to.equal('application/json');
      expect(await sent[0].json()).to.deep.equal({ PickupLocation: { Latitude: 1, Longitude: 2 } });
    });

    it('keeps the headers of a Request passed in', async () => {
      const { email, password } = await createConfirmedUser();
      sessionStore.signedIn(done(await cognito.signIn(config, email, password)));
      captureFetch();

      await sessionStore.authFetch(new Request('/ride', { headers: { 'X-Trace': 'abc' } }));
      expect(sent[0].headers.get('X-Trace')).to.equal('abc');
      expect(sent[0].headers.get('Authorization')).to.match(/^eyJ/);
    });

    it('sends nothing and rejects with signed-out when nobody is signed in', async () => {
      captureFetch();
      let error: unknown = null;
      try {
        await sessionStore.authFetch('/ride');
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(AuthError);
      expect((error as AuthError).code).to.equal('signed-out');
      expect(sent).to.have.length(0);
    });
  });

  it('signs out locally: state, tokens and storage are cleared', async () => {
    const { email, password } = await createConfirmedUser();
    sessionStore.signedIn(done(await cognito.signIn(config, email, password)));
    await sessionStore.signOut();
    expect(sessionStore.state.user).to.equal(null);
    expect(await sessionStore.getIdToken()).to.equal(null);
    expect(Object.keys(localStorage).some((key) => key.startsWith('CognitoIdentityServiceProvider.'))).to.equal(false);
  });

  it('signs out globally: a session elsewhere can no longer refresh', async () => {
    const { email, password } = await createConfirmedUser();
    const elsewhere = poolConfig({ storage: 'memory' });
    done(await cognito.signIn(elsewhere, email, password));
    sessionStore.signedIn(done(await cognito.signIn(config, email, password)));

    await sessionStore.signOut({ global: true });
    expect(sessionStore.state.user).to.equal(null);
    expireStoredSession(elsewhere);
    expect(await cognito.getTokens(elsewhere)).to.equal(null);
  });

  it('picks up a user signed in by the SDK directly on this page', async () => {
    const { email, password } = await createConfirmedUser();
    await sessionStore.whenReady();
    // This page's own realm, its own pool object: the workshop's code path.
    const frame = window as unknown as { eval(code: string): unknown };
    await sdkSignIn(frame, email, password);
    expect(await sessionStore.getIdToken()).to.match(/^eyJ/);
    expect((await stateWhere((state) => state.user !== null)).user?.email).to.equal(email);
  });
});
