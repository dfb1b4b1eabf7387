// The faults every form is tested against (test/browser/shared/form-behaviour.ts), on the steps
// choice-based sign-in and MFA added: the email first (InitiateAuth), an emailed or texted sign-in
// code, the password step, the passkey answer, the second-factor picker and the email MFA code. Each fault: one
// request per submit, the catalogue's message in the alert, what was typed kept, nothing busy,
// axe clean, and (but for a timeout, whose request still reached the pool) a retry that works.
import { expect, oneEvent } from '@open-wc/testing';
import { account } from '../../../src/cognito/account-client.js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { authErrorMessage } from '../../../src/cognito/error-messages.js';
import { configure } from '../../../src/config/index.js';
import '../../../src/elements/auth-signin.js';
import type { AuthErrorEvent, AuthFlow } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { fill, fillAndSubmit, parts, settled } from '../helpers/form.js';
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
  uniqueEmail,
  type PoolName,
} from '../helpers/pool.js';
import { logCognitoRequests } from '../helpers/requests.js';
import { reachStep, signinOn, stepOf, userWithPhone } from '../helpers/signin-steps.js';
import { addVirtualAuthenticator, type VirtualAuthenticator } from '../helpers/virtual-authenticator.js';

interface StepCase {
  name: string;
  pool: PoolName;
  operation: string;
  flow: AuthFlow;
  /** A form at the step, and the values that answer it. */
  reach(): Promise<{ el: HTMLElement; values: Record<string, string> }>;
  /** Answers the step (default: fill the values and press the submit button). */
  answer?(el: HTMLElement, values: Record<string, string>): void;
  /** Tries again after the failure (default: answer again). */
  retry?(el: HTMLElement): void;
  /** The step a working answer leads to; default: signed in. */
  next?: string;
}

const mailbox = (pool: PoolName) => new URL(poolConfig({ pool }).endpoint!);

async function atStep(pool: PoolName, extra: string, values: Record<string, string>, step: string): Promise<HTMLElement> {
  const el = await signinOn(pool, extra);
  fillAndSubmit(el, values);
  await reachStep(el, step);
  return el;
}

const cases: StepCase[] = [
  {
    name: 'the email of choice-based sign-in',
    pool: 'userAuth',
    operation: 'InitiateAuth',
    flow: 'signin',
    async reach() {
      const { email } = await createConfirmedUser(uniqueEmail('faults-identify'), strongPassword, poolConfig({ pool: 'userAuth' }));
      return { el: await signinOn('userAuth', 'methods="email-code password"'), values: { username: email } };
    },
    next: 'select',
  },
  {
    name: 'the emailed sign-in code',
    pool: 'userAuth',
    operation: 'RespondToAuthChallenge',
    flow: 'mfa',
    async reach() {
      const { email } = await createConfirmedUser(uniqueEmail('faults-email-code'), strongPassword, poolConfig({ pool: 'userAuth' }));
      const el = await atStep('userAuth', 'methods="email-code"', { username: email }, 'email-code');
      return { el, values: { code: await latestCode(email, 'sign-in-code', mailbox('userAuth')) } };
    },
  },
  {
    name: 'the texted sign-in code',
    pool: 'userAuth',
    operation: 'RespondToAuthChallenge',
    flow: 'mfa',
    async reach() {
      const { email, phone } = await userWithPhone('userAuth');
      // A texted code goes only to a verified number.
      await poolOperation('AdminUpdateUserAttributes', { Username: email, UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }] }, 'userAuth');
      const el = await atStep('userAuth', 'methods="sms-code"', { username: email }, 'sms-code');
      return { el, values: { code: await latestCode(phone, 'sign-in-code', mailbox('userAuth')) } };
    },
  },
  {
    name: 'the password step of choice-based sign-in',
    pool: 'userAuth',
    operation: 'RespondToAuthChallenge',
    flow: 'signin',
    async reach() {
      const { email } = await createConfirmedUser(uniqueEmail('faults-password'), strongPassword, poolConfig({ pool: 'userAuth' }));
      return { el: await atStep('userAuth', 'methods="password"', { username: email }, 'password'), values: { password: strongPassword } };
    },
  },
  {
    name: 'the second-factor picker',
    pool: 'mfaChoice',
    operation: 'RespondToAuthChallenge',
    flow: 'mfa',
    async reach() {
      const { email } = await userWithPhone('mfaChoice', ['sms', 'email']);
      return { el: await atStep('mfaChoice', '', { username: email, password: strongPassword }, 'select-mfa'), values: {} };
    },
    answer: (el) => el.querySelector<HTMLButtonElement>('button[name="factor"][value="email"]')!.click(),
    next: 'email',
  },
  {
    name: 'the email MFA code',
    pool: 'emailMfa',
    operation: 'RespondToAuthChallenge',
    flow: 'mfa',
    async reach() {
      const { email } = await createConfirmedUser(uniqueEmail('faults-email-mfa'), strongPassword, poolConfig({ pool: 'emailMfa' }));
      const el = await atStep('emailMfa', '', { username: email, password: strongPassword }, 'email');
      return { el, values: { code: await latestCode(email, 'email-mfa', mailbox('emailMfa')) } };
    },
  },
  {
    name: 'the passkey answer',
    pool: 'userAuth',
    operation: 'RespondToAuthChallenge',
    flow: 'signin',
    async reach() {
      authenticator = await addVirtualAuthenticator();
      const { email, password } = await createConfirmedUser(uniqueEmail('faults-passkey'), strongPassword, poolConfig({ pool: 'userAuth' }));
      await cognito.signIn(poolConfig({ pool: 'userAuth' }), email, password);
      await account.registerPasskey(poolConfig({ pool: 'userAuth' }));
      await cognito.signOut(poolConfig({ pool: 'userAuth' }), { global: false });
      // With the passkey the only method, the email starts the ceremony at once: the one
      // RespondToAuthChallenge is the signed assertion.
      const el = await signinOn('userAuth', 'methods="passkey"');
      fill(el, { username: email });
      return { el, values: {} };
    },
    answer: (el) => parts(el).submit.click(),
    // The passkey step's "Use my passkey" (a new assertion for the same challenge).
    retry: (el) => parts(el).submit.click(),
  },
];

let authenticator: VirtualAuthenticator | null = null;

/** Answers the step; resolves with the auth-error, or null once the next step (or sign-in) came. */
async function answerAndSettle(c: StepCase, el: HTMLElement, values: Record<string, string>, retry = false): Promise<AuthErrorEvent | null> {
  const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
  const before = stepOf(el);
  const succeeded = c.next
    ? new Promise<null>((resolve) => {
        const check = () => (stepOf(el) === c.next && stepOf(el) !== before ? resolve(null) : setTimeout(check, 20));
        check();
      })
    : oneEvent(el, 'auth-signed-in').then(() => null);
  if (retry && c.retry) c.retry(el);
  else if (c.answer) c.answer(el, values);
  else fillAndSubmit(el, values);
  return Promise.race([failed, succeeded]);
}

describe('<auth-signin> steps under faults', function () {
  afterEach(async () => {
    await authenticator?.remove();
    authenticator = null;
    configure({ timeout: null });
    for (const pool of ['userAuth', 'mfaChoice', 'emailMfa'] as const) if (hasLocalPool(pool)) await clearFaults(pool);
    await sessionStore.signOut().catch(() => {});
    clearStoredSessions();
  });

  for (const c of cases) {
    for (const [kind, code] of [
      ['http-500', 'server'],
      ['throttle', 'too-many-requests'],
      ['drop', 'network'],
      ['delay', 'timeout'],
    ] as const) {
      it(`${c.name}: a ${kind} shows a message, keeps what was typed, and a retry works`, async function () {
        if (!hasLocalPool(c.pool)) this.skip();
        const { el, values } = await c.reach();
        if (kind === 'delay') configure({ timeout: 400 });
        // Until cleared (Chrome retries a POST once when a reused connection is reset).
        await injectFault({ operation: c.operation, kind, delayMs: 2000 }, c.pool);
        const requests = logCognitoRequests();
        let failed: AuthErrorEvent | null;
        try {
          failed = await answerAndSettle(c, el, values);
          expect(requests.count(c.operation), 'requests for one answer').to.equal(1);
        } finally {
          requests.stop();
          configure({ timeout: null });
        }
        expect(failed, 'an auth-error').to.not.equal(null);
        expect(failed!.detail).to.deep.equal({ flow: c.flow, code, message: authErrorMessage(code, c.flow) });
        await settled(el);
        expect(parts(el).alert?.textContent?.trim()).to.equal(authErrorMessage(code, c.flow));
        for (const [name, value] of Object.entries(values)) expect(parts(el).input(name).value, name).to.equal(value);
        expect(el.querySelector('form')!.getAttribute('aria-busy')).to.equal('false');
        await expect(el).to.be.accessible();

        await clearFaults(c.pool);
        if (kind === 'delay') return;
        // The same answer again, as typed (the fields kept it).
        const retried = await answerAndSettle(c, el, {}, true);
        expect(retried, 'the retry succeeds').to.equal(null);
        expect(parts(el).alert).to.equal(null);
      });
    }
  }
});
