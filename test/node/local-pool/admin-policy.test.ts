// Admin operations used for fixtures, the configurable password policy, and attribute changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CognitoUserAttribute } from 'amazon-cognito-identity-js';
import { parsePasswordPolicy } from '../../../local-pool/index.js';
import {
  PASSWORD,
  call,
  latestCode,
  ok,
  raw,
  registeredUser,
  sdkPool,
  sdkUser,
  session,
  signIn,
  signUp,
  signedInUser,
  start,
  uniqueEmail,
  type LocalPool,
} from './helpers.js';

describe('password policy option', () => {
  it('parses the CLI form', () => {
    assert.deepEqual(parsePasswordPolicy('min=10,upper,lower,digit,symbol'), {
      minLength: 10,
      requireUppercase: true,
      requireLowercase: true,
      requireNumbers: true,
      requireSymbols: true,
    });
    assert.deepEqual(parsePasswordPolicy('min=6'), {
      minLength: 6,
      requireUppercase: false,
      requireLowercase: false,
      requireNumbers: false,
      requireSymbols: false,
    });
    assert.equal(parsePasswordPolicy('default').requireSymbols, true);
    assert.throws(() => parsePasswordPolicy('min=3'));
    assert.throws(() => parsePasswordPolicy('emoji'));
  });

  it('applies a configured policy to sign-up', async () => {
    const pool = await start({ passwordPolicy: { minLength: 12, requireSymbols: false } });
    try {
      const userPool = sdkPool(pool);
      await assert.rejects(signUp(userPool, uniqueEmail(), 'Passw0rd!'), { message: 'Password did not conform with policy: Password not long enough' });
      await signUp(userPool, uniqueEmail(), 'Passw0rdPassw0rd');
    } finally {
      await pool.close();
    }
  });
});

describe('admin operations and attributes', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());

  const admin = (operation: string, body: Record<string, unknown>) => ok(pool, operation, { UserPoolId: pool.poolId, ...body });

  it('sets a permanent password and disables, enables and deletes a user', async () => {
    const { email, userPool, session: tokens } = await signedInUser(pool);
    await admin('AdminSetUserPassword', { Username: email, Password: 'Admin-set-passw0rd', Permanent: true });
    session(await signIn(sdkUser(userPool, email), email, 'Admin-set-passw0rd'));

    await admin('AdminDisableUser', { Username: email });
    await assert.rejects(signIn(sdkUser(userPool, email), email, 'Admin-set-passw0rd'), { code: 'NotAuthorizedException', message: 'User is disabled.' });
    const refresh = await raw(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: tokens.getRefreshToken().getToken() });
    assert.equal(refresh.body.__type, 'NotAuthorizedException');
    await admin('AdminEnableUser', { Username: email });
    session(await signIn(sdkUser(userPool, email), email, 'Admin-set-passw0rd'));

    await admin('AdminDeleteUser', { Username: email });
    const gone = await raw(pool, 'AdminGetUser', { UserPoolId: pool.poolId, Username: email });
    assert.deepEqual(gone.body, { __type: 'UserNotFoundException', message: 'User does not exist.' });
    // The email is free again.
    await signUp(userPool, email);
  });

  it('creates users with a generated temporary password that satisfies the policy, or suppressed', async () => {
    const email = uniqueEmail();
    const created = await admin('AdminCreateUser', { Username: email, DesiredDeliveryMediums: ['EMAIL'] });
    assert.match(created.User.Username, /^[0-9a-f-]{36}$/);
    const temporary = await latestCode(pool, email, 'temporary-password');
    assert.match(temporary, /[A-Z]/);
    assert.match(temporary, /[0-9]/);
    const again = await raw(pool, 'AdminCreateUser', { UserPoolId: pool.poolId, Username: email });
    assert.deepEqual(again.body, { __type: 'UsernameExistsException', message: 'User account already exists' });
    const resent = await admin('AdminCreateUser', { Username: email, MessageAction: 'RESEND', TemporaryPassword: 'Resent-passw0rd' });
    assert.equal(resent.User.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.equal(await latestCode(pool, email, 'temporary-password'), 'Resent-passw0rd');
    const quiet = uniqueEmail();
    await admin('AdminCreateUser', { Username: quiet, MessageAction: 'SUPPRESS', TemporaryPassword: 'Quiet-passw0rd' });
    assert.deepEqual(await (await fetch(`${pool.url}_local/messages?to=${encodeURIComponent(quiet)}`)).json(), []);
  });

  it('forces a password reset: sign-in says so until the mailed code sets a new password', async () => {
    const { email, userPool } = await registeredUser(pool);
    await admin('AdminResetUserPassword', { Username: email });
    await assert.rejects(signIn(sdkUser(userPool, email), email), { code: 'PasswordResetRequiredException', message: 'Password reset required for the user' });
    const code = await latestCode(pool, email, 'forgot-password');
    await ok(pool, 'ConfirmForgotPassword', { ClientId: pool.clientId, Username: email, ConfirmationCode: code, Password: 'After-reset-passw0rd' });
    session(await signIn(sdkUser(userPool, email), email, 'After-reset-passw0rd'));
  });

  it('refuses ForgotPassword for a user who still has a temporary password', async () => {
    const email = uniqueEmail();
    await admin('AdminCreateUser', { Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] });
    const response = await raw(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: email });
    assert.deepEqual(response.body, { __type: 'NotAuthorizedException', message: 'User password cannot be reset in the current state.' });
  });

  it('lists users with a filter', async () => {
    const { email } = await registeredUser(pool);
    const { Users } = await admin('ListUsers', { Filter: `email = "${email}"` });
    assert.equal(Users.length, 1);
    assert.equal(Users[0].UserStatus, 'CONFIRMED');
  });

  it('sends a verification code when the email changes, and verifies it', async () => {
    const { user, userPool } = await signedInUser(pool);
    const fresh = uniqueEmail('moved');
    await call((cb) => user.updateAttributes([{ Name: 'email', Value: fresh }], cb));
    const code = await latestCode(pool, fresh, 'verify-attribute');
    // The pool keeps the original email until the new one is verified (verifyBeforeUpdate, default email).
    const before = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    assert.notEqual(before.find((a) => a.getName() === 'email')?.getValue(), fresh);
    assert.equal(before.find((a) => a.getName() === 'email_verified')?.getValue(), 'true');
    await new Promise((resolve, reject) => user.verifyAttribute('email', code, { onSuccess: resolve, onFailure: reject }));
    const after = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    assert.equal(after.find((a) => a.getName() === 'email')?.getValue(), fresh);
    assert.equal(after.find((a) => a.getName() === 'email_verified')?.getValue(), 'true');
    // The new email now signs in.
    session(await signIn(sdkUser(userPool, fresh), fresh, PASSWORD));
  });

  it('deletes attributes', async () => {
    const { user } = await signedInUser(pool, { attributes: { name: 'Ada' } });
    await call((cb) => user.deleteAttributes(['name'], cb));
    const attributes = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    assert.equal(
      attributes.find((a) => a.getName() === 'name'),
      undefined,
    );
  });
});
