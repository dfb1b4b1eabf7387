// Cognito's defaults for a new app client: unknown users hidden everywhere (PreventUserExistenceErrors
// ENABLED), and AWS's answer to an operation it does not know.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, latestCode, messages, ok, raw, registeredUser, start, uniqueEmail, type LocalPool } from './helpers.js';

describe('unknown users, by default (ENABLED)', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());

  it('ForgotPassword answers a simulated delivery and sends nothing', async () => {
    const nobody = uniqueEmail('nobody');
    const answer = await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: nobody });
    assert.deepEqual(answer.CodeDeliveryDetails, { Destination: 'n***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    assert.deepEqual(await messages(pool, nobody), []);
  });

  it('ForgotPassword for a real user answers the same shape', async () => {
    const { email } = await registeredUser(pool, { email: uniqueEmail('nobody') });
    const answer = await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: email });
    assert.deepEqual(answer.CodeDeliveryDetails, { Destination: 'n***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
  });

  it('ResendConfirmationCode answers a simulated delivery and sends nothing', async () => {
    const nobody = uniqueEmail('nobody');
    const answer = await ok(pool, 'ResendConfirmationCode', { ClientId: pool.clientId, Username: nobody });
    assert.equal(answer.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    assert.deepEqual(await messages(pool, nobody), []);
  });

  it('ConfirmSignUp and ConfirmForgotPassword answer CodeMismatchException, as for a wrong code', async () => {
    const nobody = uniqueEmail('nobody');
    const confirm = await raw(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: nobody, ConfirmationCode: '123456' });
    assert.deepEqual(confirm.body, { __type: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' });
    const reset = await raw(pool, 'ConfirmForgotPassword', { ClientId: pool.clientId, Username: nobody, ConfirmationCode: '123456', Password: PASSWORD });
    assert.equal(reset.body.__type, 'CodeMismatchException');
  });

  it('ConfirmForgotPassword for a disabled user answers CodeMismatchException too', async () => {
    const { email } = await registeredUser(pool);
    await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: email });
    const code = await latestCode(pool, email, 'forgot-password');
    await ok(pool, 'AdminDisableUser', { UserPoolId: pool.poolId, Username: email });
    const reset = await raw(pool, 'ConfirmForgotPassword', { ClientId: pool.clientId, Username: email, ConfirmationCode: code, Password: PASSWORD });
    assert.equal(reset.body.__type, 'CodeMismatchException');
  });

  it('sign-in gets a simulated SRP challenge, then "Incorrect username or password."', async () => {
    const nobody = uniqueEmail('nobody');
    const started = await ok(pool, 'InitiateAuth', {
      ClientId: pool.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: nobody, SRP_A: 'abcdef0123' },
    });
    assert.equal(started.ChallengeName, 'PASSWORD_VERIFIER');
    // Stable per username, as Cognito's simulated challenge is.
    const again = await ok(pool, 'InitiateAuth', {
      ClientId: pool.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: nobody, SRP_A: 'abcdef0123' },
    });
    assert.equal(again.ChallengeParameters.SALT, started.ChallengeParameters.SALT);
    assert.equal(again.ChallengeParameters.USER_ID_FOR_SRP, started.ChallengeParameters.USER_ID_FOR_SRP);
    const answer = await raw(pool, 'RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: {
        USERNAME: started.ChallengeParameters.USER_ID_FOR_SRP,
        PASSWORD_CLAIM_SECRET_BLOCK: started.ChallengeParameters.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: Buffer.alloc(32).toString('base64'),
        TIMESTAMP: 'Mon Jan 5 10:00:00 UTC 2026',
      },
    });
    assert.deepEqual(answer.body, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    const password = await raw(pool, 'InitiateAuth', {
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: nobody, PASSWORD },
    });
    assert.deepEqual(password.body, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('SignUp still says the name is taken', async () => {
    const { email } = await registeredUser(pool);
    const again = await raw(pool, 'SignUp', { ClientId: pool.clientId, Username: email, Password: PASSWORD });
    assert.equal(again.body.__type, 'UsernameExistsException');
  });
});

describe('operations', () => {
  it('an operation the pool does not know answers 400 UnknownOperationException, as AWS does', async () => {
    const pool = await start();
    try {
      const answer = await raw(pool, 'FrobnicateUser', {});
      assert.equal(answer.status, 400);
      assert.equal(answer.headers.get('x-amzn-errortype'), 'UnknownOperationException');
      assert.deepEqual(answer.body, { __type: 'UnknownOperationException', message: 'The local pool does not know the operation FrobnicateUser.' });
    } finally {
      await pool.close();
    }
  });
});
