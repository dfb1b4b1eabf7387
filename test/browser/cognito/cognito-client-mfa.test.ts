// MFA through the adapter, against a local pool started with MFA required (the runner's 'mfa'
// pool): TOTP set-up on the first sign-in, TOTP codes after, SMS codes for users with a phone.
import { expect } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { AuthError } from '../../../src/cognito/cognito-errors.js';
import type { SignInStep } from '../../../src/cognito/types.js';
import { clearStoredSessions, createConfirmedUser, hasLocalPool, latestCode, poolConfig, strongPassword, totpCode, uniqueEmail } from '../helpers/pool.js';

function expectStep<S extends SignInStep['step']>(step: SignInStep, name: S): Extract<SignInStep, { step: S }> {
  expect(step.step).to.equal(name);
  return step as Extract<SignInStep, { step: S }>;
}

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(AuthError);
    return err as AuthError;
  }
  throw new Error('expected the call to fail');
}

describe('cognito adapter: MFA', function () {
  before(function (this: { skip(): void }) {
    // Needs the runner to start a second pool with { mfa: 'ON' } as window.__localPools.mfa.
    if (!hasLocalPool('mfa')) this.skip();
  });
  afterEach(() => clearStoredSessions());

  const config = () => ({ ...poolConfig({ pool: 'mfa', storage: 'memory' }), appName: 'Wild Rydes' });

  it('sets up TOTP on the first sign-in, then asks for a TOTP code', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('totp'), strongPassword, config());

    const setup = expectStep(await cognito.signIn(config(), email, password), 'totp-setup');
    expect(setup.secret).to.match(/^[A-Z2-7]+$/);
    expect(setup.otpauthUri).to.equal(
      `otpauth://totp/Wild%20Rydes:${encodeURIComponent(email)}?secret=${setup.secret}&issuer=Wild%20Rydes&algorithm=SHA1&digits=6&period=30`,
    );
    const wrong = totpCode(setup.secret) === '000000' ? '111111' : '000000';
    expect((await rejection(cognito.verifyTotpSetup(config(), setup.pending, wrong))).code).to.equal('code-mismatch');
    const done = expectStep(await cognito.verifyTotpSetup(config(), setup.pending, totpCode(setup.secret)), 'done');
    expect(done.user.email).to.equal(email);
    await cognito.signOut(config(), { global: false });

    const totp = expectStep(await cognito.signIn(config(), email, password), 'totp');
    expect((await rejection(cognito.answerMfaCode(config(), totp.pending, wrong))).code).to.equal('code-mismatch');
    expectStep(await cognito.answerMfaCode(config(), totp.pending, totpCode(setup.secret, 1)), 'done');
    expect((await cognito.currentUser(config()))?.email).to.equal(email);
  });

  it('asks a user with a phone number for the texted code', async () => {
    const email = uniqueEmail('sms');
    const phone = '+15555550123';
    await cognito.signUp(config(), { email, password: strongPassword, attributes: { phone_number: phone } });
    await cognito.confirmSignUp(config(), email, await latestCode(email, 'sign-up', 'mfa'));

    const sms = expectStep(await cognito.signIn(config(), email, strongPassword), 'sms');
    expect(sms.destination).to.match(/0123$/);
    expectStep(await cognito.answerMfaCode(config(), sms.pending, await latestCode(phone, 'sms-mfa', 'mfa')), 'done');
  });
});
