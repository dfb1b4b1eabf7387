import { expect, oneEvent } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { authorizeUrl, scopesFor } from '../../../src/cognito/hosted-ui/authorize-url.js';
import { pendingKey, takeCallbackParams } from '../../../src/cognito/hosted-ui/callback-url.js';
import { domainUrl, logoutUrl } from '../../../src/cognito/hosted-ui/domain.js';
import { isHostedSession } from '../../../src/cognito/hosted-ui/hosted-session.js';
import { pendingLifetimeMs, takePending, type PendingRequest } from '../../../src/cognito/hosted-ui/pending-request.js';
import { base64Url, challengeOf, createPkce } from '../../../src/cognito/hosted-ui/pkce.js';
import { brandName, identityProvider, providersFrom } from '../../../src/cognito/hosted-ui/providers.js';
import { claimsOf } from '../../../src/cognito/jwt-claims.js';
import { readTokens } from '../../../src/cognito/token-storage.js';
import { resolveConfig } from '../../../src/config/index.js';
import type { AuthErrorEvent, AuthSignedInEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { navigation } from '../../../src/shared/navigation.js';
import { captureNavigation, restoreSpies } from '../helpers/form.js';
import { arriveAt, callbackPath, forgetBrowser, hostedConfig, landedAt, signedOutPath, walk } from '../helpers/hosted-ui.js';
import { clearStoredSessions, createConfirmedUser, uniqueEmail } from '../helpers/pool.js';

const testPage = location.href;

/** The pending request a start left in this tab (the only one). */
function pendingOf(url: string): PendingRequest {
  const state = new URL(url).searchParams.get('state')!;
  return JSON.parse(sessionStorage.getItem(pendingKey(state))!) as PendingRequest;
}

function rewritePending(url: string, change: (request: PendingRequest) => void): void {
  const request = pendingOf(url);
  change(request);
  sessionStorage.setItem(pendingKey(request.state), JSON.stringify(request));
}

/** Leaves for the hosted UI as the button does, and walks it with `forms` back to the callback URL. */
async function signInAtHostedUi(forms: Array<Record<string, string>>, options: { provider?: string; browser?: string } = {}) {
  const config = hostedConfig();
  const start = await cognito.startHostedSignIn(config, { provider: options.provider });
  const callback = landedAt(await walk(start, forms, { browser: options.browser }));
  return { config, start, callback };
}

describe('hosted UI: PKCE, URLs and the pending request', () => {
  afterEach(() => {
    history.replaceState(null, '', testPage);
    for (let i = sessionStorage.length - 1; i >= 0; i--)
      if (sessionStorage.key(i)?.startsWith(pendingKey(''))) sessionStorage.removeItem(sessionStorage.key(i)!);
  });

  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).to.equal('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(base64Url(new Uint8Array([251, 255, 191]))).to.equal('-_-_');
  });

  it('makes a fresh 43-character verifier each time, in the unreserved characters', async () => {
    const one = await createPkce();
    const two = await createPkce();
    expect(one.verifier).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(one.verifier).not.to.equal(two.verifier);
    expect(one.challenge).to.equal(await challengeOf(one.verifier));
  });

  it('builds the authorize URL of a prefix domain with code, PKCE S256, state, nonce and the provider', () => {
    const url = new URL(
      authorizeUrl({
        domain: 'todousers.auth.us-east-1.amazoncognito.com',
        clientId: 'client123',
        redirectUri: 'https://app.example/callback',
        state: 'st',
        nonce: 'no',
        challenge: 'ch',
        provider: 'Google',
      }),
    );
    expect(url.origin + url.pathname).to.equal('https://todousers.auth.us-east-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: 'https://app.example/callback',
      state: 'st',
      scope: 'openid email profile aws.cognito.signin.user.admin',
      nonce: 'no',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      identity_provider: 'Google',
    });
  });

  it('takes a custom domain or the local pool URL as the domain, and always asks for openid', () => {
    expect(domainUrl('auth.example.com')).to.equal('https://auth.example.com');
    expect(domainUrl('http://localhost:9229/')).to.equal('http://localhost:9229');
    expect(scopesFor('email profile')).to.equal('openid email profile');
    expect(scopesFor('openid,email')).to.equal('openid email');
  });

  it('builds the /logout URL with client_id and logout_uri, and none without a sign-out URL', () => {
    const config = hostedConfig();
    const url = new URL(logoutUrl(config)!);
    expect(url.pathname).to.equal('/logout');
    expect(url.searchParams.get('client_id')).to.equal(config.userPoolClientId);
    expect(url.searchParams.get('logout_uri')).to.equal(`${location.origin}${signedOutPath}`);
    expect(logoutUrl({ ...config, redirectSignOut: undefined })).to.equal(null);
  });

  it("maps the site's provider names to Cognito's and back to brand names", () => {
    expect(providersFrom('google Apple, Facebook amazon MyCorp Google')).to.deep.equal(['Google', 'SignInWithApple', 'Facebook', 'LoginWithAmazon', 'MyCorp']);
    expect(identityProvider('SignInWithApple')).to.equal('SignInWithApple');
    expect(brandName('SignInWithApple')).to.equal('Apple');
    expect(brandName('amazon')).to.equal('Amazon');
    expect(brandName('MyCorp')).to.equal('MyCorp');
  });

  it('resolves domain, redirects and scopes, and refuses a redirect to another site', () => {
    const base = { userPoolId: 'us-east-1_AAAAAAAAA', userPoolClientId: 'clientaaaaaaaaaaaaaaaaaaaa' };
    const ok = resolveConfig({
      ...base,
      domain: 'x.auth.us-east-1.amazoncognito.com',
      redirectSignIn: '/cb',
      redirectSignOut: `${location.origin}/bye`,
      scopes: 'openid email',
    });
    expect(ok.config).to.include({
      domain: 'x.auth.us-east-1.amazoncognito.com',
      redirectSignIn: `${location.origin}/cb`,
      redirectSignOut: `${location.origin}/bye`,
      scopes: 'openid email',
    });
    const refused = resolveConfig({ ...base, redirectSignIn: 'https://evil.example/cb', redirectSignOut: 'javascript:alert(1)' });
    expect(refused.ok).to.equal(false);
    expect(refused.problems.join(' ')).to.contain('invalid redirectSignIn').and.contain('invalid redirectSignOut');
    expect(resolveConfig({ ...base, domain: 'not a domain' }).problems[0]).to.contain('invalid domain');
  });

  it("reads the hosted UI's keys from the script tag's data- attributes and the workshop's window._config", () => {
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.src = '/vendor/cognito-auth-elements.js';
    script.dataset.domain = 'auth.example.com';
    script.dataset.redirectSignIn = '/signed-in';
    script.dataset.scopes = 'openid email';
    document.head.append(script);
    const window_ = window as unknown as { _config?: unknown };
    window_._config = {
      cognito: { userPoolId: 'us-east-1_AAAAAAAAA', userPoolClientId: 'clientaaaaaaaaaaaaaaaaaaaa', redirectSignOut: '/bye', scopes: ['openid', 'phone'] },
    };
    try {
      expect(resolveConfig().config).to.include({
        domain: 'auth.example.com',
        redirectSignIn: `${location.origin}/signed-in`,
        redirectSignOut: `${location.origin}/bye`,
        scopes: 'openid email',
      });
      script.remove();
      expect(resolveConfig().config?.scopes).to.equal('openid phone');
    } finally {
      script.remove();
      window_._config = undefined;
    }
  });

  it('leaves a callback it did not start alone: URL untouched, nothing done', async () => {
    const foreign = `${callbackPath}?code=someone-elses&state=not-ours`;
    const outcome = await arriveAt(foreign);
    expect(outcome).to.equal(null);
    expect(location.pathname + location.search).to.equal(foreign);
  });

  it('cleans only the callback parameters from the URL, keeping the rest', async () => {
    const config = hostedConfig();
    const start = await cognito.startHostedSignIn(config, {});
    const state = new URL(start).searchParams.get('state')!;
    history.pushState(null, '', `${callbackPath}?tab=2&code=abc&state=${state}#top`);
    expect(takeCallbackParams()).to.deep.equal({ state, code: 'abc', error: null, description: null });
    expect(location.pathname + location.search + location.hash).to.equal(`${callbackPath}?tab=2#top`);
  });

  it('uses a pending request once, and not after it expired', async () => {
    const start = await cognito.startHostedSignIn(hostedConfig(), {});
    const { state, startedAt } = pendingOf(start);
    expect(takePending(state, startedAt + pendingLifetimeMs - 1)?.expired).to.equal(false);
    expect(takePending(state)).to.equal(null);
    const again = await cognito.startHostedSignIn(hostedConfig(), {});
    expect(takePending(pendingOf(again).state, pendingOf(again).startedAt + pendingLifetimeMs)?.expired).to.equal(true);
  });
});

describe('hosted UI: sign-in against the local pool', () => {
  let navigations: string[];
  let left: string[];
  const leave = navigation.leave;

  beforeEach(() => {
    navigations = captureNavigation();
    // Signing out of a hosted-UI session leaves for /logout: never the test page itself.
    left = [];
    navigation.leave = (url: string) => void left.push(url);
  });

  afterEach(async () => {
    history.replaceState(null, '', testPage);
    await sessionStore.signOut().catch(() => undefined);
    restoreSpies();
    navigation.leave = leave;
    clearStoredSessions();
    await forgetBrowser();
  });

  it('signs in with email and password on the hosted page: tokens stored, URL cleaned, auth-signed-in with provider', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('hosted'), undefined, hostedConfig());
    const { config, callback } = await signInAtHostedUi([{ username: email, password }]);
    expect(new URL(callback).searchParams.get('code')).to.be.a('string');

    const signedIn = oneEvent<AuthSignedInEvent>(document, 'auth-signed-in');
    const outcome = await arriveAt(callback);
    const { detail } = await signedIn;

    expect(outcome).to.deep.equal({ provider: 'COGNITO', error: null });
    expect(detail).to.deep.equal({ username: detail.username, email, provider: 'COGNITO' });
    expect(JSON.stringify(detail)).not.to.match(/eyJ/);
    expect(location.search).to.equal('');
    expect(location.pathname).to.equal(callbackPath);
    const tokens = readTokens(config)!;
    expect(claimsOf(tokens.idToken).email).to.equal(email);
    expect(claimsOf(tokens.accessToken).scope).to.contain('openid');
    expect(sessionStore.state.user?.email).to.equal(email);
    expect(isHostedSession(config)).to.equal(true);
    // Back to the page the sign-in started on, replacing the callback in the history.
    expect(navigations).to.deep.equal([testPage]);
  });

  it('keeps the session as every other: refreshed with its refresh token, read by the store on the next page', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('refresh'), undefined, hostedConfig());
    const { config, callback } = await signInAtHostedUi([{ username: email, password }]);
    await arriveAt(callback);
    const before = readTokens(config)!;
    const renewed = await cognito.getTokens(config, { force: true });
    expect(renewed?.accessToken).to.be.a('string').and.not.equal(before.accessToken);
    expect(claimsOf(renewed!.idToken).email).to.equal(email);
    expect(readTokens(config)!.refreshToken).to.equal(before.refreshToken);
    expect((await cognito.currentUser(config))?.email).to.equal(email);
  });

  it('signs in through the Google stand-in, with identities in the ID token', async () => {
    const email = uniqueEmail('google');
    const { config, start, callback } = await signInAtHostedUi([{ email, name: 'Ada Google' }], { provider: 'Google' });
    expect(new URL(start).searchParams.get('identity_provider')).to.equal('Google');

    const signedIn = oneEvent<AuthSignedInEvent>(document, 'auth-signed-in');
    await arriveAt(callback);
    const { detail } = await signedIn;

    expect(detail.provider).to.equal('Google');
    expect(detail.username).to.match(/^Google_/);
    const claims = claimsOf(readTokens(config)!.idToken);
    expect(claims.email).to.equal(email);
    expect((claims.identities as Array<{ providerName: string }>)[0].providerName).to.equal('Google');
  });

  it('signs in a second time without a password while the hosted UI session lasts', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('silent'), undefined, hostedConfig());
    await arriveAt((await signInAtHostedUi([{ username: email, password }])).callback);
    history.replaceState(null, '', testPage);
    clearStoredSessions();

    const { callback } = await signInAtHostedUi([]);
    const signedIn = oneEvent<AuthSignedInEvent>(document, 'auth-signed-in');
    await arriveAt(callback);
    expect((await signedIn).detail.email).to.equal(email);
  });

  it('turns a cancel at the provider into auth-error with a message, and stores nothing', async () => {
    const { config, callback } = await signInAtHostedUi([{ cancel: 'true' }], { provider: 'Google' });
    const failed = oneEvent<AuthErrorEvent>(document, 'auth-error');
    const outcome = await arriveAt(callback);
    const { detail } = await failed;

    expect(detail).to.deep.equal({ flow: 'hosted-ui', code: 'access-denied', message: detail.message });
    expect(detail.message).to.contain('cancelled');
    expect(outcome?.provider).to.equal('Google');
    expect(location.search).to.equal('');
    expect(readTokens(config)).to.equal(null);
  });

  it('reports ?error=access_denied for our request', async () => {
    const start = await cognito.startHostedSignIn(hostedConfig(), {});
    const failed = oneEvent<AuthErrorEvent>(document, 'auth-error');
    await arriveAt(`${callbackPath}?error=access_denied&state=${pendingOf(start).state}`);
    expect((await failed).detail.code).to.equal('access-denied');
    expect(location.search).to.equal('');
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('nonce'), undefined, hostedConfig());
    const { config, start, callback } = await signInAtHostedUi([{ username: email, password }]);
    rewritePending(start, (request) => void (request.nonce = 'another-nonce'));

    const failed = oneEvent<AuthErrorEvent>(document, 'auth-error');
    await arriveAt(callback);
    expect((await failed).detail.code).to.equal('callback-mismatch');
    expect(readTokens(config)).to.equal(null);
    expect(sessionStore.state.user).to.equal(null);
  });

  it('refuses an expired pending request without exchanging the code', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('expired'), undefined, hostedConfig());
    const { config, start, callback } = await signInAtHostedUi([{ username: email, password }]);
    rewritePending(start, (request) => void (request.startedAt -= pendingLifetimeMs));

    const failed = oneEvent<AuthErrorEvent>(document, 'auth-error');
    await arriveAt(callback);
    expect((await failed).detail.code).to.equal('session-expired');
    expect(readTokens(config)).to.equal(null);
  });

  it('cannot use a code twice, nor with another verifier', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('reuse'), undefined, hostedConfig());
    const { start, callback } = await signInAtHostedUi([{ username: email, password }]);
    const saved = pendingOf(start);
    await arriveAt(callback);
    history.replaceState(null, '', testPage);

    // The same answer again, as a replay would bring it: the pending request put back, the code used.
    sessionStorage.setItem(pendingKey(saved.state), JSON.stringify(saved));
    const reused = oneEvent<AuthErrorEvent>(document, 'auth-error');
    await arriveAt(callback);
    expect((await reused).detail.code).to.equal('code-expired');

    // A fresh code with a verifier that is not the one its challenge came from.
    const next = await signInAtHostedUi([]);
    rewritePending(next.start, (request) => void (request.verifier = 'x'.repeat(43)));
    const mismatched = oneEvent<AuthErrorEvent>(document, 'auth-error');
    await arriveAt(next.callback);
    expect((await mismatched).detail.code).to.equal('code-expired');
  });

  it('says so when the token endpoint cannot be reached, and keeps nothing', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('offline'), undefined, hostedConfig());
    const { config, start, callback } = await signInAtHostedUi([{ username: email, password }]);
    rewritePending(start, (request) => void (request.config.domain = 'http://localhost:1'));
    const failed = oneEvent<AuthErrorEvent>(document, 'auth-error');
    await arriveAt(callback);
    const { detail } = await failed;
    expect(detail.code).to.equal('network');
    expect(detail.message).to.contain('Could not reach');
    expect(readTokens(config)).to.equal(null);
  });

  it("signs out through the domain's /logout, which ends its session and returns to redirectSignOut", async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('logout'), undefined, hostedConfig());
    const { config, callback } = await signInAtHostedUi([{ username: email, password }]);
    await arriveAt(callback);
    const result = await sessionStore.signOut();
    expect(result.leaving).to.equal(true);
    expect(left).to.deep.equal([logoutUrl(config)]);
    expect(readTokens(config)).to.equal(null);
    expect(isHostedSession(config)).to.equal(false);

    // The browser goes there: back to the sign-out URL, and the next sign-in asks for the password again.
    expect(landedAt(await walk(left[0], [], { stopAt: `${location.origin}${signedOutPath}` }))).to.equal(`${location.origin}${signedOutPath}`);
    const again = await cognito.startHostedSignIn(hostedConfig(), {});
    const page = await walk(again, []);
    expect('page' in page && page.page).to.contain('name="password"');
  });

  it('leaves the hosted pool alone on sign-out after an ordinary sign-in', async () => {
    const config = hostedConfig();
    const { email, password } = await createConfirmedUser(uniqueEmail('plain'), undefined, config);
    const step = await cognito.signIn(config, email, password);
    if (step.step !== 'done') throw new Error(`unexpected step ${step.step}`);
    sessionStore.signedIn(step.user, config);
    const result = await sessionStore.signOut();
    expect(result.leaving).to.equal(undefined);
    expect(left).to.deep.equal([]);
  });
});
