// MFA (TOTP and SMS) and required attributes, through the real SDK.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CognitoUser, CognitoUserSession } from 'amazon-cognito-identity-js';
import { Secret, TOTP } from 'otpauth';
import {
  PASSWORD,
  call,
  callbacks,
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
  type SdkError,
  type SignInOutcome,
} from './helpers.js';

/** The code an authenticator shows `steps` periods from now: a later step than one just used, as each code works once. */
const totpCode = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });
/** A valid-looking code that is certainly not the current one, nor one step either side. */
function wrongCode(secret: string) {
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const now = Date.now();
  const taken = new Set([-1, 0, 1].map((step) => totp.generate({ timestamp: now + step * 30_000 })));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}

const associate = (user: CognitoUser) =>
  new Promise<string>((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));

const verify = (user: CognitoUser, code: string) =>
  new Promise<CognitoUserSession>((resolve, reject) => user.verifySoftwareToken(code, 'test device', { onSuccess: resolve, onFailure: reject }));

const sendCode = (user: CognitoUser, code: string, type?: string) =>
  new Promise<SignInOutcome>((resolve, reject) => user.sendMFACode(code, callbacks(resolve, reject), type));

describe('MFA required (mfa: ON)', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ mfa: 'ON' });
  });
  after(() => pool.close());

  it('walks MFA_SETUP with TOTP on first sign-in, then asks for the TOTP code', async () => {
    const { email, userPool } = await registeredUser(pool);
    const user = sdkUser(userPool, email);
    const first = await signIn(user, email);
    assert.equal(first.kind, 'mfaSetup');
    const secret = await associate(user);
    assert.match(secret, /^[A-Z2-7]+$/);
    const wrong = (await verify(user, wrongCode(secret)).catch((e) => e)) as SdkError;
    assert.equal(wrong.code, 'EnableSoftwareTokenMFAException');
    const tokens = await verify(user, totpCode(secret));
    assert.equal(tokens.getIdToken().payload.email, email);

    const again = sdkUser(userPool, email);
    assert.equal((await signIn(again, email)).kind, 'totpRequired');
    const mismatch = (await sendCode(again, wrongCode(secret), 'SOFTWARE_TOKEN_MFA').catch((e) => e)) as SdkError;
    assert.equal(mismatch.code, 'CodeMismatchException');
    assert.equal(mismatch.message, 'Invalid code or auth state for the user.');
    // A wrong code does not burn the session. (The code that verified the token is spent: the next step's.)
    session(await sendCode(again, totpCode(secret, 1), 'SOFTWARE_TOKEN_MFA'));

    const got = await ok(pool, 'AdminGetUser', { UserPoolId: pool.poolId, Username: email });
    assert.equal(got.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    assert.deepEqual(got.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
  });

  it('sends an SMS code to a user with a phone number', async () => {
    const phone = `+1555${String(Date.now()).slice(-7)}`;
    const { email, userPool } = await registeredUser(pool, { attributes: { phone_number: phone } });
    const user = sdkUser(userPool, email);
    const challenge = await signIn(user, email);
    assert.equal(challenge.kind, 'mfaRequired');
    assert.deepEqual((challenge as { parameters: unknown }).parameters, {
      CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
      CODE_DELIVERY_DESTINATION: `+${'*'.repeat(phone.length - 5)}${phone.slice(-4)}`,
    });
    const [message] = (await (await fetch(`${pool.url}_local/messages?to=${encodeURIComponent(phone)}`)).json()) as any[];
    assert.equal(message.channel, 'sms');
    assert.equal(message.kind, 'sms-mfa');
    const wrong = (await sendCode(user, message.code === '000000' ? '111111' : '000000').catch((e) => e)) as SdkError;
    assert.equal(wrong.code, 'CodeMismatchException');
    const tokens = session(await sendCode(user, message.code));
    assert.equal(tokens.getIdToken().payload.phone_number, phone);
  });

  it('refuses an MFA_SETUP answer before the token is verified', async () => {
    const { email } = await registeredUser(pool);
    const started = await ok(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } });
    assert.equal(started.ChallengeName, 'MFA_SETUP');
    assert.equal(started.ChallengeParameters.MFAS_CAN_SETUP, '["SOFTWARE_TOKEN_MFA"]');
    const early = await raw(pool, 'RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'MFA_SETUP',
      Session: started.Session,
      ChallengeResponses: { USERNAME: email },
    });
    assert.equal(early.status, 400);
    const associated = await ok(pool, 'AssociateSoftwareToken', { Session: started.Session });
    assert.notEqual(associated.Session, started.Session);
    const verified = await ok(pool, 'VerifySoftwareToken', { Session: associated.Session, UserCode: totpCode(associated.SecretCode) });
    assert.equal(verified.Status, 'SUCCESS');
    const done = await ok(pool, 'RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'MFA_SETUP',
      Session: verified.Session,
      ChallengeResponses: { USERNAME: email },
    });
    assert.ok(done.AuthenticationResult.IdToken);
  });
});

describe('challenge sessions', () => {
  it('expire after the session lifetime', async () => {
    const pool = await start({ mfa: 'ON', limits: { sessionTtlMs: 100 } });
    try {
      const phone = '+15550003333';
      const { email } = await registeredUser(pool, { attributes: { phone_number: phone } });
      const started = await ok(pool, 'InitiateAuth', {
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD },
      });
      assert.equal(started.ChallengeName, 'SMS_MFA');
      const code = await latestCode(pool, phone, 'sms-mfa');
      await new Promise((resolve) => setTimeout(resolve, 150));
      const late = await raw(pool, 'RespondToAuthChallenge', {
        ClientId: pool.clientId,
        ChallengeName: 'SMS_MFA',
        Session: started.Session,
        ChallengeResponses: { USERNAME: email, SMS_MFA_CODE: code },
      });
      assert.deepEqual(late.body, { __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
    } finally {
      await pool.close();
    }
  });
});

describe('MFA optional (mfa: OPTIONAL)', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ mfa: 'OPTIONAL' });
  });
  after(() => pool.close());

  it('signs in without MFA until the user turns TOTP on, signed in', async () => {
    const { email, userPool, user } = await signedInUser(pool);
    const secret = await associate(user);
    await new Promise((resolve, reject) => user.verifySoftwareToken(totpCode(secret), 'phone', { onSuccess: resolve, onFailure: reject }));
    // Verified but not yet enabled: still no challenge.
    session(await signIn(sdkUser(userPool, email), email));
    await call((cb) => user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb));
    const data = await call<any>((cb) => user.getUserData(cb, { bypassCache: true }));
    assert.equal(data.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    const again = sdkUser(userPool, email);
    assert.equal((await signIn(again, email)).kind, 'totpRequired');
    session(await sendCode(again, totpCode(secret, 1), 'SOFTWARE_TOKEN_MFA'));
    // Turned off again: no challenge.
    await call((cb) => user.setUserMfaPreference(null, { PreferredMfa: false, Enabled: false }, cb));
    session(await signIn(sdkUser(userPool, email), email));
  });

  it('turns SMS MFA on for a user with a phone number', async () => {
    const phone = `+4477${String(Date.now()).slice(-8)}`;
    const { email, userPool, user } = await signedInUser(pool, { attributes: { phone_number: phone } });
    await call((cb) => user.setUserMfaPreference({ PreferredMfa: true, Enabled: true }, null, cb));
    const again = sdkUser(userPool, email);
    assert.equal((await signIn(again, email)).kind, 'mfaRequired');
    session(await sendCode(again, await latestCode(pool, phone, 'sms-mfa')));
  });

  it('refuses to enable TOTP that was never verified', async () => {
    const { user } = await signedInUser(pool);
    const error = await new Promise<SdkError>((resolve) =>
      user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, (e) => resolve(e as SdkError)),
    );
    assert.equal(error.code, 'InvalidParameterException');
  });

  it('does not ask for MFA when the pool has it OFF, even with TOTP enabled', async () => {
    const off = await start();
    try {
      const { email, userPool, user } = await signedInUser(off);
      const secret = await associate(user);
      await new Promise((resolve, reject) => user.verifySoftwareToken(totpCode(secret), 'phone', { onSuccess: resolve, onFailure: reject }));
      await call((cb) => user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb));
      session(await signIn(sdkUser(userPool, email), email));
    } finally {
      await off.close();
    }
  });
});

describe('required attributes', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ requiredAttributes: ['name', 'phone_number'] });
  });
  after(() => pool.close());

  it('refuses a sign-up lacking them, as Cognito does', async () => {
    await assert.rejects(signUp(sdkPool(pool), uniqueEmail(), PASSWORD, { name: 'Ada' }), {
      code: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: phone_number: The attribute is required',
    });
    await assert.rejects(signUp(sdkPool(pool), uniqueEmail()), {
      message: 'Attributes did not conform to the schema: name: The attribute is required, phone_number: The attribute is required',
    });
  });

  it('accepts a sign-up that has them and puts them in the ID token', async () => {
    const { session: tokens } = await signedInUser(pool, { attributes: { name: 'Ada Lovelace', phone_number: '+15550001111' } });
    assert.equal(tokens.getIdToken().payload.name, 'Ada Lovelace');
    assert.equal(tokens.getIdToken().payload.phone_number_verified, false);
  });

  it('asks for missing required attributes in NEW_PASSWORD_REQUIRED', async () => {
    const email = uniqueEmail();
    await ok(pool, 'AdminCreateUser', { UserPoolId: pool.poolId, Username: email, TemporaryPassword: 'Temp-passw0rd', MessageAction: 'SUPPRESS' });
    const userPool = sdkPool(pool);
    const user = sdkUser(userPool, email);
    const challenge = await signIn(user, email, 'Temp-passw0rd');
    assert.equal(challenge.kind, 'newPasswordRequired');
    assert.deepEqual((challenge as { requiredAttributes: string[] }).requiredAttributes, ['name', 'phone_number']);
    const missing = await new Promise<SdkError>((resolve, reject) =>
      user.completeNewPasswordChallenge('Chosen-passw0rd', { name: 'Ada' }, { onSuccess: () => reject(new Error('accepted')), onFailure: resolve }),
    );
    assert.equal(missing.code, 'InvalidParameterException');
    const done = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.completeNewPasswordChallenge('Chosen-passw0rd', { name: 'Ada', phone_number: '+15550002222' }, { onSuccess: resolve, onFailure: reject }),
    );
    assert.equal(done.getIdToken().payload.name, 'Ada');
  });
});
