import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { configure } from '../../../src/config/index.js';
import '../../../src/elements/auth-signin.js';
import type { AuthSignin } from '../../../src/elements/auth-signin.js';
import '../../../src/elements/auth-signout.js';
import type { AuthSignout } from '../../../src/elements/auth-signout.js';
import type { AuthErrorEvent, AuthSignedOutEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { captureNavigation, configured, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, clearStoredSessions, expireStoredSession, injectFault, poolConfig, storageFor } from '../helpers/pool.js';
import { logCognitoRequests } from '../helpers/requests.js';
import { closeOtherTabs, otherTab, signInNewUser, stateWhere } from '../helpers/session.js';

const config = poolConfig();
const button = (el: Element) => el.querySelector<HTMLButtonElement>('[part~="submit"]')!;
const alertOf = (el: Element) => el.querySelector<HTMLElement>('[part~="error"][role="alert"]');

/** A copy of the stored session in memory storage: "another device" of the same user. */
function copySession() {
  const elsewhere = poolConfig({ storage: 'memory' });
  const storage = storageFor(elsewhere);
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith('CognitoIdentityServiceProvider.')) storage.setItem(key, localStorage.getItem(key)!);
  }
  return elsewhere;
}

describe('<auth-signout>', () => {
  before(() => {
    clearStoredSessions();
    configure(config);
  });

  afterEach(async () => {
    restoreSpies();
    await clearFaults();
    await sessionStore.signOut();
    clearStoredSessions();
    closeOtherTabs();
  });

  it('is hidden while nobody is signed in', async () => {
    const el = await fixture<AuthSignout>('<auth-signout></auth-signout>');
    await sessionStore.whenReady();
    await settled(el);
    expect(el.hidden).to.equal(true);
    expect(getComputedStyle(el).display).to.equal('none');
    await expect(el).to.be.accessible();
  });

  it('shows a button labelled by its content (default "Sign out") to a signed-in user', async () => {
    await signInNewUser();
    const plain = await fixture<AuthSignout>('<auth-signout></auth-signout>');
    const custom = await fixture<AuthSignout>('<auth-signout> Log out </auth-signout>');
    expect(plain.hidden).to.equal(false);
    expect(getComputedStyle(plain).display).to.not.equal('none');
    expect(button(plain).textContent.trim()).to.equal('Sign out');
    expect(button(custom).textContent.trim()).to.equal('Log out');
    expect(custom.querySelectorAll('button')).to.have.lengthOf(1);
    await expect(plain).to.be.accessible();
  });

  it('signs out here, revoking the refresh token, fires auth-signed-out and goes to next', async () => {
    await signInNewUser();
    const elsewhere = copySession();
    const urls = captureNavigation();
    const el = await fixture<AuthSignout>('<auth-signout next="signin.html"></auth-signout>');
    const signedOut = oneEvent<AuthSignedOutEvent>(el, 'auth-signed-out');
    button(el).click();
    expect((await signedOut).detail).to.deep.equal({ global: false, revoked: true });

    expect(sessionStore.state.user).to.equal(null);
    expect(await cognito.getTokens(config)).to.equal(null);
    expect(urls).to.deep.equal([new URL('signin.html', location.href).href]);
    expireStoredSession(elsewhere);
    expect(await cognito.getTokens(elsewhere)).to.equal(null); // revoked
    await settled(el);
    expect(el.hidden).to.equal(true);
  });

  it('signs out here at once when RevokeToken fails: one request, a note, and a link instead of going to next', async () => {
    await signInNewUser();
    const urls = captureNavigation();
    await injectFault({ operation: 'RevokeToken', kind: 'http-500' });
    const requests = logCognitoRequests();
    try {
      const el = await fixture<AuthSignout>('<auth-signout next="signin.html"></auth-signout>');
      const signedOut = oneEvent<AuthSignedOutEvent>(el, 'auth-signed-out');
      button(el).click();
      expect((await signedOut).detail).to.deep.equal({ global: false, revoked: false });
      expect(requests.count('RevokeToken')).to.equal(1);
      expect(sessionStore.state.user).to.equal(null);
      expect(await cognito.getTokens(config)).to.equal(null);
      expect(urls).to.deep.equal([]);
      await settled(el);
      expect(el.hidden).to.equal(false);
      expect(el.querySelector('[role="status"]')!.textContent).to.match(/signed out on this device.*could not be reached/i);
      expect(el.querySelector<HTMLAnchorElement>('a[part~="secondary"]')!.href).to.equal(new URL('signin.html', location.href).href);
      await expect(el).to.be.accessible();
      // A members page's gate may redirect at once: the sign-in form on the next page says it too, once.
      const signin = await fixture<AuthSignin>(configured('auth-signin'));
      expect(parts(signin).status.textContent).to.match(/signed out on this device.*could not be reached/i);
      signin.remove();
      const again = await fixture<AuthSignin>(configured('auth-signin'));
      expect(parts(again).status.textContent.trim()).to.equal('');
    } finally {
      requests.stop();
    }
  });

  it('is signed out at once while RevokeToken is still on its way', async () => {
    await signInNewUser();
    await injectFault({ operation: 'RevokeToken', kind: 'delay', delayMs: 1500, times: 1 });
    const outcome = sessionStore.signOut();
    expect(sessionStore.state.user).to.equal(null);
    expect(await cognito.getTokens(config)).to.equal(null);
    expect(await outcome).to.deep.equal({ revoked: true });
  });

  it('signs out everywhere with global: another session of the user can no longer refresh', async () => {
    const { email, password } = await signInNewUser();
    const device = poolConfig({ storage: 'memory' });
    const step = await cognito.signIn(device, email, password); // a separate sign-in on "another device"
    expect(step.step).to.equal('done');
    const el = await fixture<AuthSignout>('<auth-signout global></auth-signout>');
    const signedOut = oneEvent<AuthSignedOutEvent>(el, 'auth-signed-out');
    button(el).click();
    expect((await signedOut).detail).to.deep.equal({ global: true, revoked: true });

    expireStoredSession(device);
    expect(await cognito.getTokens(device)).to.equal(null);
  });

  it('sends one request for a double click, and says it is busy', async () => {
    await signInNewUser();
    await injectFault({ operation: 'GlobalSignOut', kind: 'delay', delayMs: 300 });
    const spy = spyOn(cognito, 'signOut');
    const el = await fixture<AuthSignout>('<auth-signout global></auth-signout>');
    const signedOut = oneEvent(el, 'auth-signed-out');
    button(el).click();
    button(el).click();
    await settled(el);
    expect(button(el).getAttribute('aria-disabled')).to.equal('true');
    expect(button(el).textContent.trim()).to.equal('Signing out…');
    await signedOut;
    expect(spy.calls).to.have.lengthOf(1);
  });

  it('shows a failed global sign-out, keeps the user signed in, and retries on the next click', async () => {
    await signInNewUser();
    await injectFault({ operation: 'GlobalSignOut', kind: 'http-500', times: 1 });
    const el = await fixture<AuthSignout>('<auth-signout global></auth-signout>');
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    button(el).click();
    const { detail } = await error;
    expect(detail).to.include({ flow: 'signout', code: 'server' });
    await settled(el);
    expect(alertOf(el)!.textContent).to.equal(detail.message);
    expect(sessionStore.state.user).to.not.equal(null);
    expect(el.hidden).to.equal(false);
    await expect(el).to.be.accessible();

    const signedOut = oneEvent(el, 'auth-signed-out');
    button(el).click();
    await signedOut;
    expect(sessionStore.state.user).to.equal(null);
  });

  it('refuses a next on another origin', async () => {
    await signInNewUser();
    const urls = captureNavigation();
    const el = await fixture<AuthSignout>('<auth-signout next="https://evil.example/"></auth-signout>');
    const signedOut = oneEvent(el, 'auth-signed-out');
    button(el).click();
    await signedOut;
    expect(urls).to.deep.equal([]);
  });

  it('appears and disappears when another tab signs in and out', async () => {
    const { email, password } = await signInNewUser();
    await sessionStore.signOut();
    const el = await fixture<AuthSignout>('<auth-signout></auth-signout>');
    expect(el.hidden).to.equal(true);
    const tab = await otherTab();

    await tab.signIn(email, password);
    await waitUntil(() => !el.hidden, 'not shown after the other tab signed in');
    await tab.signOut();
    await waitUntil(() => el.hidden, 'not hidden after the other tab signed out');
    await stateWhere((state) => state.user === null);
  });
});
