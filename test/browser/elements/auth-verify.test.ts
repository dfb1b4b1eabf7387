import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-verify.js';
import type { AuthCodeResentEvent, AuthErrorEvent, AuthVerifiedEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { configured, fill, fillAndSubmit, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, injectFault, latestCode, messagesTo, poolConfig, strongPassword, uniqueEmail } from '../helpers/pool.js';
import { itBehavesLikeAnAuthForm } from '../shared/form-behaviour.js';

/** A user who registered and has not verified yet; returns the email and the emailed code. */
async function registered(): Promise<{ email: string; code: string }> {
  const email = uniqueEmail('verify');
  await cognito.signUp(poolConfig(), { email, password: strongPassword });
  return { email, code: await latestCode(email) };
}

itBehavesLikeAnAuthForm({
  tag: 'auth-verify',
  flow: 'verify',
  method: 'confirmSignUp',
  operation: 'ConfirmSignUp',
  successEvent: 'auth-verified',
  prepare: registered,
  invalid: [
    { why: 'an empty code', values: { email: 'ada@example.com', code: '' }, field: 'code' },
    { why: 'a 5-digit code', values: { email: 'ada@example.com', code: '12345' }, field: 'code' },
    { why: 'a code with letters', values: { email: 'ada@example.com', code: '12a456' }, field: 'code' },
    { why: 'a malformed email', values: { email: 'ada.example.com', code: '123456' }, field: 'email' },
  ],
});

describe('<auth-verify>', () => {
  afterEach(async () => {
    restoreSpies();
    sessionStore.setPendingEmail(null);
    history.replaceState(null, '', location.pathname);
    await clearFaults();
  });

  it('confirms the account with the emailed code so the user can sign in', async () => {
    const { email, code } = await registered();
    const el = await fixture(configured('auth-verify'));
    const verified = oneEvent<AuthVerifiedEvent>(el, 'auth-verified');
    fillAndSubmit(el, { email, code });
    expect((await verified).detail).to.deep.equal({ username: email });
    const step = await cognito.signIn(poolConfig({ storage: 'memory' }), email, strongPassword);
    expect(step.step).to.equal('done');
  });

  it('pre-fills the email the store remembers, and follows it when it changes', async () => {
    sessionStore.setPendingEmail('first@example.com');
    const el = await fixture(configured('auth-verify'));
    expect(parts(el).input('email').value).to.equal('first@example.com');
    sessionStore.setPendingEmail('second@example.com');
    await settled(el);
    expect(parts(el).input('email').value).to.equal('second@example.com');
  });

  it('prefers ?email= in the URL to the store, and the email attribute to both', async () => {
    sessionStore.setPendingEmail('store@example.com');
    history.replaceState(null, '', `${location.pathname}?email=url%40example.com`);
    const fromUrl = await fixture(configured('auth-verify'));
    expect(parts(fromUrl).input('email').value).to.equal('url@example.com');
    const fromAttribute = await fixture(configured('auth-verify', 'email="attr@example.com"'));
    expect(parts(fromAttribute).input('email').value).to.equal('attr@example.com');
  });

  it('offers the code input to one-time-code autofill and the numeric keypad', async () => {
    const el = await fixture(configured('auth-verify'));
    const code = parts(el).input('code');
    expect(code.autocomplete).to.equal('one-time-code');
    expect(code.inputMode).to.equal('numeric');
    // No pattern or maxlength: a pasted "123 456" must arrive whole (it is normalised on submit).
    expect(code.pattern).to.equal('');
  });

  it('selects a wrong code for retyping and keeps the email', async () => {
    const { email, code } = await registered();
    const wrong = code === '000000' ? '111111' : '000000';
    const el = await fixture(configured('auth-verify'));
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { email, code: wrong });
    expect((await error).detail).to.include({ code: 'code-mismatch', flow: 'verify' });
    await settled(el);
    const input = parts(el).input('code');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(input);
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, 6]);
    expect(parts(el).input('email').value).to.equal(email);
    await expect(el).to.be.accessible();

    const verified = oneEvent(el, 'auth-verified');
    fillAndSubmit(el, { code });
    await verified;
  });

  it('sends a new code, then asks to wait for the cool-down before another', async () => {
    const { email } = await registered();
    const spy = spyOn(cognito, 'resendSignUpCode');
    const el = await fixture(configured('auth-verify', 'resend-cooldown="60"'));
    fill(el, { email });
    const resend = parts(el).secondary.find((b) => b.textContent.includes('new code'))!;
    const resent = oneEvent<AuthCodeResentEvent>(el, 'auth-code-resent');
    resend.click();
    const { detail } = await resent;
    expect(detail.username).to.equal(email);
    expect(detail.delivery?.medium).to.equal('EMAIL');
    await settled(el);
    expect((await messagesTo(email)).filter((m) => m.kind === 'sign-up')).to.have.lengthOf(2);
    expect(resend.getAttribute('aria-disabled')).to.equal('true');
    expect(resend.textContent).to.match(/available in \d+ s/);
    expect(parts(el).status.textContent).to.contain('new code');
    await expect(el).to.be.accessible();

    resend.click();
    await settled(el);
    expect(spy.calls).to.have.lengthOf(1);
  });

  it('verifies with the newest code after a resend', async () => {
    const { email } = await registered();
    const el = await fixture(configured('auth-verify'));
    fill(el, { email });
    const resent = oneEvent(el, 'auth-code-resent');
    parts(el).secondary[0].click();
    await resent;
    const verified = oneEvent(el, 'auth-verified');
    fillAndSubmit(el, { code: await latestCode(email) });
    await verified;
  });

  it('checks the email before resending, without a request', async () => {
    const spy = spyOn(cognito, 'resendSignUpCode');
    const el = await fixture(configured('auth-verify'));
    fill(el, { email: 'not-an-email' });
    parts(el).secondary[0].click();
    await waitUntil(() => parts(el).input('email').getAttribute('aria-invalid') === 'true');
    expect(spy.calls).to.have.lengthOf(0);
  });

  it('sends one resend however often it is clicked while busy', async () => {
    const { email } = await registered();
    const spy = spyOn(cognito, 'resendSignUpCode');
    await injectFault({ operation: 'ResendConfirmationCode', kind: 'delay', delayMs: 1000, times: 1 });
    const el = await fixture(configured('auth-verify'));
    fill(el, { email });
    const resent = oneEvent(el, 'auth-code-resent');
    const resend = parts(el).secondary[0];
    resend.click();
    resend.click();
    parts(el).submit.click();
    await resent;
    expect(spy.calls).to.have.lengthOf(1);
  });

  it('shows a failed resend and fires auth-error for the resend-code flow', async () => {
    const { email } = await registered();
    await injectFault({ operation: 'ResendConfirmationCode', kind: 'http-500', times: 1 });
    const el = await fixture(configured('auth-verify'));
    fill(el, { email });
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    parts(el).secondary[0].click();
    expect((await error).detail).to.include({ flow: 'resend-code', code: 'server' });
    await settled(el);
    expect(parts(el).alert).to.not.equal(null);
    expect(parts(el).secondary[0].getAttribute('aria-disabled')).to.equal('false');
  });
});
