// Passwordless sign-up and the sign-in straight after confirming, through the AWS SDK v3: SignUp
// without a password where the pool allows a passwordless factor, SignUp's Session through
// ConfirmSignUp to InitiateAuth USER_AUTH (tokens, no second code), for password sign-ups too;
// single use, lifetime, and clients or pools that do not allow it.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdminSetUserPasswordCommand,
  ConfirmSignUpCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsClient, claims, refusal } from './aws-sdk.js';
import { PASSWORD, latestCode, messages, start, uniqueEmail, type LocalPool } from './helpers.js';
import { initiate, srpStart, userAuth, answerVerifier } from './user-auth-sdk.js';

function signUp(client: CognitoIdentityProviderClient, pool: LocalPool, email: string, password?: string) {
  return client.send(new SignUpCommand({ ClientId: pool.clientId, Username: email, ...(password === undefined ? {} : { Password: password }) }));
}

function confirm(client: CognitoIdentityProviderClient, pool: LocalPool, email: string, code: string, Session?: string) {
  return client.send(new ConfirmSignUpCommand({ ClientId: pool.clientId, Username: email, ConfirmationCode: code, Session }));
}

describe('passwordless sign-up and sign-in after confirming (AWS SDK v3)', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  before(async () => {
    pool = await start({ firstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] });
    client = awsClient(pool);
  });
  after(async () => {
    client.destroy();
    await pool.close();
  });

  it('SignUp without a password -> ConfirmSignUp with its Session -> USER_AUTH with that Session: tokens, no second code', async () => {
    const email = uniqueEmail('passwordless');
    const signedUp = await signUp(client, pool, email);
    assert.equal(signedUp.UserConfirmed, false);
    assert.ok(signedUp.UserSub);
    assert.equal(signedUp.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
    assert.ok(signedUp.Session);
    const confirmed = await confirm(client, pool, email, await latestCode(pool, email, 'sign-up'), signedUp.Session);
    assert.ok(confirmed.Session);
    assert.notEqual(confirmed.Session, signedUp.Session);

    const signedIn = await userAuth(client, pool, { USERNAME: email }, confirmed.Session);
    assert.equal(claims(signedIn.AuthenticationResult?.IdToken).email, email);
    assert.equal(claims(signedIn.AuthenticationResult?.IdToken).email_verified, true);
    assert.ok(signedIn.AuthenticationResult?.RefreshToken);
    assert.deepEqual(
      (await messages(pool, email)).map((m) => m.kind),
      ['sign-up'],
      'only the sign-up code was sent',
    );
    // Once only.
    assert.deepEqual(await refusal(userAuth(client, pool, { USERNAME: email }, confirmed.Session)), {
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it('a passwordless user is offered the code only; password and SRP sign-ins fail as a wrong password would', async () => {
    const email = uniqueEmail('passwordless');
    await signUp(client, pool, email, '');
    await confirm(client, pool, email, await latestCode(pool, email, 'sign-up'));
    assert.deepEqual((await userAuth(client, pool, { USERNAME: email })).AvailableChallenges, ['EMAIL_OTP']);
    // PREFERRED_CHALLENGE PASSWORD is not available: the choice comes back.
    assert.equal((await userAuth(client, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD })).ChallengeName, 'SELECT_CHALLENGE');
    const { a, SRP_A } = srpStart();
    const started = await initiate(client, pool, 'USER_SRP_AUTH', { USERNAME: email, SRP_A });
    assert.equal((await refusal(answerVerifier(client, pool, started, PASSWORD, a))).message, 'Incorrect username or password.');
    // An administrator's password gives the user the password factors.
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.poolId, Username: email, Password: PASSWORD, Permanent: true }));
    assert.deepEqual((await userAuth(client, pool, { USERNAME: email })).AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP']);
  });

  it('a passwordless user stays passwordless across a restart with a data file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'passwordless-'));
    const options = { firstAuthFactors: ['PASSWORD' as const, 'EMAIL_OTP' as const], dataFile: join(dir, 'pool.json') };
    const email = uniqueEmail('kept');
    try {
      const first = await start(options);
      const firstClient = awsClient(first);
      await signUp(firstClient, first, email);
      await confirm(firstClient, first, email, await latestCode(first, email, 'sign-up'));
      firstClient.destroy();
      await first.close();
      const second = await start(options);
      const secondClient = awsClient(second);
      try {
        assert.deepEqual((await userAuth(secondClient, second, { USERNAME: email })).AvailableChallenges, ['EMAIL_OTP']);
      } finally {
        secondClient.destroy();
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('password sign-ups get the same chain where the client allows USER_AUTH', async () => {
    const plain = await start();
    const plainClient = awsClient(plain);
    try {
      const email = uniqueEmail('withpassword');
      const signedUp = await signUp(plainClient, plain, email, PASSWORD);
      assert.ok(signedUp.Session);
      const confirmed = await confirm(plainClient, plain, email, await latestCode(plain, email, 'sign-up'), signedUp.Session);
      const signedIn = await userAuth(plainClient, plain, { USERNAME: email }, confirmed.Session);
      assert.ok(signedIn.AuthenticationResult?.AccessToken);
      // The pool allows only PASSWORD: SignUp without one is refused as before.
      assert.deepEqual(await refusal(signUp(plainClient, plain, uniqueEmail('nopassword'))), {
        name: 'InvalidParameterException',
        message: "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
      });
    } finally {
      plainClient.destroy();
      await plain.close();
    }
  });

  it('without ALLOW_USER_AUTH SignUp returns no Session, and ConfirmSignUp none', async () => {
    const classic = await start({ explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const classicClient = awsClient(classic);
    try {
      const email = uniqueEmail('classic');
      const signedUp = await signUp(classicClient, classic, email, PASSWORD);
      assert.equal(signedUp.Session, undefined);
      const confirmed = await confirm(classicClient, classic, email, await latestCode(classic, email, 'sign-up'));
      assert.equal(confirmed.Session, undefined);
    } finally {
      classicClient.destroy();
      await classic.close();
    }
  });

  it("the Session is the user's own, needs the confirmation, and expires with the sign-in session lifetime", async () => {
    const first = uniqueEmail('first');
    const second = uniqueEmail('second');
    const firstUp = await signUp(client, pool, first);
    const secondUp = await signUp(client, pool, second);
    // Before ConfirmSignUp the session signs nobody in.
    assert.equal((await refusal(userAuth(client, pool, { USERNAME: first }, firstUp.Session))).name, 'NotAuthorizedException');
    // Another user's Session: the confirmation stands, no Session comes back.
    const crossed = await confirm(client, pool, second, await latestCode(pool, second, 'sign-up'), firstUp.Session);
    assert.equal(crossed.Session, undefined);
    const confirmed = await confirm(client, pool, first, await latestCode(pool, first, 'sign-up'), firstUp.Session);
    assert.equal((await refusal(userAuth(client, pool, { USERNAME: second }, confirmed.Session))).name, 'NotAuthorizedException');
    assert.ok(secondUp.Session);

    const short = await start({ firstAuthFactors: ['EMAIL_OTP'], limits: { sessionTtlMs: 80 } });
    const shortClient = awsClient(short);
    try {
      const email = uniqueEmail('slow');
      const signedUp = await signUp(shortClient, short, email);
      const late = await confirm(shortClient, short, email, await latestCode(short, email, 'sign-up'), signedUp.Session);
      assert.ok(late.Session);
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.deepEqual(await refusal(userAuth(shortClient, short, { USERNAME: email }, late.Session)), {
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user, session is expired.',
      });
    } finally {
      shortClient.destroy();
      await short.close();
    }
  });
});
