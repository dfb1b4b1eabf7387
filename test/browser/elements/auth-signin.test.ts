import { expect, fixture, oneEvent } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-signin.js';
import type { AuthErrorEvent, AuthSignedInEvent, AuthVerificationRequiredEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { configured, fill, fillAndSubmit, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, createConfirmedUser, poolConfig, resetPool, strongPassword, uniqueEmail } from '../helpers/pool.js';
import { itBehavesLikeAnAuthForm } from '../shared/form-behaviour.js';

async function confirmedUser(): Promise<Record<string, string>> {
  const { email, password } = await createConfirmedUser(uniqueEmail('signin'));
  return { username: email, password };
}

itBehavesLikeAnAuthForm({
  tag: 'auth-signin',
  flow: 'signin',
  method: 'signIn',
  operation: 'InitiateAuth',
  successEvent: 'auth-signed-in',
  prepare: confirmedUser,
  invalid: [
    { why: 'an empty email', values: { username: '', password: strongPassword }, field: 'username' },
    { why: 'a malformed email', values: { username: 'ada', password: strongPassword }, field: 'username' },
    { why: 'an empty password', values: { username: 'ada@example.com', password: '' }, field: 'password' },
  ],
});

describe('<auth-signin>', () => {
  afterEach(async () => {
    restoreSpies();
    await sessionStore.signOut().catch(() => {});
    sessionStore.setPendingEmail(null);
    await clearFaults();
  });
  after(() => resetPool());

  it('signs in by SRP, puts the user in the store and fires auth-signed-in without tokens', async () => {
    const { username: email, password } = await confirmedUser();
    const el = await fixture(configured('auth-signin'));
    const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
    fillAndSubmit(el, { username: email, password });
    const { detail } = await signedIn;
    expect(Object.keys(detail).sort()).to.deep.equal(['email', 'username']);
    expect(detail.email).to.equal(email);
    expect(sessionStore.state.user?.email).to.equal(email);
    expect(await sessionStore.getIdToken()).to.match(/^eyJ/);
  });

  it('selects the password for retyping after a wrong one, keeping the email', async () => {
    const { username: email } = await confirmedUser();
    const el = await fixture(configured('auth-signin'));
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { username: email, password: 'Wrong-Password-1' });
    const { detail } = await error;
    expect(detail).to.include({ flow: 'signin', code: 'not-authorized' });
    await settled(el);
    const password = parts(el).input('password');
    expect(document.activeElement).to.equal(password);
    expect([password.selectionStart, password.selectionEnd]).to.deep.equal([0, 'Wrong-Password-1'.length]);
    expect(parts(el).input('username').value).to.equal(email);
    expect(parts(el).alert!.textContent).to.contain('Incorrect email or password');
    await expect(el).to.be.accessible();
  });

  it('gives an unknown email the same message as a wrong password', async () => {
    const el = await fixture(configured('auth-signin'));
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { username: uniqueEmail('nobody'), password: strongPassword });
    const { detail } = await error;
    expect(detail.message).to.equal('Incorrect email or password.');
  });

  it('sends an unverified user to verify, carrying the email in the store', async () => {
    const email = uniqueEmail('unverified');
    await cognito.signUp(poolConfig(), { email, password: strongPassword });
    const el = await fixture(configured('auth-signin', 'verify-url="/verify.html"'));
    expect(el.querySelector('a[href$="/verify.html"]')).to.equal(null);
    const required = oneEvent<AuthVerificationRequiredEvent>(el, 'auth-verification-required');
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { username: email, password: strongPassword });
    expect((await required).detail).to.deep.equal({ username: email });
    expect((await error).detail.code).to.equal('user-not-confirmed');
    await settled(el);
    expect(sessionStore.state.pendingEmail).to.equal(email);
    expect(parts(el).alert!.textContent).to.contain('not been verified');
    const link = el.querySelector<HTMLAnchorElement>('a[part~="secondary"][href$="/verify.html"]')!;
    expect(link.href).to.equal(new URL('/verify.html', location.href).href);
    expect(link.href).to.not.contain(encodeURIComponent(email));
    await expect(el).to.be.accessible();
  });

  it('links to forgot-password-url, and never to another origin', async () => {
    const el = await fixture(configured('auth-signin', 'forgot-password-url="forgot.html"'));
    expect(el.querySelector<HTMLAnchorElement>('a[part~="secondary"]')!.href).to.equal(new URL('forgot.html', location.href).href);
    const evil = await fixture(configured('auth-signin', 'forgot-password-url="javascript:alert(1)"'));
    expect(evil.querySelector('a')).to.equal(null);
  });

  it('takes plain usernames with username-field="text"', async () => {
    const el = await fixture(configured('auth-signin', 'username-field="text"'));
    const input = parts(el).input('username');
    expect(input.type).to.equal('text');
    expect(input.autocomplete).to.equal('username');
    expect(input.labels![0].textContent).to.contain('Username');
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { username: 'not-an-email', password: strongPassword });
    // No browser check refused it: the pool answered.
    expect((await error).detail.code).to.be.oneOf(['not-authorized', 'user-not-found', 'invalid-input']);
  });

  it('uses the tokens password managers pair: username and current-password', async () => {
    const el = await fixture(configured('auth-signin'));
    expect(parts(el).input('username').autocomplete).to.equal('username');
    expect(parts(el).input('username').type).to.equal('email');
    expect(parts(el).input('password').autocomplete).to.equal('current-password');
  });

  it('sends one sign-in when Enter and the button are pressed together', async () => {
    const values = await confirmedUser();
    const spy = spyOn(cognito, 'signIn');
    const el = await fixture(configured('auth-signin'));
    const signedIn = oneEvent(el, 'auth-signed-in');
    fill(el, values);
    parts(el).form.requestSubmit();
    parts(el).submit.click();
    await signedIn;
    expect(spy.calls).to.have.lengthOf(1);
  });
});
