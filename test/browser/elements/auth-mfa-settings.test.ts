import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { account } from '../../../src/cognito/account-client.js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import type { CognitoConfig } from '../../../src/cognito/types.js';
import '../../../src/elements/auth-mfa-settings.js';
import type { AuthErrorEvent, AuthMfaChangedEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { fill, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, clearStoredSessions, createConfirmedUser, injectFault, poolConfig, strongPassword, totpCode, uniqueEmail } from '../helpers/pool.js';
import { itSurvivesFaults } from '../shared/account-faults.js';

// The pool with MFA optional and every factor (TOTP, SMS, email), as a site offering all three.
const pool = 'mfaChoice';

function markup(extra = 'factors="totp sms email"'): string {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig({ pool });
  return `<auth-mfa-settings region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" ${extra}></auth-mfa-settings>`;
}

/** A new confirmed user (email verified, no phone), signed in. */
async function signedIn(): Promise<{ email: string; config: CognitoConfig }> {
  const config = poolConfig({ pool });
  const { email } = await createConfirmedUser(uniqueEmail('mfa-settings'), strongPassword, config);
  const step = await cognito.signIn(config, email, strongPassword);
  if (step.step !== 'done') throw new Error(`expected a finished sign-in, got ${step.step}`);
  sessionStore.signedIn(step.user, config);
  return { email, config };
}

const row = (el: Element, factor: string) => el.querySelector<HTMLElement>(`[data-factor="${factor}"]`)!;
// While the settings (re)load there are no rows: no button either.
const button = (el: Element, factor: string, text: string) =>
  [...(row(el, factor)?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.includes(text))!;
const idle = (el: Element) => !el.querySelector('[aria-busy="true"]');

async function loaded(extra?: string): Promise<{ el: HTMLElement; email: string; config: CognitoConfig }> {
  const user = await signedIn();
  const el = await fixture<HTMLElement>(markup(extra));
  await waitUntil(() => row(el, 'totp') && idle(el), 'settings not loaded');
  return { el, ...user };
}

/** Starts adding an authenticator app; resolves to its secret once the set-up form shows. */
async function startSetup(el: HTMLElement): Promise<string> {
  button(el, 'totp', 'Add').click();
  await waitUntil(() => el.querySelector('[data-auth-secret]') && idle(el), 'no set-up');
  return el.querySelector('[data-auth-secret]')!.textContent.replace(/\s+/g, '');
}

async function addTotp(el: HTMLElement): Promise<string> {
  const secret = await startSetup(el);
  const added = oneEvent<AuthMfaChangedEvent>(el, 'auth-mfa-changed');
  fill(el, { code: totpCode(secret) });
  parts(el).submit.click();
  await added;
  await waitUntil(() => idle(el) && !el.querySelector('[data-auth-secret]'), 'set-up still open');
  return secret;
}

describe('<auth-mfa-settings>', () => {
  afterEach(async () => {
    restoreSpies();
    await clearFaults(pool);
    await sessionStore.signOut().catch(() => {});
    clearStoredSessions();
  });

  it('says to sign in when nobody is signed in, and is accessible', async () => {
    const el = await fixture<HTMLElement>(markup());
    await waitUntil(() => parts(el).status?.textContent?.includes('Sign in'), 'no sign-in note');
    await expect(el).to.be.accessible();
  });

  it('lists the factors the site offers, all off, and explains why text messages cannot be turned on yet', async () => {
    const { el } = await loaded();
    expect([...el.querySelectorAll('[part~="factor"]')].map((item) => item.getAttribute('data-factor'))).to.deep.equal(['totp', 'sms', 'email']);
    for (const factor of ['totp', 'sms', 'email']) expect(row(el, factor).querySelector('[part~="factor-state"]')!.textContent).to.contain('Off');
    expect(row(el, 'sms').textContent).to.contain('phone number');
    expect(row(el, 'sms').querySelector('button')).to.equal(null);
    expect(button(el, 'email', 'Turn on')).to.not.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('adds an authenticator app with the sign-in set-up’s QR code and key; the next sign-in asks for its code; then removes it', async () => {
    const { el, email, config } = await loaded();
    const secret = await startSetup(el);
    expect(el.querySelector('[data-auth-qr]')).to.not.equal(null);
    expect(el.querySelector<HTMLAnchorElement>('a[href^="otpauth://"]')!.href).to.contain(`secret=${secret}`);
    expect(document.activeElement).to.equal(parts(el).input('code'));
    await waitUntil(() => el.querySelector('[data-auth-qr] svg'), 'no QR code');
    await expect(el).to.be.accessible();

    const added = oneEvent<AuthMfaChangedEvent>(el, 'auth-mfa-changed');
    fill(el, { code: totpCode(secret) });
    parts(el).submit.click();
    const { detail } = await added;
    expect(detail).to.deep.include({ factor: 'totp', change: 'added', enabled: ['totp'], preferred: 'totp' });
    await waitUntil(() => idle(el) && row(el, 'totp').textContent?.includes('asked for first'), 'not shown on');
    expect(parts(el).status.textContent).to.contain('authenticator app is on');
    await expect(el).to.be.accessible();

    // Sign out, sign in: the pool asks for the app's code.
    await sessionStore.signOut();
    const step = await cognito.signIn(config, email, strongPassword);
    expect(step.step).to.equal('totp');
    if (step.step !== 'totp') return;
    const done = await cognito.answerMfaCode(config, step.pending, totpCode(secret, 1));
    expect(done.step).to.equal('done');
    if (done.step !== 'done') return;
    sessionStore.signedIn(done.user, config);

    await waitUntil(() => idle(el) && button(el, 'totp', 'Remove'), 'no Remove after signing in again');
    const removed = oneEvent<AuthMfaChangedEvent>(el, 'auth-mfa-changed');
    button(el, 'totp', 'Remove').click();
    expect((await removed).detail).to.deep.include({ factor: 'totp', change: 'removed', enabled: [], preferred: null });
    await waitUntil(() => idle(el) && row(el, 'totp').textContent?.includes('Off'), 'still on');
    expect(document.activeElement).to.equal(button(el, 'totp', 'Add'));
    await expect(el).to.be.accessible();
    await sessionStore.signOut();
    expect((await cognito.signIn(config, email, strongPassword)).step, 'no code asked after removing').to.equal('done');
  });

  it('says a wrong first code next to the field and keeps it for retyping', async () => {
    const { el } = await loaded();
    const secret = await startSetup(el);
    const right = totpCode(secret);
    const refused = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fill(el, { code: right === '000000' ? '111111' : '000000' });
    parts(el).submit.click();
    expect((await refused).detail).to.include({ flow: 'mfa-settings', code: 'code-mismatch' });
    await settled(el);
    expect(parts(el).input('code').getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(parts(el).input('code'));
    await expect(el).to.be.accessible();
  });

  it('cancels a set-up without changing anything', async () => {
    const { el } = await loaded();
    await startSetup(el);
    const spy = spyOn(account, 'setMfaPreference');
    [...el.querySelectorAll<HTMLButtonElement>('form button')].find((b) => b.textContent?.includes('Cancel'))!.click();
    await waitUntil(() => !el.querySelector('[data-auth-secret]'), 'still open');
    expect(document.activeElement).to.equal(button(el, 'totp', 'Add'));
    expect(spy.calls).to.have.lengthOf(0);
  });

  it('turns email codes on (preferred as the first factor), makes the app preferred, and turns email off', async () => {
    const { el } = await loaded();
    const on = oneEvent<AuthMfaChangedEvent>(el, 'auth-mfa-changed');
    button(el, 'email', 'Turn on').click();
    expect((await on).detail).to.deep.include({ factor: 'email', change: 'added', preferred: 'email' });
    await waitUntil(() => idle(el) && row(el, 'email').textContent?.includes('asked for first'), 'email not on');
    await addTotp(el);
    expect(row(el, 'email').textContent).to.contain('asked for first');
    const preferred = oneEvent<AuthMfaChangedEvent>(el, 'auth-mfa-changed');
    button(el, 'totp', 'Ask for this first').click();
    expect((await preferred).detail).to.deep.include({ factor: 'totp', change: 'preferred', preferred: 'totp' });
    await waitUntil(() => idle(el) && row(el, 'totp').textContent?.includes('asked for first'), 'app not preferred');
    const off = oneEvent<AuthMfaChangedEvent>(el, 'auth-mfa-changed');
    button(el, 'email', 'Turn off').click();
    expect((await off).detail).to.deep.include({ factor: 'email', change: 'removed', enabled: ['totp'], preferred: 'totp' });
    await expect(el).to.be.accessible();
  });

  it('with mfa-required, explains that the last factor stays on instead of offering to remove it', async () => {
    const { el } = await loaded('factors="totp" mfa-required');
    await addTotp(el);
    await waitUntil(() => row(el, 'totp').textContent?.includes('only way'), 'no explanation');
    expect(button(el, 'totp', 'Remove')).to.equal(undefined);
    expect(el.textContent).to.contain('requires two-step verification');
    await expect(el).to.be.accessible();
  });

  it('asks for the password again before removing a factor when the sign-in is older than max-auth-age', async () => {
    const { el } = await loaded('factors="totp sms email" max-auth-age="0"');
    button(el, 'email', 'Turn on').click();
    await waitUntil(() => idle(el) && button(el, 'email', 'Turn off'), 'email not on');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    button(el, 'email', 'Turn off').click();
    await waitUntil(() => el.querySelector('[part~="fresh-sign-in"]'), 'no password prompt');
    await expect(el).to.be.accessible();
    const password = el.querySelector<HTMLInputElement>('[name="fresh-password"]')!;
    password.value = strongPassword;
    const off = oneEvent<AuthMfaChangedEvent>(el, 'auth-mfa-changed');
    el.querySelector<HTMLButtonElement>('[part~="fresh-sign-in"] [part~="submit"]')!.click();
    // Email MFA is on: the sign-in again asks for the emailed code.
    await waitUntil(() => el.querySelector('[name="fresh-code"]'), 'no code step', { timeout: 5000 });
    const { latestCode } = await import('../helpers/pool.js');
    const { email } = { email: sessionStore.state.user!.email! };
    const code = el.querySelector<HTMLInputElement>('[name="fresh-code"]')!;
    code.value = await latestCode(email, 'email-mfa', pool);
    el.querySelector<HTMLButtonElement>('[part~="fresh-sign-in"] [part~="submit"]')!.click();
    expect((await off).detail).to.deep.include({ factor: 'email', change: 'removed' });
  });

  describe('faults', () => {
    itSurvivesFaults({
      name: 'starting an authenticator app',
      flow: 'mfa-settings',
      operation: 'AssociateSoftwareToken',
      pool,
      kinds: ['http-500', 'drop', 'delay'],
      arrange: () => loaded(),
      act: ({ el }) => button(el, 'totp', 'Add').click(),
      succeeded: ({ el }) => waitUntil(() => el.querySelector('[data-auth-secret]'), 'no set-up'),
    });

    itSurvivesFaults({
      name: 'verifying the app’s first code',
      flow: 'mfa-settings',
      operation: 'VerifySoftwareToken',
      pool,
      arrange: async () => {
        const ctx = await loaded();
        const secret = await startSetup(ctx.el);
        fill(ctx.el, { code: totpCode(secret) });
        return ctx;
      },
      act: ({ el }) => parts(el).submit.click(),
      kept: ['code'],
      succeeded: ({ el }) => oneEvent(el, 'auth-mfa-changed'),
    });

    itSurvivesFaults({
      name: 'turning email codes on',
      flow: 'mfa-settings',
      operation: 'SetUserMFAPreference',
      pool,
      kinds: ['http-500', 'throttle', 'delay'],
      arrange: () => loaded(),
      act: ({ el }) => button(el, 'email', 'Turn on')?.click(),
      succeeded: ({ el }) => oneEvent(el, 'auth-mfa-changed'),
    });

    it('loading: a failure is shown with Try again, which loads the settings', async () => {
      await signedIn();
      await injectFault({ operation: 'GetUser', kind: 'drop' }, pool);
      const el = await fixture<HTMLElement>(markup());
      expect((await oneEvent<AuthErrorEvent>(el, 'auth-error')).detail).to.include({ flow: 'mfa-settings', code: 'network' });
      await clearFaults(pool);
      await waitUntil(() => parts(el).secondary.length, 'no Try again');
      await expect(el).to.be.accessible();
      parts(el).secondary[0].click();
      await waitUntil(() => row(el, 'totp'), 'not loaded after Try again');
    });
  });
});
