// <auth-signin>'s steps after the password, against the real local pools: a new password for an
// account an administrator created, authenticator-app set-up and codes, and texted codes (the
// runner's 'mfa' pool requires MFA).
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import type { PendingSignIn } from '../../../src/cognito/types.js';
import '../../../src/elements/auth-signin.js';
import type { AuthErrorEvent, AuthSignedInEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { fill, fillAndSubmit, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import {
  clearFaults,
  clearStoredSessions,
  createConfirmedUser,
  hasLocalPool,
  injectFault,
  latestCode,
  poolConfig,
  poolOperation,
  strongPassword,
  totpCode,
  uniqueEmail,
  type PoolName,
} from '../helpers/pool.js';

const newPassword = 'Chosen-By-Me-77';

function signinOn(pool: PoolName, extra = ''): Promise<HTMLElement> {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig({ pool });
  return fixture<HTMLElement>(
    `<auth-signin region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" ${extra}></auth-signin>`,
  );
}

/** Whether `el` is on `step` (a protected field, read as the tests of the placeholder did). */
const stepOf = (el: Element) => (el as unknown as { step: { step: string } }).step.step;

async function reachStep(el: HTMLElement, values: Record<string, string>, step: string): Promise<void> {
  fillAndSubmit(el, values);
  await waitUntil(() => stepOf(el) === step, `never reached the ${step} step`, { timeout: 10_000 });
  await settled(el);
}

const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

/** Fails the test if auth-signed-in fires before `stop()` is called. */
function forbidSignedIn(el: Element): { stop(): void } {
  const listener = () => expect.fail('auth-signed-in fired before the last step');
  el.addEventListener('auth-signed-in', listener);
  return { stop: () => el.removeEventListener('auth-signed-in', listener) };
}

/** A user an administrator created; the pool emails the temporary password. */
async function adminCreated(): Promise<{ email: string; temporaryPassword: string }> {
  const email = uniqueEmail('admin-created');
  await poolOperation('AdminCreateUser', { Username: email, UserAttributes: [{ Name: 'email', Value: email }] });
  return { email, temporaryPassword: await latestCode(email, 'temporary-password') };
}

describe('<auth-signin> steps', () => {
  afterEach(async () => {
    restoreSpies();
    await sessionStore.signOut().catch(() => {});
    clearStoredSessions();
    await clearFaults();
    if (hasLocalPool('mfa')) await clearFaults('mfa');
  });

  describe('new password required', () => {
    it('asks an admin-created user for a new password, then signs them in', async () => {
      const { email, temporaryPassword } = await adminCreated();
      const el = await signinOn('default');
      const guard = forbidSignedIn(el);
      await reachStep(el, { username: email, password: temporaryPassword }, 'new-password');
      guard.stop();
      const password = parts(el).input('password');
      expect(document.activeElement).to.equal(password);
      expect(password.autocomplete).to.equal('new-password');
      expect(el.querySelector('[part~="checklist"]')).to.not.equal(null);
      await expect(el).to.be.accessible();

      const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
      fillAndSubmit(el, { password: newPassword, confirm: newPassword });
      expect((await signedIn).detail.email).to.equal(email);
      expect(sessionStore.state.user?.email).to.equal(email);
      const again = await cognito.signIn(poolConfig({ storage: 'memory' }), email, newPassword);
      expect(again.step).to.equal('done');
    });

    it('checks the new password against the policy without a request, and the pool has the last word', async () => {
      const { email, temporaryPassword } = await adminCreated();
      const el = await signinOn('default', 'password-require=""');
      await reachStep(el, { username: email, password: temporaryPassword }, 'new-password');
      const spy = spyOn(cognito, 'completeNewPassword');
      fillAndSubmit(el, { password: 'short', confirm: 'short' });
      await waitUntil(() => parts(el).input('password').getAttribute('aria-invalid') === 'true');
      expect(spy.calls).to.have.lengthOf(0);

      // Only the length is stated, but the pool also wants every class: its refusal is shown.
      const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
      fillAndSubmit(el, { password: 'alllowercase', confirm: 'alllowercase' });
      expect((await error).detail).to.include({ flow: 'new-password', code: 'invalid-password' });
      await settled(el);
      expect(document.activeElement).to.equal(parts(el).input('password'));
      expect(stepOf(el)).to.equal('new-password');
      await expect(el).to.be.accessible();
    });

    // The local pools require only email, which an admin-created user already has: the adapter
    // is stubbed to ask for more, which a real pool with more required attributes does.
    it('asks for each required attribute with a human label and the right input', async () => {
      const pending = { username: 'ada@example.com' } as PendingSignIn;
      const originals = { signIn: cognito.signIn, completeNewPassword: cognito.completeNewPassword };
      const sent: Array<Record<string, string>> = [];
      cognito.signIn = () => Promise.resolve({ step: 'new-password', pending, requiredAttributes: ['name', 'phone_number', 'birthdate', 'custom:team_name'] });
      cognito.completeNewPassword = (_config, _pending, _password, attributes) => {
        sent.push(attributes);
        return Promise.resolve({ step: 'totp', pending });
      };
      try {
        const el = await signinOn('default');
        await reachStep(el, { username: 'ada@example.com', password: strongPassword }, 'new-password');
        const label = (name: string) => parts(el).input(name).labels![0].textContent.trim();
        expect(label('attr-name')).to.equal('Full name');
        expect(parts(el).input('attr-name').autocomplete).to.equal('name');
        expect(label('attr-phone_number')).to.equal('Phone number');
        expect(parts(el).input('attr-phone_number').type).to.equal('tel');
        expect(label('attr-birthdate')).to.equal('Date of birth');
        expect(parts(el).input('attr-birthdate').type).to.equal('date');
        expect(label('attr-custom:team_name')).to.equal('Team name');
        await expect(el).to.be.accessible();

        const values = {
          password: newPassword,
          confirm: newPassword,
          'attr-name': 'Ada Lovelace',
          'attr-birthdate': '1815-12-10',
          'attr-custom:team_name': 'Engines',
        };
        fillAndSubmit(el, { ...values, 'attr-phone_number': '020 7946 0000' });
        await waitUntil(() => parts(el).input('attr-phone_number').getAttribute('aria-invalid') === 'true');
        expect(parts(el).fieldError('attr-phone_number')!.textContent).to.contain('country code');
        expect(sent).to.have.lengthOf(0);

        fillAndSubmit(el, { 'attr-phone_number': '+442079460000' });
        await waitUntil(() => stepOf(el) === 'totp');
        expect(sent).to.deep.equal([{ name: 'Ada Lovelace', phone_number: '+442079460000', birthdate: '1815-12-10', 'custom:team_name': 'Engines' }]);
      } finally {
        Object.assign(cognito, originals);
      }
    });

    it('starts over at the password step, keeping the email', async () => {
      const { email, temporaryPassword } = await adminCreated();
      const el = await signinOn('default');
      await reachStep(el, { username: email, password: temporaryPassword }, 'new-password');
      const startOver = parts(el).secondary.find((b) => b.textContent.includes('Start over'))!;
      startOver.click();
      await waitUntil(() => document.activeElement === parts(el).input('password'));
      expect(stepOf(el)).to.equal('credentials');
      expect(parts(el).input('username').value).to.equal(email);
      expect(parts(el).input('password').value).to.equal('');
    });
  });

  describe('MFA', function () {
    before(function (this: { skip(): void }) {
      if (!hasLocalPool('mfa')) this.skip();
    });

    const mfaUser = () => createConfirmedUser(uniqueEmail('mfa'), strongPassword, poolConfig({ pool: 'mfa', storage: 'memory' }));

    /** The secret as the page shows it, with the grouping spaces taken out. */
    const shownSecret = (el: Element) => el.querySelector('[data-auth-secret]')!.textContent.replace(/\s+/g, '');

    it('sets up an authenticator app with a QR code and the first code, then signs in', async () => {
      const { email, password } = await mfaUser();
      const el = await signinOn('mfa');
      const guard = forbidSignedIn(el);
      await reachStep(el, { username: email, password }, 'totp-setup');

      const secret = shownSecret(el);
      expect(secret).to.match(/^[A-Z2-7]{16,}$/);
      expect(el.querySelector('[data-auth-secret]')!.textContent.trim()).to.match(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
      const link = el.querySelector<HTMLAnchorElement>('a[href^="otpauth://"]')!;
      expect(link.href).to.contain(`secret=${secret}`);
      // The QR encoder is loaded when this step first appears.
      await waitUntil(() => el.querySelector('svg[part~="qr"]'), 'the QR code never appeared');
      const qr = el.querySelector('svg[part~="qr"]')!;
      expect(qr.getAttribute('role')).to.equal('img');
      expect(qr.querySelector('path')!.getAttribute('d')!.length).to.be.greaterThan(500);
      const code = parts(el).input('code');
      expect(document.activeElement).to.equal(code);
      expect([code.autocomplete, code.inputMode]).to.deep.equal(['one-time-code', 'numeric']);
      await expect(el).to.be.accessible();
      parts(el)
        .secondary.find((b) => b.textContent.includes('Copy key'))!
        .click();
      // Headless Chromium may refuse the clipboard; either way the person is told.
      await waitUntil(() => /copied|Could not copy/.test(parts(el).status.textContent), 'copying said nothing');

      const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
      fillAndSubmit(el, { code: wrong(totpCode(secret)) });
      expect((await error).detail).to.include({ flow: 'mfa', code: 'code-mismatch' });
      await settled(el);
      expect(document.activeElement).to.equal(parts(el).input('code'));
      expect(parts(el).input('code').value).to.equal(wrong(totpCode(secret)));
      expect(shownSecret(el)).to.equal(secret);
      await expect(el).to.be.accessible();
      guard.stop();

      const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
      fillAndSubmit(el, { code: totpCode(secret) });
      expect((await signedIn).detail.email).to.equal(email);
      await sessionStore.signOut();

      // Afterwards: the code from the app (one step on, as the setup code is spent).
      const next = await signinOn('mfa');
      const guardNext = forbidSignedIn(next);
      await reachStep(next, { username: email, password }, 'totp');
      guardNext.stop();
      expect(document.activeElement).to.equal(parts(next).input('code'));
      expect(next.textContent).to.contain('authenticator app');
      await expect(next).to.be.accessible();
      const wrongError = oneEvent<AuthErrorEvent>(next, 'auth-error');
      fillAndSubmit(next, { code: wrong(totpCode(secret, 1)) });
      expect((await wrongError).detail).to.include({ flow: 'mfa', code: 'code-mismatch' });
      await settled(next);
      expect(parts(next).alert!.textContent).to.contain('not right');
      await expect(next).to.be.accessible();
      const done = oneEvent(next, 'auth-signed-in');
      fillAndSubmit(next, { code: totpCode(secret, 1) });
      await done;
      expect(sessionStore.state.user?.email).to.equal(email);
    });

    it('asks a user with a phone for the texted code and says where it went', async () => {
      const email = uniqueEmail('sms');
      const phone = '+15555550188';
      const config = poolConfig({ pool: 'mfa', storage: 'memory' });
      await cognito.signUp(config, { email, password: strongPassword, attributes: { phone_number: phone } });
      await cognito.confirmSignUp(config, email, await latestCode(email, 'sign-up', 'mfa'));

      const el = await signinOn('mfa');
      await reachStep(el, { username: email, password: strongPassword }, 'sms');
      expect(el.textContent).to.match(/texted a sign-in code to \S*0188/);
      expect(document.activeElement).to.equal(parts(el).input('code'));
      await expect(el).to.be.accessible();

      const code = await latestCode(phone, 'sms-mfa', 'mfa');
      const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
      fillAndSubmit(el, { code: wrong(code) });
      expect((await error).detail).to.include({ flow: 'mfa', code: 'code-mismatch' });
      await settled(el);
      expect(parts(el).input('code').getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();

      const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
      fillAndSubmit(el, { code });
      expect((await signedIn).detail.email).to.equal(email);
    });

    it('refuses a code that is not 6 digits without a request', async () => {
      const { email, password } = await mfaUser();
      const el = await signinOn('mfa');
      await reachStep(el, { username: email, password }, 'totp-setup');
      const spy = spyOn(cognito, 'verifyTotpSetup');
      fillAndSubmit(el, { code: '12 45' });
      await waitUntil(() => parts(el).input('code').getAttribute('aria-invalid') === 'true');
      expect(parts(el).fieldError('code')!.textContent).to.contain('6 digits');
      expect(spy.calls).to.have.lengthOf(0);
    });

    it('shows busy and sends one answer however often a step is submitted meanwhile', async () => {
      const { email, password } = await mfaUser();
      const el = await signinOn('mfa');
      await reachStep(el, { username: email, password }, 'totp-setup');
      const secret = shownSecret(el);
      const spy = spyOn(cognito, 'verifyTotpSetup');
      await injectFault({ operation: 'VerifySoftwareToken', kind: 'delay', delayMs: 1500, times: 1 }, 'mfa');
      const signedIn = oneEvent(el, 'auth-signed-in');
      fill(el, { code: totpCode(secret) });
      parts(el).submit.click();
      await settled(el);
      expect(parts(el).submit.disabled).to.equal(true);
      expect(parts(el).form.getAttribute('aria-busy')).to.equal('true');
      const startOver = parts(el).secondary.find((b) => b.textContent.includes('Start over'))!;
      expect(startOver.getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      parts(el).submit.click();
      parts(el).form.requestSubmit();
      startOver.click();
      await signedIn;
      expect(spy.calls).to.have.lengthOf(1);
    });
  });
});
