import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-forgot-password.js';
import type { AuthErrorEvent, AuthPasswordResetEvent, AuthResetCodeSentEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { captureNavigation, fill, fillAndSubmit, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, createConfirmedUser, injectFault, latestCode, messagesTo, poolConfig, strongPassword, uniqueEmail } from '../helpers/pool.js';

const newPassword = 'Brand-New-Pass-42';

function configured(extra = ''): string {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig();
  return `<auth-forgot-password region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" ${extra}></auth-forgot-password>`;
}

/** A confirmed user, and an element that has already sent them a reset code (step 2). */
async function atResetStep(extra = ''): Promise<{ el: HTMLElement; email: string; code: string }> {
  const { email } = await createConfirmedUser(uniqueEmail('forgot'));
  const el = await fixture<HTMLElement>(configured(extra));
  const sent = oneEvent(el, 'auth-reset-code-sent');
  fillAndSubmit(el, { email });
  await sent;
  await settled(el);
  return { el, email, code: await latestCode(email, 'forgot-password') };
}

function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

describe('<auth-forgot-password>', () => {
  afterEach(async () => {
    restoreSpies();
    sessionStore.setPendingEmail(null);
    history.replaceState(null, '', location.pathname);
    await clearFaults();
  });

  it('is an accessible email form to start with', async () => {
    const el = await fixture(configured());
    expect(parts(el).input('email').autocomplete).to.equal('username');
    expect(parts(el).input('code')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('sends a reset code, then sets the new password so the user can sign in with it', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('forgot'));
    const el = await fixture(configured());
    const sent = oneEvent<AuthResetCodeSentEvent>(el, 'auth-reset-code-sent');
    fillAndSubmit(el, { email });
    const { detail } = await sent;
    expect(detail.username).to.equal(email);
    expect(detail.delivery?.medium).to.equal('EMAIL');
    await settled(el);
    expect(document.activeElement).to.equal(parts(el).input('code'));
    expect(parts(el).input('email').value).to.equal(email);
    expect(parts(el).status.textContent).to.contain('We sent a code');
    await expect(el).to.be.accessible();

    const reset = oneEvent<AuthPasswordResetEvent>(el, 'auth-password-reset');
    fillAndSubmit(el, { code: await latestCode(email, 'forgot-password'), password: newPassword, confirm: newPassword });
    expect((await reset).detail).to.deep.equal({ username: email });
    await settled(el);
    expect(parts(el).status.textContent).to.contain('has been reset');
    await expect(el).to.be.accessible();

    const config = poolConfig({ storage: 'memory' });
    expect((await cognito.signIn(config, email, newPassword)).step).to.equal('done');
    const old = await cognito.signIn(config, email, strongPassword).catch((err) => err);
    expect(old.code).to.equal('not-authorized');
  });

  it('selects a wrong code for retyping and keeps the new password', async () => {
    const { el, code } = await atResetStep();
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { code: wrongCode(code), password: newPassword, confirm: newPassword });
    expect((await error).detail).to.include({ flow: 'forgot-password', code: 'code-mismatch' });
    await settled(el);
    const input = parts(el).input('code');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(input);
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, 6]);
    expect(parts(el).input('password').value).to.equal(newPassword);
    expect(parts(el).alert!.textContent).to.contain('code is not right');
    await expect(el).to.be.accessible();

    const reset = oneEvent(el, 'auth-password-reset');
    fillAndSubmit(el, { code });
    await reset;
  });

  it('checks the new password against the stated policy in the browser, without a request', async () => {
    const spy = spyOn(cognito, 'confirmForgotPassword');
    const { el, code } = await atResetStep('password-min-length="12" password-require="lower digit"');
    const items = [...el.querySelectorAll('[part~="checklist"] li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim());
    expect(items).to.have.lengthOf(3);
    expect(items[0]).to.contain('At least 12 characters');
    fill(el, { code, password: 'short1', confirm: 'short1' });
    await settled(el);
    expect(el.querySelectorAll('[part~="checklist"] li[data-met]')).to.have.lengthOf(2);
    parts(el).submit.click();
    await waitUntil(() => parts(el).input('password').getAttribute('aria-invalid') === 'true');
    expect(parts(el).fieldError('password')!.textContent).to.contain('at least 12 characters');
    expect(spy.calls).to.have.lengthOf(0);
    await expect(el).to.be.accessible();
  });

  it('refuses a confirmation that does not match', async () => {
    const { el, code } = await atResetStep();
    fillAndSubmit(el, { code, password: newPassword, confirm: `${newPassword}x` });
    await waitUntil(() => parts(el).input('confirm').getAttribute('aria-invalid') === 'true');
    expect(parts(el).fieldError('confirm')!.textContent).to.contain('do not match');
  });

  it('pre-fills the email from the attribute, else ?email=, else the store', async () => {
    sessionStore.setPendingEmail('store@example.com');
    expect(parts(await fixture(configured())).input('email').value).to.equal('store@example.com');
    history.replaceState(null, '', `${location.pathname}?email=url%40example.com`);
    expect(parts(await fixture(configured())).input('email').value).to.equal('url@example.com');
    expect(parts(await fixture(configured('email="attr@example.com"'))).input('email').value).to.equal('attr@example.com');
  });

  it('waits out the cool-down after a code was sent before sending another', async () => {
    const { el } = await atResetStep('resend-cooldown="60"');
    const spy = spyOn(cognito, 'forgotPassword');
    const resend = parts(el).secondary.find((b) => b.textContent.includes('new code'))!;
    expect(resend.getAttribute('aria-disabled')).to.equal('true');
    expect(resend.textContent).to.match(/available in \d+ s/);
    resend.click();
    await settled(el);
    expect(spy.calls).to.have.lengthOf(0);
    await expect(el).to.be.accessible();
  });

  it('sends a new code and resets with the newest one', async () => {
    const { el, email } = await atResetStep('resend-cooldown="0"');
    const resend = parts(el).secondary.find((b) => b.textContent.includes('new code'))!;
    const resent = oneEvent(el, 'auth-reset-code-sent');
    resend.click();
    await resent;
    expect((await messagesTo(email)).filter((m) => m.kind === 'forgot-password')).to.have.lengthOf(2);
    const reset = oneEvent(el, 'auth-password-reset');
    fillAndSubmit(el, { code: await latestCode(email, 'forgot-password'), password: newPassword, confirm: newPassword });
    await reset;
  });

  it('shows busy and sends one reset however often it is submitted meanwhile', async () => {
    const { el, code } = await atResetStep();
    const spy = spyOn(cognito, 'confirmForgotPassword');
    await injectFault({ operation: 'ConfirmForgotPassword', kind: 'delay', delayMs: 1500, times: 1 });
    const reset = oneEvent(el, 'auth-password-reset');
    fill(el, { code, password: newPassword, confirm: newPassword });
    parts(el).submit.click();
    await settled(el);
    expect(parts(el).submit.disabled).to.equal(true);
    expect(parts(el).form.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    parts(el).submit.click();
    parts(el).form.requestSubmit();
    await reset;
    expect(spy.calls).to.have.lengthOf(1);
  });

  it('shows a server failure when sending the code and keeps the email', async () => {
    const email = uniqueEmail('forgot-500');
    const el = await fixture(configured());
    await injectFault({ operation: 'ForgotPassword', kind: 'http-500' });
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { email });
    expect((await error).detail).to.include({ flow: 'forgot-password', code: 'server' });
    await settled(el);
    expect(parts(el).input('email').value).to.equal(email);
    expect(parts(el).input('code')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('goes to a same-origin next after the reset', async () => {
    const urls = captureNavigation();
    const { el, code } = await atResetStep('next="/signin.html"');
    const reset = oneEvent(el, 'auth-password-reset');
    fillAndSubmit(el, { code, password: newPassword, confirm: newPassword });
    await reset;
    expect(urls).to.deep.equal([new URL('/signin.html', location.href).href]);
  });

  it('links to signin-url after the reset when there is no next, never to another origin', async () => {
    const { el, code } = await atResetStep('signin-url="signin.html"');
    const reset = oneEvent(el, 'auth-password-reset');
    fillAndSubmit(el, { code, password: newPassword, confirm: newPassword });
    await reset;
    await settled(el);
    expect(el.querySelector<HTMLAnchorElement>('a[part~="secondary"]')!.href).to.equal(new URL('signin.html', location.href).href);

    const evil = await atResetStep('signin-url="javascript:alert(1)"');
    const evilReset = oneEvent(evil.el, 'auth-password-reset');
    fillAndSubmit(evil.el, { code: evil.code, password: newPassword, confirm: newPassword });
    await evilReset;
    await settled(evil.el);
    expect(evil.el.querySelector('a')).to.equal(null);
  });
});
