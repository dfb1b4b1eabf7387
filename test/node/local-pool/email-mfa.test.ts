// Email MFA through the AWS SDK v3: EmailMfaSettings in SetUserMFAPreference and
// AdminSetUserMFAPreference, the EMAIL_OTP challenge after a password, SELECT_MFA_TYPE, MFA_SETUP by
// email, GetUser's and GetUserAuthFactors' lists; and pools without email MFA answering as before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminGetUserAuthFactorsCommand,
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import { awsClient, claims, confirmedUser, refusal } from './aws-sdk.js';
import { PASSWORD, latestCode, messages, start, uniqueEmail, type LocalPool } from './helpers.js';
import { respond, userAuth } from './user-auth-sdk.js';

function passwordSignIn(client: CognitoIdentityProviderClient, pool: LocalPool, email: string) {
  return client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email, PASSWORD } }));
}

/** Signs in (MFA not on yet) and returns the access token. */
async function accessToken(client: CognitoIdentityProviderClient, pool: LocalPool, email: string) {
  const answer = await passwordSignIn(client, pool, email);
  if (!answer.AuthenticationResult?.AccessToken) throw new Error(`expected tokens, got ${answer.ChallengeName}`);
  return answer.AuthenticationResult.AccessToken;
}

/** Sets up TOTP for a signed-in user and returns a generator one step ahead (never the code just used). */
async function addTotp(client: CognitoIdentityProviderClient, AccessToken: string) {
  const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  const totp = new TOTP({ secret: Secret.fromBase32(SecretCode as string) });
  await client.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp.generate() }));
  await client.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }));
  return () => totp.generate({ timestamp: Date.now() + 30_000 });
}

describe('email MFA (AWS SDK v3)', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  before(async () => {
    pool = await start({ mfa: 'OPTIONAL', mfaFactors: ['TOTP', 'SMS', 'EMAIL'], firstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] });
    client = awsClient(pool);
  });
  after(async () => {
    client.destroy();
    await pool.close();
  });

  it('EmailMfaSettings turns email MFA on: GetUser lists EMAIL_OTP, sign-in asks for the code mailed (kind email-mfa)', async () => {
    const email = await confirmedUser(client, pool);
    const AccessToken = await accessToken(client, pool, email);
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const user = await client.send(new GetUserCommand({ AccessToken }));
    assert.deepEqual(user.UserMFASettingList, ['EMAIL_OTP']);
    assert.equal(user.PreferredMfaSetting, 'EMAIL_OTP');

    const challenge = await passwordSignIn(client, pool, email);
    assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION, 'a***@e***.com');
    const code = await latestCode(pool, email, 'email-mfa');
    const wrong = code === '000000' ? '111111' : '000000';
    assert.deepEqual(await refusal(respond(client, pool, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: wrong })), {
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    const done = await respond(client, pool, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code });
    assert.equal(claims(done.AuthenticationResult?.IdToken).email, email);
  });

  it('EMAIL_MFA_CODE is taken as EMAIL_OTP_CODE; USER_AUTH with a password gets the same challenge', async () => {
    const email = await confirmedUser(client, pool);
    const AccessToken = await accessToken(client, pool, email);
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken, EmailMfaSettings: { Enabled: true } }));
    const challenge = await userAuth(client, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
    const code = await latestCode(pool, email, 'email-mfa');
    assert.ok((await respond(client, pool, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_MFA_CODE: code })).AuthenticationResult);
  });

  it('email MFA needs a verified email', async () => {
    const email = await confirmedUser(client, pool, { email_verified: 'false' });
    const AccessToken = await accessToken(client, pool, email);
    assert.deepEqual(await refusal(client.send(new SetUserMFAPreferenceCommand({ AccessToken, EmailMfaSettings: { Enabled: true } }))), {
      name: 'InvalidParameterException',
      message: 'User does not have delivery config set to turn on EMAIL_OTP',
    });
  });

  it('several factors and none preferred: SELECT_MFA_TYPE with MFAS_CAN_CHOOSE; the ANSWER picks the challenge', async () => {
    const email = await confirmedUser(client, pool);
    const AccessToken = await accessToken(client, pool, email);
    const nextTotp = await addTotp(client, AccessToken);
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken, EmailMfaSettings: { Enabled: true } }));

    const select = await passwordSignIn(client, pool, email);
    assert.equal(select.ChallengeName, 'SELECT_MFA_TYPE');
    assert.deepEqual(JSON.parse(select.ChallengeParameters?.MFAS_CAN_CHOOSE ?? ''), ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    assert.equal(
      (await refusal(respond(client, pool, 'SELECT_MFA_TYPE', select.Session, { USERNAME: email, ANSWER: 'SMS_MFA' }))).name,
      'InvalidParameterException',
    );
    const emailChallenge = await respond(client, pool, 'SELECT_MFA_TYPE', select.Session, { USERNAME: email, ANSWER: 'EMAIL_OTP' });
    assert.equal(emailChallenge.ChallengeName, 'EMAIL_OTP');
    const code = await latestCode(pool, email, 'email-mfa');
    assert.ok((await respond(client, pool, 'EMAIL_OTP', emailChallenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code })).AuthenticationResult);

    const again = await passwordSignIn(client, pool, email);
    const totpChallenge = await respond(client, pool, 'SELECT_MFA_TYPE', again.Session, { USERNAME: email, ANSWER: 'SOFTWARE_TOKEN_MFA' });
    assert.equal(totpChallenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    assert.ok(
      (await respond(client, pool, 'SOFTWARE_TOKEN_MFA', totpChallenge.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: nextTotp() })).AuthenticationResult,
    );

    // A preferred factor skips the choice.
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
    assert.equal((await passwordSignIn(client, pool, email)).ChallengeName, 'EMAIL_OTP');
    const factors = await client.send(new GetUserAuthFactorsCommand({ AccessToken }));
    assert.deepEqual(factors.UserMFASettingList, ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    assert.equal(factors.PreferredMfaSetting, 'EMAIL_OTP');
    assert.deepEqual(factors.ConfiguredUserAuthFactors, ['PASSWORD', 'EMAIL_OTP', 'SOFTWARE_TOKEN']);
  });

  it('AdminSetUserMFAPreference sets email MFA too; AdminGetUser and AdminGetUserAuthFactors show it', async () => {
    const email = await confirmedUser(client, pool);
    await client.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.poolId, Username: email, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: email }));
    assert.deepEqual(user.UserMFASettingList, ['EMAIL_OTP']);
    assert.equal(user.PreferredMfaSetting, 'EMAIL_OTP');
    const factors = await client.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: pool.poolId, Username: email }));
    assert.deepEqual(factors.ConfiguredUserAuthFactors, ['PASSWORD', 'EMAIL_OTP']);
    assert.equal((await passwordSignIn(client, pool, email)).ChallengeName, 'EMAIL_OTP');
    assert.equal(
      (await refusal(client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.poolId, Username: uniqueEmail('nobody') })))).name,
      'UserNotFoundException',
    );
  });

  describe('MFA required', () => {
    let required: LocalPool;
    let requiredClient: CognitoIdentityProviderClient;
    before(async () => {
      required = await start({ mfa: 'ON', mfaFactors: ['TOTP', 'EMAIL'] });
      requiredClient = awsClient(required);
    });
    after(async () => {
      requiredClient.destroy();
      await required.close();
    });

    it('MFA_SETUP offers TOTP and email; EMAIL answers with an EMAIL_OTP challenge, and its code turns email MFA on', async () => {
      const email = await confirmedUser(requiredClient, required);
      const setup = await passwordSignIn(requiredClient, required, email);
      assert.equal(setup.ChallengeName, 'MFA_SETUP');
      assert.deepEqual(JSON.parse(setup.ChallengeParameters?.MFAS_CAN_SETUP ?? ''), ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
      assert.equal(
        (await refusal(respond(requiredClient, required, 'MFA_SETUP', setup.Session, { USERNAME: email, EMAIL: 'someone.else@example.com' }))).name,
        'InvalidParameterException',
      );
      const challenge = await respond(requiredClient, required, 'MFA_SETUP', setup.Session, { USERNAME: email, EMAIL: email });
      assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
      const code = await latestCode(required, email, 'email-mfa');
      const done = await respond(requiredClient, required, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code });
      const AccessToken = done.AuthenticationResult?.AccessToken as string;
      const user = await requiredClient.send(new GetUserCommand({ AccessToken }));
      assert.deepEqual(user.UserMFASettingList, ['EMAIL_OTP']);
      assert.equal(user.PreferredMfaSetting, 'EMAIL_OTP');
      // The next sign-in asks for an email code at once.
      assert.equal((await passwordSignIn(requiredClient, required, email)).ChallengeName, 'EMAIL_OTP');
    });
  });

  describe('pools without email MFA answer as before', () => {
    let plain: LocalPool;
    let plainClient: CognitoIdentityProviderClient;
    before(async () => {
      plain = await start({ mfa: 'ON' });
      plainClient = awsClient(plain);
    });
    after(async () => {
      plainClient.destroy();
      await plain.close();
    });

    it('MFA_SETUP offers TOTP only, and EmailMfaSettings is refused', async () => {
      const email = await confirmedUser(plainClient, plain);
      const setup = await passwordSignIn(plainClient, plain, email);
      assert.equal(setup.ChallengeName, 'MFA_SETUP');
      assert.equal(setup.ChallengeParameters?.MFAS_CAN_SETUP, '["SOFTWARE_TOKEN_MFA"]');
      assert.equal(
        (await refusal(respond(plainClient, plain, 'MFA_SETUP', setup.Session, { USERNAME: email, EMAIL: email }))).message,
        'Email MFA is not enabled for this user pool.',
      );
      assert.equal((await messages(plain, email)).length, 0);
      assert.deepEqual(
        await refusal(
          plainClient.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: plain.poolId, Username: email, EmailMfaSettings: { Enabled: true } })),
        ),
        { name: 'InvalidParameterException', message: 'Email MFA is not enabled for this user pool.' },
      );
    });

    it('TOTP and SMS both on, none preferred: TOTP, as always (no SELECT_MFA_TYPE)', async () => {
      const email = await confirmedUser(plainClient, plain, { phone_number: '+15555550140', phone_number_verified: 'true' });
      // MFA required: the phone number alone makes SMS the factor.
      const sms = await passwordSignIn(plainClient, plain, email);
      assert.equal(sms.ChallengeName, 'SMS_MFA');
      const [text] = (await messages(plain, '+15555550140')).filter((m) => m.kind === 'sms-mfa');
      const done = await respond(plainClient, plain, 'SMS_MFA', sms.Session, { USERNAME: email, SMS_MFA_CODE: text.code });
      const AccessToken = done.AuthenticationResult?.AccessToken as string;
      await addTotp(plainClient, AccessToken);
      await plainClient.send(new SetUserMFAPreferenceCommand({ AccessToken, SMSMfaSettings: { Enabled: true } }));
      assert.equal((await passwordSignIn(plainClient, plain, email)).ChallengeName, 'SOFTWARE_TOKEN_MFA');
      const factors = await plainClient.send(new GetUserAuthFactorsCommand({ AccessToken }));
      assert.deepEqual(factors.UserMFASettingList, ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
      assert.deepEqual(factors.ConfiguredUserAuthFactors, ['PASSWORD', 'SMS_OTP', 'SOFTWARE_TOKEN']);
    });
  });
});
