// <auth-signin methods>: choice-based sign-in against the runner's 'userAuth' pool: the email
// first, the methods the pool allows for that account in the site's order, then a code from the
// mailbox, a password, or a passkey from Chromium's virtual authenticator.
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { account } from '../../../src/cognito/account-client.js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-signin.js';
import type { AuthErrorEvent, AuthSignedInEvent, AuthVerificationRequiredEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { fill, fillAndSubmit, parts, settled } from '../helpers/form.js';
import { clearStoredSessions, createConfirmedUser, hasLocalPool, latestCode, messagesTo, poolConfig, strongPassword, uniqueEmail } from '../helpers/pool.js';
import { addVirtualAuthenticator, type VirtualAuthenticator } from '../helpers/virtual-authenticator.js';

const config = () => poolConfig({ pool: 'userAuth' });
const mailbox = () => new URL(config().endpoint!);

function signin(methods: string): Promise<HTMLElement> {
  const { region, userPoolId, userPoolClientId, endpoint } = config();
  return fixture<HTMLElement>(
    `<auth-signin region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" methods="${methods}"></auth-signin>`,
  );
}

const stepOf = (el: Element) => (el as unknown as { step: { step: string } }).step.step;
const methodButtons = (el: Element) => [...el.querySelectorAll<HTMLButtonElement>('[part~="method"]')];

async function reach(el: HTMLElement, step: string): Promise<void> {
  await waitUntil(() => stepOf(el) === step, `never reached the ${step} step`, { timeout: 10_000 });
  await settled(el);
}

describe('<auth-signin methods>', function () {
  before(function (this: { skip(): void }) {
    if (!hasLocalPool('userAuth')) this.skip();
  });
  let authenticator: VirtualAuthenticator | null = null;
  afterEach(async () => {
    await authenticator?.remove();
    authenticator = null;
    await sessionStore.signOut().catch(() => {});
    clearStoredSessions();
  });

  it('asks for the email alone first', async () => {
    const el = await signin('email-code password');
    expect(parts(el).input('username')).to.not.equal(null);
    expect(parts(el).input('password')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('offers the methods the pool allows, in the order of the attribute, then signs in with an emailed code', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('methods'), strongPassword, config());
    const el = await signin('passkey password email-code');
    fillAndSubmit(el, { username: email });
    await reach(el, 'select');
    // No passkey yet: only the password and the code are offered, in the site's order.
    expect(methodButtons(el).map((button) => button.dataset.method)).to.deep.equal(['password', 'email-code']);
    expect(document.activeElement === methodButtons(el)[0], 'the first method has the focus').to.equal(true);
    await expect(el).to.be.accessible();

    methodButtons(el)[1].click();
    await reach(el, 'email-code');
    expect(el.textContent).to.match(/We emailed a sign-in code to \w\*+@/);
    await expect(el).to.be.accessible();
    const code = await latestCode(email, 'sign-in-code', mailbox());
    const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { code: code === '000000' ? '111111' : '000000' });
    expect((await failed).detail).to.include({ flow: 'mfa', code: 'code-mismatch' });
    await settled(el);
    expect(parts(el).alert!.textContent).to.contain('latest email');

    const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
    fillAndSubmit(el, { code });
    expect((await signedIn).detail.email).to.equal(email);
    expect(sessionStore.state.user?.email).to.equal(email);
  });

  it('links an unverified account to the verify page', async () => {
    const email = uniqueEmail('unverified');
    await cognito.signUp(config(), { email, password: strongPassword });
    const el = await signin('email-code password" verify-url="/verify.html');
    const needed = oneEvent<AuthVerificationRequiredEvent>(el, 'auth-verification-required');
    fillAndSubmit(el, { username: email });
    expect((await needed).detail.username).to.equal(email);
    await settled(el);
    expect(el.querySelector<HTMLAnchorElement>('a[href$="/verify.html"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('goes straight to the one method the site offers: the password', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('password-only'), strongPassword, config());
    const el = await signin('password');
    fillAndSubmit(el, { username: email });
    await reach(el, 'password');
    await expect(el).to.be.accessible();
    const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { password: 'Not-The-Password-1' });
    expect((await failed).detail.code).to.equal('not-authorized');
    const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
    fillAndSubmit(el, { password });
    expect((await signedIn).detail.email).to.equal(email);
  });

  it('sends a new code by starting again, once the cool-down is over', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('resend'), strongPassword, config());
    const el = await signin('email-code" resend-cooldown="2');
    fillAndSubmit(el, { username: email });
    await reach(el, 'email-code');
    const resend = () => parts(el).secondary.find((button) => button.textContent?.includes('Send a new code'))!;
    expect(resend().getAttribute('aria-disabled')).to.equal('true');
    expect(resend().textContent).to.match(/available in [12]\b/);
    const before = (await messagesTo(email, mailbox())).filter((message) => message.kind === 'sign-in-code').length;
    resend().click();
    await settled(el);
    expect((await messagesTo(email, mailbox())).filter((message) => message.kind === 'sign-in-code').length).to.equal(before);

    await waitUntil(() => resend().getAttribute('aria-disabled') === 'false', 'the cool-down never ended', { timeout: 4000 });
    expect(resend().textContent.trim()).to.equal('Send a new code');
    resend().click();
    await waitUntil(() => parts(el).status.textContent?.includes('We sent a new code'), 'no new code', { timeout: 10_000 });
    const codes = (await messagesTo(email, mailbox())).filter((message) => message.kind === 'sign-in-code');
    expect(codes.length).to.equal(before + 1);
    const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
    fill(el, { code: codes.at(-1)!.code });
    parts(el).submit.click();
    expect((await signedIn).detail.email).to.equal(email);
  });

  it('signs in with a passkey at once when it is chosen, and offers to try again after a cancel', async () => {
    authenticator = await addVirtualAuthenticator();
    const { email, password } = await createConfirmedUser(uniqueEmail('passkey'), strongPassword, config());
    await cognito.signIn(config(), email, password);
    await account.registerPasskey(config());
    await cognito.signOut(config(), { global: false });
    await authenticator.remove();
    authenticator = await addVirtualAuthenticator({ isUserVerified: false });

    const el = await signin('passkey email-code');
    fillAndSubmit(el, { username: email });
    await reach(el, 'select');
    expect(methodButtons(el).map((button) => button.dataset.method)).to.deep.equal(['passkey', 'email-code']);
    const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
    methodButtons(el)[0].click();
    expect((await failed).detail.code).to.equal('passkey-cancelled');
    await reach(el, 'passkey');
    expect(parts(el).alert!.textContent).to.contain('cancelled');
    await expect(el).to.be.accessible();
  });

  it('signs in with a passkey (the passkey step retried with a working authenticator)', async () => {
    authenticator = await addVirtualAuthenticator();
    const { email, password } = await createConfirmedUser(uniqueEmail('passkey-ok'), strongPassword, config());
    await cognito.signIn(config(), email, password);
    await account.registerPasskey(config());
    await cognito.signOut(config(), { global: false });

    const el = await signin('passkey');
    const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
    fillAndSubmit(el, { username: email });
    expect((await signedIn).detail.email).to.equal(email);
  });
});
