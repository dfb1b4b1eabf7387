// Every ChallengeName Cognito can send settles: a step we show, an answer we send ourselves, or
// AuthError 'unsupported-challenge' naming it, and no tokens unless all three arrived. The pool
// only issues the challenges it implements, so the others are forged with its 'answer' fault: the
// real SRP exchange runs, and the pool's answer to PASSWORD_VERIFIER is replaced.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { AuthError } from '../../../src/cognito/cognito-errors.js';
import '../../../src/elements/auth-signin.js';
import type { AuthSignin } from '../../../src/elements/auth-signin.js';
import { clearFaults, clearStoredSessions, createConfirmedUser, injectFault, keysOf, poolConfig } from '../helpers/pool.js';
import type { AuthErrorEvent } from '../../../src/events.js';
import { configured, fillAndSubmit, parts, settled } from '../helpers/form.js';
import { logCognitoRequests } from '../helpers/requests.js';

const config = poolConfig({ storage: 'local' });
const storedKeys = () => keysOf(localStorage).filter((key) => key.startsWith('CognitoIdentityServiceProvider.'));

/** The challenge names in Cognito's API reference (RespondToAuthChallenge, ChallengeNameType). */
const unsupported = [
  'SMS_OTP',
  'WEB_AUTHN',
  'SELECT_CHALLENGE',
  'PASSWORD',
  'PASSWORD_SRP',
  'CUSTOM_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'PASSWORD_VERIFIER', // a second time, after we answered it
  'SOMETHING_COGNITO_ADDS_LATER',
];

async function forgeAnswer(body: Record<string, unknown>, times = 1): Promise<void> {
  await injectFault({ operation: 'RespondToAuthChallenge', kind: 'answer', body, times });
}

async function signInError(email: string, password: string): Promise<AuthError> {
  try {
    await cognito.signIn(config, email, password);
  } catch (err) {
    expect(err).to.be.instanceOf(AuthError);
    return err as AuthError;
  }
  throw new Error('expected sign-in to fail');
}

describe('sign-in settles on every challenge Cognito can send', () => {
  let user: { email: string; password: string };
  before(async () => {
    user = await createConfirmedUser();
  });
  afterEach(async () => {
    await clearFaults();
    clearStoredSessions();
  });

  for (const name of unsupported) {
    it(`${name}: unsupported-challenge naming it, nothing stored`, async () => {
      await forgeAnswer({ ChallengeName: name, Session: 'forged-session', ChallengeParameters: {} });
      const err = await signInError(user.email, user.password);
      expect(err.code).to.equal('unsupported-challenge');
      expect(err.message).to.contain(name);
      expect(storedKeys()).to.deep.equal([]);
    });
  }

  it('EMAIL_OTP after the password: the email MFA step with its destination', async () => {
    await forgeAnswer({ ChallengeName: 'EMAIL_OTP', Session: 's', ChallengeParameters: { CODE_DELIVERY_DESTINATION: 'a***@e***' } });
    const step = await cognito.signIn(config, user.email, user.password);
    expect(step.step).to.equal('email');
    expect(step.step === 'email' && step.destination).to.equal('a***@e***');
    expect(storedKeys()).to.deep.equal([]);
  });

  it('MFA_SETUP offering only SMS: unsupported-challenge naming it', async () => {
    await forgeAnswer({ ChallengeName: 'MFA_SETUP', Session: 's', ChallengeParameters: { MFAS_CAN_SETUP: '["SMS_MFA"]' } });
    const err = await signInError(user.email, user.password);
    expect(err.code).to.equal('unsupported-challenge');
    expect(err.message).to.contain('SMS_MFA');
  });

  it('SELECT_MFA_TYPE with two factors: the picker step, then the chosen factor is answered', async () => {
    await forgeAnswer({ ChallengeName: 'SELECT_MFA_TYPE', Session: 's1', ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' } });
    const step = await cognito.signIn(config, user.email, user.password);
    expect(step.step === 'select-mfa' && step.factors).to.deep.equal(['sms', 'totp']);
    if (step.step !== 'select-mfa') return;
    // The answer to our SELECT_MFA_TYPE answer: the TOTP challenge.
    await injectFault({
      operation: 'RespondToAuthChallenge',
      kind: 'answer',
      body: { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's2', ChallengeParameters: {} },
      times: 1,
    });
    const requests = logCognitoRequests();
    try {
      expect((await cognito.chooseMfaFactor(config, step.pending, 'totp')).step).to.equal('totp');
      expect(requests.bodies('RespondToAuthChallenge')[0]).to.deep.include({ ChallengeName: 'SELECT_MFA_TYPE', Session: 's1' });
      expect(requests.bodies('RespondToAuthChallenge')[0].ChallengeResponses).to.deep.include({ ANSWER: 'SOFTWARE_TOKEN_MFA' });
    } finally {
      requests.stop();
    }
    expect(storedKeys()).to.deep.equal([]);
  });

  it('SELECT_MFA_TYPE offering only email: answers EMAIL_OTP itself and shows the email code step', async () => {
    await forgeAnswer({ ChallengeName: 'SELECT_MFA_TYPE', Session: 's1', ChallengeParameters: { MFAS_CAN_CHOOSE: '["EMAIL_OTP"]' } });
    await injectFault({
      operation: 'RespondToAuthChallenge',
      kind: 'answer',
      body: { ChallengeName: 'EMAIL_OTP', Session: 's2', ChallengeParameters: { CODE_DELIVERY_DESTINATION: 'a***@e***' } },
      times: 1,
    });
    const step = await cognito.signIn(config, user.email, user.password);
    expect(step.step).to.equal('email');
  });

  it('SELECT_MFA_TYPE asked again and again stops with unsupported-challenge instead of looping', async () => {
    await forgeAnswer({ ChallengeName: 'SELECT_MFA_TYPE', Session: 's', ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA"]' } }, 10);
    const err = await signInError(user.email, user.password);
    expect(err.code).to.equal('unsupported-challenge');
  });

  for (const missing of ['IdToken', 'AccessToken', 'RefreshToken']) {
    it(`an AuthenticationResult without ${missing}: an error, and nothing stored`, async () => {
      const result: Record<string, unknown> = { IdToken: 'a.b.c', AccessToken: 'a.b.c', RefreshToken: 'r', ExpiresIn: 3600, TokenType: 'Bearer' };
      delete result[missing];
      await forgeAnswer({ AuthenticationResult: result, ChallengeParameters: {} });
      const err = await signInError(user.email, user.password);
      expect(err.code).to.equal('server');
      expect(storedKeys()).to.deep.equal([]);
    });
  }

  it('an answer with neither tokens nor a challenge: an error', async () => {
    await forgeAnswer({});
    expect((await signInError(user.email, user.password)).code).to.equal('server');
  });

  it('<auth-signin> shows the unsupported step as a message, leaves busy, fires auth-error and keeps the email', async () => {
    await forgeAnswer({ ChallengeName: 'CUSTOM_CHALLENGE', Session: 's', ChallengeParameters: {} });
    const el = await fixture<AuthSignin>(configured('auth-signin'));
    const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { username: user.email, password: user.password });
    expect((await failed).detail.code).to.equal('unsupported-challenge');
    await settled(el);
    expect(parts(el).alert!.textContent).to.match(/CUSTOM_CHALLENGE/);
    expect(parts(el).submit.disabled).to.equal(false);
    expect(parts(el).input('username').value).to.equal(user.email);
    expect(storedKeys()).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
