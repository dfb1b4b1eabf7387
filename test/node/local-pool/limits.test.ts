// Limits and checks: wrong MFA codes lock the user out as wrong passwords do, TOTP codes work
// once, SRP refuses an A that is not a reduced value, and an unknown user's sign-in does the same
// work as a real one's (counted, not timed, so the test cannot flake).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { N, srpWork } from '../../../local-pool/srp.js';
import { PASSWORD, latestCode, ok, raw, registeredUser, start, uniqueEmail, type LocalPool } from './helpers.js';

const totpCode = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });

/** A six-digit code that is none of the three the pool accepts now. */
function wrongTotp(secret: string) {
  const taken = new Set([-1, 0, 1].map((step) => totpCode(secret, step)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}

const passwordSignIn = (pool: LocalPool, email: string) =>
  raw(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } });

const answer = (pool: LocalPool, name: string, session: string, responses: Record<string, string>) =>
  raw(pool, 'RespondToAuthChallenge', { ClientId: pool.clientId, ChallengeName: name, Session: session, ChallengeResponses: responses });

/** A user with TOTP set up (through MFA_SETUP) in an mfa: 'ON' pool, and its secret. */
async function totpUser(pool: LocalPool) {
  const { email } = await registeredUser(pool);
  const started = (await passwordSignIn(pool, email)).body as { Session: string };
  const associated = await ok(pool, 'AssociateSoftwareToken', { Session: started.Session });
  const code = totpCode(associated.SecretCode as string);
  const verified = await ok(pool, 'VerifySoftwareToken', { Session: associated.Session, UserCode: code });
  await ok(pool, 'RespondToAuthChallenge', {
    ClientId: pool.clientId,
    ChallengeName: 'MFA_SETUP',
    Session: verified.Session,
    ChallengeResponses: { USERNAME: email },
  });
  return { email, secret: associated.SecretCode as string, usedCode: code };
}

describe('wrong MFA codes', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ mfa: 'ON', limits: { lockoutBaseMs: 300 } });
  });
  after(() => pool.close());

  it('lock the user out after five, as wrong passwords do: the session ends and sign-in waits', async () => {
    const phone = `+1555${String(Date.now()).slice(-7)}`;
    const { email } = await registeredUser(pool, { attributes: { phone_number: phone } });
    const started = (await passwordSignIn(pool, email)).body as { ChallengeName: string; Session: string };
    assert.equal(started.ChallengeName, 'SMS_MFA');
    const code = await latestCode(pool, phone, 'sms-mfa');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const response = await answer(pool, 'SMS_MFA', started.Session, { USERNAME: email, SMS_MFA_CODE: wrong });
      assert.equal(response.body.__type, 'CodeMismatchException', `wrong code ${i}`);
    }
    const fifth = await answer(pool, 'SMS_MFA', started.Session, { USERNAME: email, SMS_MFA_CODE: wrong });
    assert.deepEqual(fifth.body, { __type: 'NotAuthorizedException', message: 'Password attempts exceeded' });
    // The session is over: even the right code does not sign in with it.
    const late = await answer(pool, 'SMS_MFA', started.Session, { USERNAME: email, SMS_MFA_CODE: code });
    assert.equal(late.body.__type, 'NotAuthorizedException');
    assert.deepEqual((await passwordSignIn(pool, email)).body, { __type: 'NotAuthorizedException', message: 'Password attempts exceeded' });
    // After the lockout, a sign-in that completes clears the count.
    await new Promise((resolve) => setTimeout(resolve, 350));
    const again = (await passwordSignIn(pool, email)).body as { Session: string };
    const done = await answer(pool, 'SMS_MFA', again.Session, { USERNAME: email, SMS_MFA_CODE: await latestCode(pool, phone, 'sms-mfa') });
    assert.ok((done.body.AuthenticationResult as { IdToken?: string } | undefined)?.IdToken, JSON.stringify(done.body));
    const fresh = (await passwordSignIn(pool, email)).body as { Session: string };
    assert.equal((await answer(pool, 'SMS_MFA', fresh.Session, { USERNAME: email, SMS_MFA_CODE: wrong })).body.__type, 'CodeMismatchException');
  });

  it('count across sign-ins: a right password does not reset the count before the code is right', async () => {
    const { email, secret } = await totpUser(pool);
    const wrong = wrongTotp(secret);
    for (let i = 1; i <= 4; i++) {
      const started = (await passwordSignIn(pool, email)).body as { Session: string };
      assert.equal(
        (await answer(pool, 'SOFTWARE_TOKEN_MFA', started.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: wrong })).body.__type,
        'CodeMismatchException',
      );
    }
    const started = (await passwordSignIn(pool, email)).body as { Session: string };
    const fifth = await answer(pool, 'SOFTWARE_TOKEN_MFA', started.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: wrong });
    assert.deepEqual(fifth.body, { __type: 'NotAuthorizedException', message: 'Password attempts exceeded' });
  });

  it('VerifySoftwareToken with an access token: LimitExceededException after five wrong codes', async () => {
    const { email, secret } = await totpUser(pool);
    const started = (await passwordSignIn(pool, email)).body as { Session: string };
    const signedIn = await answer(pool, 'SOFTWARE_TOKEN_MFA', started.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, 1) });
    const AccessToken = (signedIn.body.AuthenticationResult as { AccessToken: string }).AccessToken;
    const associated = await ok(pool, 'AssociateSoftwareToken', { AccessToken });
    const wrong = wrongTotp(associated.SecretCode as string);
    for (let i = 1; i <= 5; i++) {
      const response = await raw(pool, 'VerifySoftwareToken', { AccessToken, UserCode: wrong });
      assert.equal(response.body.__type, 'EnableSoftwareTokenMFAException', `wrong code ${i}`);
    }
    const locked = await raw(pool, 'VerifySoftwareToken', { AccessToken, UserCode: totpCode(associated.SecretCode as string) });
    assert.deepEqual(locked.body, { __type: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' });
  });
});

describe('TOTP codes', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ mfa: 'ON' });
  });
  after(() => pool.close());

  it('work once: the code that verified the token, or that signed in, is refused the second time', async () => {
    const { email, secret, usedCode } = await totpUser(pool);
    const first = (await passwordSignIn(pool, email)).body as { Session: string };
    const replayed = await answer(pool, 'SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: usedCode });
    assert.deepEqual(replayed.body, { __type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' });
    // The next step's code (the pool accepts one step ahead) is new, once.
    const next = totpCode(secret, 1);
    const done = await answer(pool, 'SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: next });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const second = (await passwordSignIn(pool, email)).body as { Session: string };
    const again = await answer(pool, 'SOFTWARE_TOKEN_MFA', second.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: next });
    assert.equal(again.body.__type, 'CodeMismatchException');
    // An earlier step's code, still inside the window, is refused too once a later one was used.
    const earlier = await answer(pool, 'SOFTWARE_TOKEN_MFA', second.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: totpCode(secret) });
    assert.equal(earlier.body.__type, 'CodeMismatchException');
  });
});

describe('SRP checks', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());

  const startSrp = (username: string, srpA: string) =>
    raw(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: srpA } });

  it('refuses an A that is 0 mod N, or N and above', async () => {
    const { email } = await registeredUser(pool);
    for (const A of [0n, N, 2n * N]) {
      assert.deepEqual((await startSrp(email, A.toString(16))).body, { __type: 'InvalidParameterException', message: 'SRP_A cannot be zero mod N.' });
    }
    for (const A of [N + 1n, N + 2n ** 64n]) {
      assert.deepEqual((await startSrp(email, A.toString(16))).body, { __type: 'InvalidParameterException', message: 'SRP_A must be less than N.' });
    }
    assert.equal((await startSrp(email, (N - 1n).toString(16))).status, 200);
  });

  /** Modular exponentiations the pool does for a sign-in whose password is wrong (counted in this process). */
  async function workForWrongSrpAnswer(username: string): Promise<number> {
    const before = srpWork.modPows;
    const started = await ok(pool, 'InitiateAuth', {
      ClientId: pool.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: username, SRP_A: randomBytes(256).toString('hex') },
    });
    const response = await raw(pool, 'RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: {
        USERNAME: started.ChallengeParameters.USER_ID_FOR_SRP,
        PASSWORD_CLAIM_SECRET_BLOCK: started.ChallengeParameters.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: randomBytes(32).toString('base64'),
        TIMESTAMP: 'Mon Jan 5 10:00:00 UTC 2026',
      },
    });
    assert.deepEqual(response.body, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    return srpWork.modPows - before;
  }

  async function workForWrongPassword(username: string): Promise<number> {
    const before = srpWork.modPows;
    const response = await raw(pool, 'InitiateAuth', {
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: 'Wrong-passw0rd' },
    });
    assert.deepEqual(response.body, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    return srpWork.modPows - before;
  }

  it('does the same work for an unknown user as for a wrong password, so timing does not reveal who exists', async () => {
    const { email } = await registeredUser(pool);
    const known = await workForWrongSrpAnswer(email);
    const unknown = await workForWrongSrpAnswer(uniqueEmail('nobody'));
    // g^b for B, then v^u and (A·v^u)^b for S: three for both.
    assert.equal(known, 3);
    assert.equal(unknown, known);
    const knownPassword = await workForWrongPassword(email);
    assert.equal(knownPassword, 1);
    assert.equal(await workForWrongPassword(uniqueEmail('nobody')), knownPassword);
  });
});
