// Passwordless sign-up, and signing in straight after <auth-verify> confirms (Cognito's SignUp →
// ConfirmSignUp → InitiateAuth USER_AUTH Session chain), against the runner's 'userAuth' pool
// (every first factor) and its 'classic' one (an app client without ALLOW_USER_AUTH).
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/auth-register.js';
import '../../../src/elements/auth-verify.js';
import type { AuthErrorEvent, AuthRegisteredEvent, AuthSignedInEvent, AuthVerifiedEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { captureNavigation, fillAndSubmit, parts, restoreSpies, settled } from '../helpers/form.js';
import { clearStoredSessions, hasLocalPool, latestCode, poolConfig, strongPassword, uniqueEmail, type PoolName } from '../helpers/pool.js';

const handOffKey = 'cognito-auth-elements.signup-session';
/** The kept hand-off, "<expires> <client id>/<email> <session>". */
const kept = () => sessionStorage.getItem(handOffKey)!.split(' ');
const keep = (expires: number, owner: string, session: string) => sessionStorage.setItem(handOffKey, `${expires} ${owner} ${session}`);

function element<T extends HTMLElement>(tag: 'auth-register' | 'auth-verify', pool: PoolName, extra = ''): Promise<T> {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig({ pool });
  return fixture<T>(
    `<${tag} region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" ${extra}></${tag}>`,
  );
}

/** Registers `email` with a fresh <auth-register> (passwordless unless a password is given), then removes the form. */
async function register(pool: PoolName, email: string, password?: string): Promise<AuthRegisteredEvent> {
  const el = await element('auth-register', pool, password ? '' : 'passwordless');
  const registered = oneEvent<AuthRegisteredEvent>(el, 'auth-registered');
  fillAndSubmit(el, password ? { email, password, confirm: password } : { email });
  const event = await registered;
  el.remove();
  return event;
}

/** Submits the emailed code to a fresh <auth-verify>; resolves once it is verified (and, if so, signed in). */
async function verify(pool: PoolName, email: string, extra = ''): Promise<{ el: HTMLElement; events: string[] }> {
  const el = await element('auth-verify', pool, `email="${email}" ${extra}`);
  const events: string[] = [];
  for (const type of ['auth-verified', 'auth-signed-in', 'auth-error']) el.addEventListener(type, () => events.push(type));
  const verified = oneEvent<AuthVerifiedEvent>(el, 'auth-verified');
  fillAndSubmit(el, { code: await latestCode(email, 'sign-up', pool) });
  await verified;
  await waitUntil(() => !el.querySelector('[aria-busy="true"]'), 'verify never settled', { timeout: 10_000 });
  await settled(el);
  return { el, events };
}

describe('passwordless sign-up and signing in after verifying', function () {
  before(function (this: { skip(): void }) {
    if (!hasLocalPool('userAuth') || !hasLocalPool('classic')) this.skip();
  });
  afterEach(async () => {
    restoreSpies();
    await sessionStore.signOut().catch(() => {});
    sessionStore.setPendingEmail(null);
    sessionStorage.removeItem(handOffKey);
    clearStoredSessions();
  });

  it('asks for the email and attributes only in passwordless mode', async () => {
    const el = await element('auth-register', 'userAuth', 'passwordless attributes="name"');
    expect(el.querySelectorAll('input[type="password"]')).to.have.lengthOf(0);
    expect(parts(el).input('email')).to.not.equal(null);
    expect(parts(el).input('name')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('signs a passwordless sign-up in as soon as the emailed code is confirmed', async () => {
    const email = uniqueEmail('passwordless');
    const registered = await register('userAuth', email);
    expect(registered.detail.confirmed).to.equal(false);
    const [, , session] = kept();
    expect(JSON.stringify(registered.detail), 'no Session in the event').to.not.contain(session);
    expect(location.href, 'no Session in the URL').to.not.contain(session);

    const signedIn = new Promise<AuthSignedInEvent>((resolve) => document.addEventListener('auth-signed-in', resolve, { once: true }));
    const { el, events } = await verify('userAuth', email, 'signin-url="/signin.html"');
    const { detail } = await signedIn;
    expect(events).to.deep.equal(['auth-verified', 'auth-signed-in']);
    expect(detail).to.deep.equal({ username: email, email });
    expect(sessionStore.state.user?.email).to.equal(email);
    expect(parts(el).status.textContent).to.contain(`signed in as ${email}`);
    expect(el.querySelector('a[href$="/signin.html"]'), 'no sign-in link').to.equal(null);
    expect(document.querySelectorAll('input[type="password"]'), 'no password anywhere').to.have.lengthOf(0);
    expect(sessionStorage.getItem(handOffKey), 'the Session is used once').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('signs a password sign-up in too, and goes to signin-next', async () => {
    const email = uniqueEmail('password-then-in');
    await register('userAuth', email, strongPassword);
    const urls = captureNavigation();
    const { events } = await verify('userAuth', email, 'next="/signin.html" signin-next="/members.html"');
    expect(events).to.deep.equal(['auth-verified', 'auth-signed-in']);
    expect(sessionStore.state.user?.email).to.equal(email);
    expect(urls.map((url) => new URL(url).pathname)).to.deep.equal(['/members.html']);
  });

  it('keeps the Session through a mistyped code', async () => {
    const email = uniqueEmail('mistyped');
    await register('userAuth', email);
    const el = await element('auth-verify', 'userAuth', `email="${email}"`);
    const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
    const code = await latestCode(email, 'sign-up', 'userAuth');
    fillAndSubmit(el, { code: code === '000000' ? '111111' : '000000' });
    expect((await failed).detail.code).to.equal('code-mismatch');
    await settled(el);
    const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
    fillAndSubmit(el, { code });
    await signedIn;
    expect(sessionStore.state.user?.email).to.equal(email);
  });

  it('only verifies on a pool whose app client does not allow USER_AUTH, as before', async () => {
    const email = uniqueEmail('classic');
    await register('classic', email, strongPassword);
    expect(sessionStorage.getItem(handOffKey), 'SignUp returned no Session').to.equal(null);
    const { el, events } = await verify('classic', email);
    expect(events).to.deep.equal(['auth-verified']);
    expect(sessionStore.state.user).to.equal(null);
    expect(parts(el).status.textContent).to.contain('Your email address is verified. You can sign in now.');
  });

  it('only verifies when the kept Session has expired, as before', async () => {
    const email = uniqueEmail('expired');
    await register('userAuth', email);
    const [, owner, session] = kept();
    keep(Date.now() - 1, owner, session);
    const { el, events } = await verify('userAuth', email);
    expect(events).to.deep.equal(['auth-verified']);
    expect(sessionStore.state.user).to.equal(null);
    expect(parts(el).status.textContent).to.contain('Your email address is verified. You can sign in now.');
    expect(sessionStorage.getItem(handOffKey), 'the expired Session is forgotten').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('only verifies when the pool no longer accepts the Session, as before', async () => {
    const email = uniqueEmail('refused');
    await register('userAuth', email);
    const [expires, owner] = kept();
    keep(Number(expires), owner, 'not-a-session-the-pool-knows');
    const { el, events } = await verify('userAuth', email);
    expect(events).to.deep.equal(['auth-verified']);
    expect(sessionStore.state.user).to.equal(null);
    expect(parts(el).status.textContent).to.contain('Your email address is verified. You can sign in now.');
  });

  it('only verifies another address than the one the Session was issued for', async () => {
    const email = uniqueEmail('first');
    await register('userAuth', email);
    const other = uniqueEmail('second');
    await register('userAuth', other);
    sessionStorage.setItem(handOffKey, sessionStorage.getItem(handOffKey)!.replace(other, email));
    const { events } = await verify('userAuth', other);
    expect(events).to.deep.equal(['auth-verified']);
    expect(sessionStore.state.user).to.equal(null);
  });
});
