// Bad input through raw requests: Cognito-shaped 400s, never a crash, a hang or a stray 500.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, ok, raw, registeredUser, start, uniqueEmail, type LocalPool, type RawResponse } from './helpers.js';

function assertError(response: RawResponse, type: string, message?: string | RegExp) {
  assert.equal(response.status, 400, JSON.stringify(response.body));
  assert.equal(response.body.__type, type, JSON.stringify(response.body));
  assert.equal(response.headers.get('x-amzn-errortype'), type);
  assert.ok(response.headers.get('access-control-allow-origin'));
  if (typeof message === 'string') assert.equal(response.body.message, message);
  else if (message) assert.match(String(response.body.message), message);
}

describe('malformed and refused requests', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ maxBodyBytes: 64 * 1024 });
  });
  after(() => pool.close());

  it('answers a request for // (not a URL by itself) and keeps running', async () => {
    const { hostname, port } = new URL(pool.url);
    const status = await new Promise<number>((done, fail) => {
      const req = request({ host: hostname, port, path: '//', method: 'GET' }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      });
      req.on('error', fail);
      req.end();
    });
    assert.equal(status, 400);
    assertError(await raw(pool, 'SignUp', null, { rawBody: '{' }), 'SerializationException');
  });

  it('answers bad JSON with SerializationException', async () => {
    assertError(await raw(pool, 'SignUp', null, { rawBody: '{"ClientId": ' }), 'SerializationException');
    assertError(await raw(pool, 'SignUp', null, { rawBody: '[1,2,3]' }), 'SerializationException');
    assertError(await raw(pool, 'SignUp', null, { rawBody: '"text"' }), 'SerializationException');
  });

  it('answers missing fields with InvalidParameterException naming the field', async () => {
    assertError(
      await raw(pool, 'SignUp', { ClientId: pool.clientId, Password: PASSWORD }),
      'InvalidParameterException',
      /'username' failed to satisfy constraint: Member must not be null/,
    );
    assertError(
      await raw(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: {} }),
      'InvalidParameterException',
      'Missing required parameter USERNAME',
    );
    assertError(await raw(pool, 'ConfirmSignUp', {}), 'InvalidParameterException', /'clientId'/);
  });

  it('answers wrongly typed fields with a 400, not a crash', async () => {
    assertError(await raw(pool, 'SignUp', { ClientId: pool.clientId, Username: 42, Password: PASSWORD }), 'SerializationException');
    assertError(
      await raw(pool, 'SignUp', { ClientId: pool.clientId, Username: uniqueEmail(), Password: PASSWORD, UserAttributes: 'email' }),
      'SerializationException',
    );
    assertError(
      await raw(pool, 'SignUp', { ClientId: pool.clientId, Username: uniqueEmail(), Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 7 }] }),
      'SerializationException',
    );
    assertError(await raw(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: ['x'] }), 'SerializationException');
    assertError(
      await raw(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'a@b.co', SRP_A: 'not hex' } }),
      'InvalidParameterException',
    );
    assertError(
      await raw(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'a@b.co', SRP_A: '0' } }),
      'InvalidParameterException',
    );
    assertError(await raw(pool, 'GetUser', { AccessToken: 'garbage' }), 'NotAuthorizedException', 'Invalid Access Token');
  });

  it('accepts nulls and unknown fields as the SDKs send them', async () => {
    const email = uniqueEmail();
    const response = await raw(pool, 'SignUp', {
      ClientId: pool.clientId,
      Username: email,
      Password: PASSWORD,
      ValidationData: null,
      ClientMetadata: {},
      UserContextData: { EncodedData: 'x' },
      Extra: 1,
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  });

  it('answers a body over the limit with a 400 and stays up', async () => {
    const big = JSON.stringify({ ClientId: pool.clientId, Username: 'x'.repeat(200 * 1024) });
    assertError(await raw(pool, 'SignUp', null, { rawBody: big }), 'InvalidParameterException', /larger than/);
    const after = await raw(pool, 'SignUp', { ClientId: pool.clientId, Username: uniqueEmail(), Password: PASSWORD });
    assert.equal(after.status, 200);
  });

  it('answers an unknown or missing target, and operations it does not know, UnknownOperationException as AWS does', async () => {
    assertError(await raw(pool, 'NoSuchOperation', {}), 'UnknownOperationException', 'The local pool does not know the operation NoSuchOperation.');
    assertError(await raw(pool, 'SignUp', {}, { headers: { 'X-Amz-Target': 'SomethingElse.SignUp' } }), 'UnknownOperationException');
    const response = await fetch(pool.url, { method: 'POST', body: '{}' });
    assert.equal(response.status, 400);
    assert.equal((await response.json()).__type, 'UnknownOperationException');
  });

  it('refuses an unknown client id and an unknown pool id', async () => {
    assertError(
      await raw(pool, 'SignUp', { ClientId: 'nosuchclient', Username: uniqueEmail(), Password: PASSWORD }),
      'ResourceNotFoundException',
      'User pool client nosuchclient does not exist.',
    );
    assertError(
      await raw(pool, 'AdminGetUser', { UserPoolId: 'us-east-1_Other', Username: 'x' }),
      'ResourceNotFoundException',
      'User pool us-east-1_Other does not exist.',
    );
  });

  it('validates email, phone, unknown attributes and passwords with spaces at the ends', async () => {
    const base = { ClientId: pool.clientId, Password: PASSWORD };
    assertError(
      await raw(pool, 'SignUp', { ...base, Username: uniqueEmail(), UserAttributes: [{ Name: 'phone_number', Value: '555-1234' }] }),
      'InvalidParameterException',
      'Invalid phone number format.',
    );
    assertError(
      await raw(pool, 'SignUp', { ...base, Username: uniqueEmail(), UserAttributes: [{ Name: 'favourite_colour', Value: 'blue' }] }),
      'InvalidParameterException',
      'Attributes did not conform to the schema: favourite_colour: Attribute does not exist in the schema.',
    );
    assertError(
      await raw(pool, 'SignUp', { ...base, Username: uniqueEmail(), Password: ' Passw0rd!' }),
      'InvalidParameterException',
      /Value at 'password' failed to satisfy constraint/,
    );
    const plain = await start({ usernameAttributes: [] });
    try {
      assertError(
        await raw(plain, 'SignUp', {
          ClientId: plain.clientId,
          Password: PASSWORD,
          Username: 'ada',
          UserAttributes: [{ Name: 'email', Value: 'not-an-email' }],
        }),
        'InvalidParameterException',
        'Invalid email address format.',
      );
      assertError(
        await raw(plain, 'SignUp', {
          ClientId: plain.clientId,
          Password: PASSWORD,
          Username: 'has space',
          UserAttributes: [{ Name: 'email', Value: 'a@b.co' }],
        }),
        'InvalidParameterException',
        /regular expression pattern/,
      );
    } finally {
      await plain.close();
    }
  });

  it('SIGN_IN answers unknown users with UserNotFoundException outside sign-in (LEGACY wording)', async () => {
    const signInOnly = await start({ preventUserExistenceErrors: 'SIGN_IN' });
    try {
      const nobody = uniqueEmail('nobody');
      for (const operation of ['ConfirmSignUp', 'ResendConfirmationCode', 'ForgotPassword']) {
        const response = await raw(signInOnly, operation, { ClientId: signInOnly.clientId, Username: nobody, ConfirmationCode: '123456' });
        assertError(response, 'UserNotFoundException', 'Username/client id combination not found.');
      }
      assertError(
        await raw(signInOnly, 'InitiateAuth', {
          ClientId: signInOnly.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: nobody, PASSWORD },
        }),
        'NotAuthorizedException',
        'Incorrect username or password.',
      );
    } finally {
      await signInOnly.close();
    }
  });

  it('answers a wrong SRP proof, a bad TIMESTAMP and an unknown secret block', async () => {
    const { email } = await registeredUser(pool);
    const started = await ok(pool, 'InitiateAuth', {
      ClientId: pool.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: email, SRP_A: 'abcdef0123' },
    });
    const params = started.ChallengeParameters;
    assert.equal(started.Session, undefined);
    const respond = (responses: Record<string, string>) =>
      raw(pool, 'RespondToAuthChallenge', {
        ClientId: pool.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: {
          USERNAME: params.USER_ID_FOR_SRP,
          PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK,
          TIMESTAMP: 'Tue Sep 3 13:45:00 UTC 2024',
          PASSWORD_CLAIM_SIGNATURE: 'AAAA',
          ...responses,
        },
      });
    assertError(await respond({ TIMESTAMP: '2024-09-03' }), 'InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
    assertError(await respond({}), 'NotAuthorizedException', 'Incorrect username or password.');
    // The secret block is single use.
    assertError(await respond({}), 'NotAuthorizedException', 'Incorrect username or password.');
    assertError(
      await raw(pool, 'RespondToAuthChallenge', {
        ClientId: pool.clientId,
        ChallengeName: 'SMS_MFA',
        Session: 'nope',
        ChallengeResponses: { SMS_MFA_CODE: '123456' },
      }),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
  });

  it('refuses a JWT as RevokeToken input and ignores an unknown refresh token', async () => {
    assertError(await raw(pool, 'RevokeToken', { ClientId: pool.clientId, Token: 'a.b.c' }), 'UnsupportedTokenTypeException');
    assert.equal((await raw(pool, 'RevokeToken', { ClientId: pool.clientId, Token: 'unknown' })).status, 200);
  });

  it('survives a client that hangs up mid-body', async () => {
    await new Promise<void>((resolve) => {
      const req = request(pool.url, { method: 'POST', headers: { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.SignUp', 'Content-Length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"ClientId":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    assert.equal((await raw(pool, 'SignUp', { ClientId: pool.clientId, Username: uniqueEmail(), Password: PASSWORD })).status, 200);
  });
});

describe('attempt limits, lockout and code lifetimes', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({
      limits: { lockoutThreshold: 3, lockoutBaseMs: 300, lockoutMaxMs: 5_000, codeAttemptLimit: 3, codeLockoutMs: 60_000 },
    });
  });
  after(() => pool.close());

  const passwordAuth = (username: string, password: string) =>
    raw(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } });

  it('locks sign-in after repeated failures, even for the right password, then lets it through', async () => {
    const { email } = await registeredUser(pool);
    for (let i = 0; i < 3; i++) assertError(await passwordAuth(email, 'Wrong-passw0rd'), 'NotAuthorizedException', 'Incorrect username or password.');
    assertError(await passwordAuth(email, PASSWORD), 'NotAuthorizedException', 'Password attempts exceeded');
    const srp = await raw(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: email, SRP_A: 'abc' } });
    assertError(srp, 'NotAuthorizedException', 'Password attempts exceeded');
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal((await passwordAuth(email, PASSWORD)).status, 200);
  });

  it('answers LimitExceededException after too many wrong codes', async () => {
    const email = uniqueEmail();
    await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: email, Password: PASSWORD });
    const confirmWith = (code: string) => raw(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: email, ConfirmationCode: code });
    const messages = await (await fetch(`${pool.url}_local/messages?to=${encodeURIComponent(email)}`)).json();
    const right = messages[0].code as string;
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) assertError(await confirmWith(wrong), 'CodeMismatchException', 'Invalid verification code provided, please try again.');
    assertError(await confirmWith(right), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
  });

  it('expires codes after their lifetime', async () => {
    const short = await start({ limits: { signUpCodeTtlMs: 200 } });
    try {
      const email = uniqueEmail();
      await ok(short, 'SignUp', { ClientId: short.clientId, Username: email, Password: PASSWORD });
      const messages = await (await fetch(`${short.url}_local/messages?to=${encodeURIComponent(email)}`)).json();
      await new Promise((resolve) => setTimeout(resolve, 300));
      assertError(
        await raw(short, 'ConfirmSignUp', { ClientId: short.clientId, Username: email, ConfirmationCode: messages[0].code }),
        'ExpiredCodeException',
        'Invalid code provided, please request a code again.',
      );
      assertError(
        await raw(short, 'ConfirmForgotPassword', { ClientId: short.clientId, Username: email, ConfirmationCode: '123456', Password: PASSWORD }),
        'ExpiredCodeException',
      );
    } finally {
      await short.close();
    }
  });

  it('refuses ForgotPassword for a user without a verified email', async () => {
    const email = uniqueEmail();
    await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: email, Password: PASSWORD });
    assertError(
      await raw(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: email }),
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  });

  it('refuses an expired temporary password', async () => {
    const short = await start({ limits: { temporaryPasswordTtlMs: 1 } });
    try {
      const email = uniqueEmail();
      await ok(short, 'AdminCreateUser', { UserPoolId: short.poolId, Username: email, TemporaryPassword: 'Temp-passw0rd', MessageAction: 'SUPPRESS' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const response = await raw(short, 'InitiateAuth', {
        ClientId: short.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: 'Temp-passw0rd' },
      });
      assertError(response, 'NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.');
    } finally {
      await short.close();
    }
  });
});

describe('existence errors', () => {
  it('ENABLED (the default) hides unknown users everywhere', async () => {
    const pool = await start();
    try {
      const nobody = uniqueEmail('nobody');
      const forgot = await raw(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: nobody });
      assert.equal(forgot.status, 200);
      assert.equal((forgot.body.CodeDeliveryDetails as any).DeliveryMedium, 'EMAIL');
      assert.deepEqual(await (await fetch(`${pool.url}_local/messages`)).json(), []);
      assertError(
        await raw(pool, 'ConfirmForgotPassword', { ClientId: pool.clientId, Username: nobody, ConfirmationCode: '123456', Password: PASSWORD }),
        'CodeMismatchException',
      );
    } finally {
      await pool.close();
    }
  });

  it('LEGACY reveals unknown users at sign-in too', async () => {
    const pool = await start({ preventUserExistenceErrors: 'LEGACY' });
    try {
      const response = await raw(pool, 'InitiateAuth', {
        ClientId: pool.clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: uniqueEmail(), SRP_A: 'abc' },
      });
      assertError(response, 'UserNotFoundException', 'User does not exist.');
    } finally {
      await pool.close();
    }
  });
});
