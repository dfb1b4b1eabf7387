// Issue-12 polish, items 1 and 4–8: what a demanding user notices between typing and the next
// page. Each test drives an element against the local pool as a person would.
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/auth-forgot-password.js';
import '../../../src/elements/auth-gate.js';
import '../../../src/elements/auth-register.js';
import '../../../src/elements/auth-signin.js';
import '../../../src/elements/auth-signout.js';
import '../../../src/elements/auth-verify.js';
import type { AuthSignedInEvent, AuthVerifiedEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { captureNavigation, configured, fill, fillAndSubmit, parts, restoreSpies, settled } from '../helpers/form.js';
import {
  clearFaults,
  createConfirmedUser,
  injectFault,
  latestCode,
  poolConfig,
  poolRequests,
  clearPoolRequests,
  strongPassword,
  uniqueEmail,
} from '../helpers/pool.js';
import { cognito } from '../../../src/cognito/cognito-client.js';

const invalid = (el: Element, name: string) => parts(el).input(name).getAttribute('aria-invalid') === 'true';

afterEach(async () => {
  restoreSpies();
  await sessionStore.signOut().catch(() => {});
  sessionStore.setPendingEmail(null);
  sessionStorage.removeItem('cognito-auth-elements.notice');
  await clearFaults();
});

describe('1. field errors clear as the field becomes valid', () => {
  it('drops the email and confirmation errors of <auth-register> while they are corrected, before any submit', async () => {
    const el = await fixture(configured('auth-register'));
    fillAndSubmit(el, { email: 'bad', password: strongPassword, confirm: 'something else' });
    await settled(el);
    expect(invalid(el, 'email')).to.equal(true);
    expect(invalid(el, 'confirm')).to.equal(true);

    fill(el, { email: uniqueEmail('fix') });
    await settled(el);
    expect(invalid(el, 'email'), 'email fixed').to.equal(false);
    expect(parts(el).fieldError('email')).to.equal(null);
    expect(invalid(el, 'confirm'), 'confirm still wrong').to.equal(true);

    fill(el, { confirm: strongPassword });
    await settled(el);
    expect(invalid(el, 'confirm')).to.equal(false);
    expect(parts(el).fieldError('confirm')).to.equal(null);
  });

  it('clears the confirmation error when the password is changed to match it', async () => {
    const el = await fixture(configured('auth-register'));
    fillAndSubmit(el, { email: uniqueEmail(), password: strongPassword, confirm: `${strongPassword}x` });
    await settled(el);
    expect(invalid(el, 'confirm')).to.equal(true);
    fill(el, { password: `${strongPassword}x` });
    await settled(el);
    expect(invalid(el, 'confirm')).to.equal(false);
  });

  it('clears a phone number error of an extra attribute once the number is valid', async () => {
    const el = await fixture(configured('auth-register', 'attributes="phone_number*"'));
    fillAndSubmit(el, { email: uniqueEmail(), password: strongPassword, confirm: strongPassword, phone_number: '4155550123' });
    await settled(el);
    expect(invalid(el, 'phone_number')).to.equal(true);
    fill(el, { phone_number: '+1 415 555 0123' });
    await settled(el);
    expect(invalid(el, 'phone_number')).to.equal(false);
  });

  it('does not add errors to untouched fields while typing', async () => {
    const el = await fixture(configured('auth-register'));
    fillAndSubmit(el, { email: 'bad', password: strongPassword, confirm: strongPassword });
    await settled(el);
    fill(el, { confirm: 'x' });
    await settled(el);
    expect(invalid(el, 'confirm')).to.equal(false);
  });
});

describe('4. each action has its own busy label', () => {
  it('says a new code is on its way while "Send a new code" waits, and leaves the Verify button alone', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('busy'));
    const el = await fixture(configured('auth-forgot-password', 'resend-cooldown="0"'));
    fillAndSubmit(el, { email });
    await waitUntil(() => el.querySelector('[name="code"]'), 'the reset step appears');
    await settled(el);
    await injectFault({ operation: 'ForgotPassword', kind: 'delay', delayMs: 1500, times: 1 });
    const resend = [...el.querySelectorAll<HTMLButtonElement>('[part~="secondary"]')].find((b) => b.textContent.includes('Send a new code'))!;
    resend.click();
    await settled(el);
    expect(resend.textContent).to.contain('Sending a new code…');
    expect(parts(el).submit.textContent.trim()).to.equal('Reset password');
    expect(parts(el).submit.disabled, 'one request at a time').to.equal(true);
    expect(parts(el).status.textContent).to.contain('Sending a new code…');
    await waitUntil(() => parts(el).status.textContent.includes('We sent a code'), 'the new code is sent', { timeout: 5000 });
    expect(resend.textContent).to.contain('Send a new code');
  });
});

describe('5. codes accept spaces and dashes', () => {
  it('verifies with "123 456" pasted from the email', async () => {
    const email = uniqueEmail('spaced');
    await cognito.signUp(poolConfig(), { email, password: strongPassword });
    const code = await latestCode(email);
    const el = await fixture(configured('auth-verify', `email="${email}"`));
    const verified = oneEvent<AuthVerifiedEvent>(el, 'auth-verified');
    fillAndSubmit(el, { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` });
    await verified;
  });

  it('resets a password with a code written "123-456"', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('dashed'));
    const el = await fixture(configured('auth-forgot-password'));
    fillAndSubmit(el, { email });
    await waitUntil(() => el.querySelector('[name="code"]'));
    const code = await latestCode(email, 'forgot-password');
    const reset = oneEvent(el, 'auth-password-reset');
    fillAndSubmit(el, { code: `${code.slice(0, 3)}-${code.slice(3)}`, password: `${strongPassword}2`, confirm: `${strongPassword}2` });
    await reset;
  });

  it('has no maxlength that would cut a pasted code', async () => {
    const el = await fixture(configured('auth-verify'));
    expect(parts(el).input('code').hasAttribute('maxlength')).to.equal(false);
  });
});

describe('6. a password with outer spaces', () => {
  it('is refused next to the field, with the rule shown in the checklist, and nothing is sent', async () => {
    await clearPoolRequests();
    const el = await fixture(configured('auth-register'));
    fillAndSubmit(el, { email: uniqueEmail(), password: ` ${strongPassword}`, confirm: ` ${strongPassword}` });
    await settled(el);
    expect(parts(el).fieldError('password')?.textContent).to.contain('cannot start or end with a space');
    const rules = [...el.querySelectorAll('[part~="checklist"] li')].map((li) => li.textContent.replace(/\s+/g, ' '));
    expect(rules.some((rule) => rule.includes('No space at the start or end') && rule.includes('not met'))).to.equal(true);
    expect(await poolRequests('SignUp')).to.have.lengthOf(0);
  });
});

describe('7. secrets leave the fields after success', () => {
  it('empties the password field after a successful sign-in', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('clear'));
    const el = await fixture(configured('auth-signin', 'next="/members.html"'));
    captureNavigation();
    const signedIn = oneEvent(el, 'auth-signed-in');
    fillAndSubmit(el, { username: email, password });
    await signedIn;
    await settled(el);
    const field = el.querySelector<HTMLInputElement>('[name="password"]');
    expect(field?.value ?? '').to.equal('');
  });
});

describe('8. help between steps', () => {
  it('after registering, the verify page says where the code went', async () => {
    const email = uniqueEmail('reg-note');
    const urls = captureNavigation();
    const register = await fixture(configured('auth-register', 'next="/verify.html"'));
    fillAndSubmit(register, { email, password: strongPassword, confirm: strongPassword });
    await waitUntil(() => urls.length === 1, 'goes to next');
    register.remove();
    const verify = await fixture(configured('auth-verify'));
    expect(parts(verify).status.textContent).to.match(/Account created\. We sent a verification code to .+\./);
    expect(parts(verify).input('email').value).to.equal(email);
  });

  it('after verifying, the sign-in page says so and has the email filled in', async () => {
    const email = uniqueEmail('handoff');
    await cognito.signUp(poolConfig(), { email, password: strongPassword });
    const urls = captureNavigation();
    const verify = await fixture(configured('auth-verify', `email="${email}" next="/signin.html"`));
    fillAndSubmit(verify, { code: await latestCode(email) });
    await waitUntil(() => urls.length === 1, 'goes to next');
    verify.remove();

    const signin = await fixture(configured('auth-signin'));
    await settled(signin);
    expect(parts(signin).status.textContent).to.contain('Your email address is verified');
    expect(parts(signin).input('username').value).to.equal(email);
  });

  it('after a password reset, the sign-in page says the password changed', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('reset-note'));
    const urls = captureNavigation();
    const forgot = await fixture(configured('auth-forgot-password', 'next="/signin.html"'));
    fillAndSubmit(forgot, { email });
    await waitUntil(() => forgot.querySelector('[name="code"]'));
    const code = await latestCode(email, 'forgot-password');
    fillAndSubmit(forgot, { code, password: `${strongPassword}3`, confirm: `${strongPassword}3` });
    await waitUntil(() => urls.length === 1);
    forgot.remove();

    const signin = await fixture(configured('auth-signin'));
    expect(parts(signin).status.textContent).to.contain('Your password has been changed');
    expect(parts(signin).input('username').value).to.equal(email);
  });

  it('after signing out, the next sign-in form says so', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('out-note'));
    const step = await cognito.signIn(poolConfig(), email, password);
    if (step.step !== 'done') throw new Error(step.step);
    sessionStore.signedIn(step.user, poolConfig());
    const signout = await fixture<HTMLElement>('<auth-signout></auth-signout>');
    await waitUntil(() => !signout.hidden);
    const out = oneEvent(signout, 'auth-signed-out');
    signout.querySelector('button')!.click();
    await out;
    signout.remove();
    const signin = await fixture(configured('auth-signin'));
    expect(parts(signin).status.textContent).to.contain('You are signed out.');
  });

  it('signing out inside a gate: the note is left before the gate leaves, and the revocation may outlive the page', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('gate-out'));
    const step = await cognito.signIn(poolConfig(), email, password);
    if (step.step !== 'done') throw new Error(step.step);
    sessionStore.signedIn(step.user, poolConfig());
    const notesAtRedirect: Array<string | null> = [];
    const urls = captureNavigation();
    const { navigation } = await import('../../../src/shared/navigation.js');
    const go = navigation.go;
    navigation.go = (url, options) => {
      notesAtRedirect.push(sessionStorage.getItem('cognito-auth-elements.notice'));
      go(url, options);
    };
    const keepalive: boolean[] = [];
    const fetchDescriptor = Object.getOwnPropertyDescriptor(window, 'fetch')!;
    const realFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      if (String((init?.headers as Record<string, string> | undefined)?.['X-Amz-Target']).endsWith('RevokeToken')) keepalive.push(init?.keepalive === true);
      return realFetch(input, init);
    };
    try {
      const gate = await fixture(`<auth-gate redirect="/signin.html"><auth-signout></auth-signout></auth-gate>`);
      const signout = gate.querySelector<HTMLElement>('auth-signout')!;
      await waitUntil(() => !signout.hidden);
      const out = oneEvent(signout, 'auth-signed-out');
      signout.querySelector('button')!.click();
      await out;
      await waitUntil(() => urls.length === 1, 'the gate redirects');
      expect(notesAtRedirect[0]).to.contain('You are signed out.');
      expect(keepalive).to.deep.equal([true]);
    } finally {
      Object.defineProperty(window, 'fetch', fetchDescriptor);
      navigation.go = go;
    }
  });

  it('a sign-in form notices someone is already signed in, and offers to sign out', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('already'));
    const step = await cognito.signIn(poolConfig(), email, password);
    if (step.step !== 'done') throw new Error(step.step);
    sessionStore.signedIn(step.user, poolConfig());
    const el = await fixture(configured('auth-signin', 'next="/ride.html"'));
    await settled(el);
    expect(el.querySelector('[name="password"]')).to.equal(null);
    expect(parts(el).status.textContent).to.contain(`You are already signed in as ${email}`);
    const links = [...el.querySelectorAll<HTMLAnchorElement>('a[part~="secondary"]')].map((a) => a.pathname);
    expect(links).to.deep.equal(['/ride.html']);
    const signOut = [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent.includes('Sign out'))!;
    signOut.click();
    await waitUntil(() => el.querySelector('[name="password"]'), 'the form comes back after signing out');
    expect(sessionStore.state.user).to.equal(null);
  });

  it('a register form notices someone is already signed in', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('already-reg'));
    const step = await cognito.signIn(poolConfig(), email, password);
    if (step.step !== 'done') throw new Error(step.step);
    sessionStore.signedIn(step.user, poolConfig());
    const el = await fixture(configured('auth-register'));
    await settled(el);
    expect(el.querySelector('[name="password"]')).to.equal(null);
    expect(el.textContent).to.contain(`You are already signed in as ${email}`);
  });

  it('shows "You are signed in as …" after signing in on a page without next', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('done-note'));
    const el = await fixture(configured('auth-signin'));
    const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
    fillAndSubmit(el, { username: email, password });
    await signedIn;
    await settled(el);
    expect(parts(el).status.textContent).to.contain(`You are signed in as ${email}.`);
  });

  it('has a show-password toggle with an accessible name whose state is aria-pressed', async () => {
    const el = await fixture(configured('auth-signin'));
    fill(el, { password: 'secret words' });
    const toggle = el.querySelector<HTMLButtonElement>('[part~="reveal"]')!;
    expect(toggle.textContent.trim()).to.equal('Show password');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(toggle.getAttribute('aria-controls')).to.equal(parts(el).input('password').id);
    toggle.click();
    await settled(el);
    expect(parts(el).input('password').type).to.equal('text');
    expect(parts(el).input('password').value, 'nothing typed is lost').to.equal('secret words');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    toggle.click();
    await settled(el);
    expect(parts(el).input('password').type).to.equal('password');
  });
});
