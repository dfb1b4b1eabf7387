// Choice-based sign-in (USER_AUTH) through the adapter against the runner's 'userAuth' pool (every
// first factor) and 'emailMfa' pool (email as the required MFA): codes from the pool's mailbox.
import { expect } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import {
  clearStoredSessions,
  createConfirmedUser,
  hasLocalPool,
  latestCode,
  poolConfig,
  poolOperation,
  strongPassword,
  uniqueEmail,
  type PoolName,
} from '../helpers/pool.js';
import { expectStep, rejection } from '../helpers/user-auth.js';

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('cognito adapter: choice-based sign-in (USER_AUTH)', function () {
  before(function (this: { skip(): void }) {
    if (!hasLocalPool('userAuth') || !hasLocalPool('emailMfa')) this.skip();
  });
  afterEach(() => clearStoredSessions());

  const config = (pool: PoolName = 'userAuth') => poolConfig({ pool, storage: 'memory' });
  const mailbox = (pool: PoolName = 'userAuth') => new URL(config(pool).endpoint!);

  it('offers the methods the pool allows when none is preferred', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('select'), strongPassword, config());
    const select = expectStep(await cognito.startUserAuth(config(), email), 'select');
    expect(select.methods).to.include.members(['password', 'email-code']);
    expect(select.methods).to.not.include('passkey'); // no passkey registered yet
  });

  it('signs in with an emailed code, refusing a wrong one with the email wording', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('email-code'), strongPassword, config());
    const step = expectStep(await cognito.startUserAuth(config(), email, 'email-code'), 'email-code');
    expect(step.destination).to.match(/^\w\*+@/);
    const code = await latestCode(email, 'sign-in-code', mailbox());
    const wrong = await rejection(cognito.answerSignInCode(config(), step.pending, wrongCode(code)));
    expect(wrong.code).to.equal('code-mismatch');
    expect(wrong.message).to.contain('latest email');
    const done = expectStep(await cognito.answerSignInCode(config(), step.pending, code), 'done');
    expect(done.user.email).to.equal(email);
    expect((await cognito.currentUser(config()))?.email).to.equal(email);
  });

  it('signs in with an emailed code chosen from the offered methods', async () => {
    const { email } = await createConfirmedUser(uniqueEmail('choose-code'), strongPassword, config());
    const select = expectStep(await cognito.startUserAuth(config(), email), 'select');
    const step = expectStep(await cognito.chooseSignInMethod(config(), select.pending, 'email-code'), 'email-code');
    expectStep(await cognito.answerSignInCode(config(), step.pending, await latestCode(email, 'sign-in-code', mailbox())), 'done');
  });

  it('signs in with a texted code', async () => {
    const email = uniqueEmail('sms-code');
    const phone = '+15555550142';
    await cognito.signUp(config(), { email, password: strongPassword, attributes: { phone_number: phone } });
    await cognito.confirmSignUp(config(), email, await latestCode(email, 'sign-up', mailbox()));
    // Codes are texted to a verified number only, as Cognito does.
    const verified = [{ Name: 'phone_number_verified', Value: 'true' }];
    await poolOperation('AdminUpdateUserAttributes', { Username: email, UserAttributes: verified }, 'userAuth');
    const step = expectStep(await cognito.startUserAuth(config(), email, 'sms-code'), 'sms-code');
    expect(step.destination).to.match(/0142$/);
    expectStep(await cognito.answerSignInCode(config(), step.pending, await latestCode(phone, 'sign-in-code', mailbox())), 'done');
  });

  it('signs in with the password over SRP, and a wrong password can be retried', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('password'), strongPassword, config());
    const step = expectStep(await cognito.startUserAuth(config(), email, 'password'), 'password');
    expect((await rejection(cognito.answerPassword(config(), step.pending, 'Wrong-Password-1'))).code).to.equal('not-authorized');
    const done = expectStep(await cognito.answerPassword(config(), step.pending, password), 'done');
    expect(done.user.email).to.equal(email);
  });

  it('signs in with the password chosen from the offered methods', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('choose-password'), strongPassword, config());
    const select = expectStep(await cognito.startUserAuth(config(), email), 'select');
    const step = expectStep(await cognito.chooseSignInMethod(config(), select.pending, 'password'), 'password');
    expectStep(await cognito.answerPassword(config(), step.pending, password), 'done');
  });

  it('signs a passwordless sign-up in right after it is confirmed, with no second code', async () => {
    const email = uniqueEmail('passwordless');
    const signedUp = await cognito.signUp(config(), { email });
    expect(signedUp.session).to.be.a('string');
    const { session } = await cognito.confirmSignUp(config(), email, await latestCode(email, 'sign-up', mailbox()), signedUp.session);
    expect(session).to.be.a('string');
    const done = expectStep(await cognito.signInAfterConfirm(config(), email, session!), 'done');
    expect(done.user.email).to.equal(email);
    const select = expectStep(await cognito.startUserAuth(config(), email), 'select');
    expect(select.methods).to.not.include('password');
  });

  it('signs a password sign-up in right after it is confirmed', async () => {
    const email = uniqueEmail('confirm-chain');
    const signedUp = await cognito.signUp(config(), { email, password: strongPassword });
    const { session } = await cognito.confirmSignUp(config(), email, await latestCode(email, 'sign-up', mailbox()), signedUp.session);
    expectStep(await cognito.signInAfterConfirm(config(), email, session!), 'done');
    // The Session signs in once.
    expect((await rejection(cognito.signInAfterConfirm(config(), email, session!))).code).to.be.oneOf(['not-authorized', 'session-expired']);
  });

  it('sets up email MFA on the first password sign-in, then asks for the emailed code', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('email-mfa'), strongPassword, config('emailMfa'));
    const setup = expectStep(await cognito.signIn(config('emailMfa'), email, password), 'email');
    expect(setup.destination).to.match(/^\w\*+@/);
    const code = await latestCode(email, 'email-mfa', mailbox('emailMfa'));
    const wrong = await rejection(cognito.answerMfaCode(config('emailMfa'), setup.pending, wrongCode(code)));
    expect(wrong.message).to.contain('latest email');
    expectStep(await cognito.answerMfaCode(config('emailMfa'), setup.pending, code), 'done');
    await cognito.signOut(config('emailMfa'), { global: false });

    const mfa = expectStep(await cognito.signIn(config('emailMfa'), email, password), 'email');
    expectStep(await cognito.answerMfaCode(config('emailMfa'), mfa.pending, await latestCode(email, 'email-mfa', mailbox('emailMfa'))), 'done');
  });

  it('asks for email MFA after a USER_AUTH password too', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('user-auth-mfa'), strongPassword, config('emailMfa'));
    const step = expectStep(await cognito.startUserAuth(config('emailMfa'), email, 'password'), 'password');
    const mfa = expectStep(await cognito.answerPassword(config('emailMfa'), step.pending, password), 'email');
    expectStep(await cognito.answerMfaCode(config('emailMfa'), mfa.pending, await latestCode(email, 'email-mfa', mailbox('emailMfa'))), 'done');
  });
});
