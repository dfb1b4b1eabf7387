// The testing kit: the `users` option (seed file) and the helpers on the object startLocalPool()
// returns (latestCode, messages, createUser, signInTokens, reset, faults, requests).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { SignInError, startLocalPool, type LocalPool, type LocalPoolOptions, type SeedUser } from '../../../local-pool/index.js';
import { PASSWORD, confirm, ok, raw, sdkPool, sdkUser, signIn, signUp, uniqueEmail, type SdkError } from './helpers.js';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const totpNow = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate();
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

const start = (options: LocalPoolOptions = {}) => startLocalPool({ quiet: true, ...options });

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'testing-kit-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function usersFile(name: string, users: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof users === 'string' ? users : JSON.stringify(users));
  return file;
}

const seeded: SeedUser[] = [
  { email: 'admin@example.com', password: PASSWORD, attributes: { name: 'Ada Admin', 'custom:tier': 'gold' }, groups: ['admins', 'staff'] },
  { email: 'totp@example.com', password: PASSWORD, mfa: { totpSecret: TOTP_SECRET } },
  { email: 'sms@example.com', password: PASSWORD, attributes: { phone_number: '+15555550100' }, mfa: { sms: true } },
  { email: 'new@example.com', password: PASSWORD, confirmed: false },
];

describe('users option: a seed file', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ mfa: 'OPTIONAL', customAttributes: 'tier:string', users: await usersFile('users.json', seeded) });
  });
  after(() => pool.close());

  it('creates confirmed users with verified emails and their groups, in the tokens', async () => {
    const tokens = await pool.signInTokens('admin@example.com', PASSWORD);
    const id = claims(tokens.idToken);
    assert.equal(id.email, 'admin@example.com');
    assert.equal(id.email_verified, true);
    assert.equal(id.name, 'Ada Admin');
    assert.equal(id['custom:tier'], 'gold');
    assert.deepEqual(id['cognito:groups'], ['admins', 'staff']);
    assert.deepEqual(claims(tokens.accessToken)['cognito:groups'], ['admins', 'staff']);
    const user = await ok(pool, 'AdminGetUser', { UserPoolId: pool.poolId, Username: 'admin@example.com' });
    assert.equal(user.UserStatus, 'CONFIRMED');
  });

  it('gives a seeded TOTP secret to the user: the SDK is asked for a code computed from it', async () => {
    const user = sdkUser(sdkPool(pool), 'totp@example.com');
    const outcome = await signIn(user, 'totp@example.com');
    assert.equal(outcome.kind, 'totpRequired');
    const session = await new Promise<unknown>((resolve, reject) =>
      user.sendMFACode(totpNow(TOTP_SECRET), { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA'),
    );
    assert.ok(session);
  });

  it('gives seeded SMS MFA to the user: the code goes to the phone number in the mailbox', async () => {
    const outcome = await signIn(sdkUser(sdkPool(pool), 'sms@example.com'), 'sms@example.com');
    assert.equal(outcome.kind, 'mfaRequired');
    assert.match(await pool.latestCode('+15555550100', 'sms-mfa'), /^\d{6}$/);
  });

  it('leaves a user with confirmed: false unconfirmed, with no code sent', async () => {
    const error = await signIn(sdkUser(sdkPool(pool), 'new@example.com'), 'new@example.com').then(
      () => assert.fail('signed in'),
      (e: SdkError) => e,
    );
    assert.equal(error.code, 'UserNotConfirmedException');
    assert.deepEqual(pool.messages('new@example.com'), []);
  });

  it('signInTokens answers the MFA challenges: TOTP from the seeded secret (the next code: the SDK used this one), SMS from the mailbox', async () => {
    assert.equal(claims((await pool.signInTokens('totp@example.com', PASSWORD)).idToken).email, 'totp@example.com');
    assert.equal(claims((await pool.signInTokens('sms@example.com', PASSWORD)).idToken).email, 'sms@example.com');
  });
});

describe('email MFA for seeded users (mfa: { email: true })', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({
      mfa: 'OPTIONAL',
      mfaFactors: ['TOTP', 'SMS', 'EMAIL'],
      users: [
        { email: 'email-mfa@example.com', password: PASSWORD, mfa: { email: true } },
        // Two factors, none preferred: the pool asks which (SELECT_MFA_TYPE).
        {
          email: 'choose@example.com',
          password: PASSWORD,
          attributes: { phone_number: '+15555550101' },
          mfa: { sms: true, email: true, preferred: 'EMAIL_OTP' },
        },
      ],
    });
  });
  after(() => pool.close());

  it('a seeded email MFA user is asked for an emailed code (EMAIL_OTP) after the password', async () => {
    const started = await ok(pool, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: 'email-mfa@example.com', PASSWORD },
    });
    assert.equal(started.ChallengeName, 'EMAIL_OTP');
    const code = await pool.latestCode('email-mfa@example.com', 'email-mfa');
    const done = await ok(pool, 'RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'EMAIL_OTP',
      Session: started.Session,
      ChallengeResponses: { USERNAME: 'email-mfa@example.com', EMAIL_OTP_CODE: code },
    });
    assert.ok(done.AuthenticationResult.IdToken);
    const factors = await ok(pool, 'AdminGetUserAuthFactors', { UserPoolId: pool.poolId, Username: 'email-mfa@example.com' });
    assert.deepEqual(factors.UserMFASettingList, ['EMAIL_OTP']);
    assert.equal(factors.PreferredMfaSetting, 'EMAIL_OTP');
  });

  it('signInTokens answers EMAIL_OTP with the code from the mailbox, a new code each time', async () => {
    const before = pool.messages('email-mfa@example.com').length;
    assert.equal(claims((await pool.signInTokens('email-mfa@example.com', PASSWORD)).idToken).email, 'email-mfa@example.com');
    assert.equal(claims((await pool.signInTokens('email-mfa@example.com', PASSWORD)).idToken).email, 'email-mfa@example.com');
    assert.deepEqual(
      pool
        .messages('email-mfa@example.com')
        .slice(before)
        .map((m) => m.kind),
      ['email-mfa', 'email-mfa'],
    );
  });

  it('preferred EMAIL_OTP beside SMS: the email code is asked for, and signInTokens answers it', async () => {
    assert.equal(claims((await pool.signInTokens('choose@example.com', PASSWORD)).idToken).email, 'choose@example.com');
    assert.equal(pool.messages('choose@example.com').at(-1)?.kind, 'email-mfa');
    assert.deepEqual(pool.messages('+15555550101'), []);
  });

  it('signInTokens picks a factor at SELECT_MFA_TYPE (several factors, none preferred), then answers its code', async () => {
    const email = uniqueEmail('choice');
    await pool.createUser({ email, password: PASSWORD, mfa: { email: true, totpSecret: TOTP_SECRET } });
    // No preference: both factors on, the pool asks which.
    await ok(pool, 'AdminSetUserMFAPreference', {
      UserPoolId: pool.poolId,
      Username: email,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
      EmailMfaSettings: { Enabled: true, PreferredMfa: false },
    });
    const started = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email, PASSWORD } });
    assert.equal(started.ChallengeName, 'SELECT_MFA_TYPE');
    assert.equal(claims((await pool.signInTokens(email, PASSWORD)).idToken).email, email);
  });
});

describe('users option: errors name the entry and the field, and the pool does not start', () => {
  const refused = async (users: unknown, pattern: RegExp, options: LocalPoolOptions = {}) => {
    const file = await usersFile(`bad-${Math.random()}.json`, users);
    await assert.rejects(start({ ...options, users: file }), (error: Error) => {
      assert.match(error.message, pattern);
      assert.ok(error.message.includes(file), `${error.message} names the file`);
      return true;
    });
  };

  it('a password the policy refuses', () =>
    refused(
      [
        { email: 'a@example.com', password: PASSWORD },
        { email: 'b@example.com', password: 'short' },
      ],
      /entry \[1\] \(b@example\.com\): password: Password did not conform with policy: Password not long enough/,
    ));
  it('a missing email in an email-as-username pool', () => refused([{ password: PASSWORD }], /entry \[0\]: email: is required/));
  it('an unknown field (a typo)', () => refused([{ email: 'a@example.com', pasword: PASSWORD }], /entry \[0\] \(a@example\.com\): pasword: unknown field/));
  it('SMS MFA without a phone number', () =>
    refused([{ email: 'a@example.com', password: PASSWORD, mfa: { sms: true } }], /entry \[0\] .*: mfa\.sms: needs a phone_number/));
  it('email MFA without an email (a plain-username pool)', () =>
    refused([{ username: 'ada', password: PASSWORD, mfa: { email: true } }], /entry \[0\] .*: mfa\.email: needs an email/, {
      usernameAttributes: [],
      requiredAttributes: [],
    }));
  it('a preferred factor the user does not have', () =>
    refused([{ email: 'a@example.com', password: PASSWORD, mfa: { sms: false, preferred: 'EMAIL_OTP' } }], /mfa\.preferred: EMAIL_OTP needs mfa\.email/));
  it('a TOTP secret that is not base32', () =>
    refused([{ email: 'a@example.com', password: PASSWORD, mfa: { totpSecret: 'not-base32!' } }], /mfa\.totpSecret: must be a base32/));
  it('an attribute of the wrong type', () =>
    refused([{ email: 'a@example.com', password: PASSWORD, attributes: { name: ['x'] } }], /attributes\.name: must be a string/));
  it('a group name with a space', () =>
    refused([{ email: 'a@example.com', password: PASSWORD, groups: ['ok', 'not ok'] }], /groups\[1\]: must be a group name/));
  it('a missing required attribute', () =>
    refused([{ email: 'a@example.com', password: PASSWORD }], /entry \[0\] .*: attributes: .*name: The attribute is required/, {
      requiredAttributes: ['email', 'name'],
    }));
  it('the same user twice', () =>
    refused(
      [
        { email: 'a@example.com', password: PASSWORD },
        { email: 'A@example.com', password: PASSWORD },
      ],
      /entry \[1\]: email: A@example\.com is also entry \[0\]/,
    ));
  it('a file that is not JSON', () => refused('[{ "email": ', /is not valid JSON/));
  it('a file that is not an array', () => refused({ users: [] }, /must hold a JSON array/));
  it('a file that is not there', async () => {
    await assert.rejects(start({ users: join(dir, 'missing.json') }), /users file .*missing\.json cannot be read: ENOENT/);
  });
});

describe('users option with a data file: a restart seeds only users not there yet', () => {
  it('keeps a seeded user as tests left it and adds new entries', async () => {
    const dataFile = join(dir, 'pool.json');
    const file = await usersFile('restart.json', [{ email: 'kept@example.com', password: PASSWORD, groups: ['staff'] }]);
    const first = await start({ dataFile, users: file });
    await ok(first, 'AdminSetUserPassword', { UserPoolId: first.poolId, Username: 'kept@example.com', Password: 'Changed1!', Permanent: true });
    await first.close();

    await usersFile('restart.json', [
      { email: 'kept@example.com', password: PASSWORD, groups: ['staff'] },
      { email: 'added@example.com', password: PASSWORD },
    ]);
    const second = await start({ dataFile, users: file });
    try {
      const { Users } = await ok(second, 'ListUsers', { UserPoolId: second.poolId });
      assert.deepEqual(Users.map((u: { Attributes: { Name: string; Value: string }[] }) => u.Attributes.find((a) => a.Name === 'email')?.Value).sort(), [
        'added@example.com',
        'kept@example.com',
      ]);
      await assert.rejects(second.signInTokens('kept@example.com', PASSWORD), { type: 'NotAuthorizedException' });
      assert.deepEqual(claims((await second.signInTokens('kept@example.com', 'Changed1!')).idToken)['cognito:groups'], ['staff']);
      await second.signInTokens('added@example.com', PASSWORD);
    } finally {
      await second.close();
    }
  });
});

describe('helpers', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ users: [{ email: 'seeded@example.com', password: PASSWORD }] });
  });
  after(() => pool.close());

  it('latestCode reads the code a SignUp sent, and it confirms the user', async () => {
    const email = uniqueEmail('kit');
    const userPool = sdkPool(pool);
    await signUp(userPool, email);
    const code = await pool.latestCode(email, 'sign-up');
    assert.match(code, /^\d{6}$/);
    await confirm(sdkUser(userPool, email), code);
    assert.deepEqual(
      pool.messages(email).map((m) => m.kind),
      ['sign-up'],
    );
  });

  it('latestCode waits for a code that is still on its way, and since skips older ones', async () => {
    const email = uniqueEmail('kit');
    const userPool = sdkPool(pool);
    await signUp(userPool, email);
    const first = await pool.latestCode(email);
    const since = Date.now();
    const waiting = pool.latestCode(email, { kind: 'sign-up', since });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await ok(pool, 'ResendConfirmationCode', { ClientId: pool.clientId, Username: email });
    const second = await waiting;
    assert.equal(pool.messages(email).at(-1)?.code, second);
    assert.equal(pool.messages(email).length, 2);
    assert.equal(await pool.latestCode(email), second);
    assert.equal(pool.messages(email)[0].code, first);
  });

  it('latestCode gives up after its timeout, saying what was sent', async () => {
    await assert.rejects(pool.latestCode('nobody@example.com', { kind: 'forgot-password', timeoutMs: 50 }), {
      message: /no forgot-password message to nobody@example\.com within 50 ms \(sent to nobody@example\.com: nothing\)/,
    });
  });

  it('createUser then signInTokens: real tokens the pool’s JWKS verifies, and a working refresh token', async () => {
    const email = uniqueEmail('kit');
    const created = await pool.createUser({ email, password: PASSWORD, attributes: { name: 'Grace' }, groups: ['readers'] });
    assert.equal(created.attributes.email_verified, 'true');
    const tokens = await pool.signInTokens(email, PASSWORD);
    const jwks = createRemoteJWKSet(new URL(pool.jwksUrl));
    const id = await jwtVerify(tokens.idToken, jwks, { issuer: pool.issuer, audience: pool.clientId });
    assert.equal(id.payload.sub, created.sub);
    assert.equal(id.payload.token_use, 'id');
    assert.equal(id.payload.name, 'Grace');
    assert.deepEqual(id.payload['cognito:groups'], ['readers']);
    const access = await jwtVerify(tokens.accessToken, jwks, { issuer: pool.issuer });
    assert.equal(access.payload.token_use, 'access');
    assert.equal(access.payload.username, created.username);
    // The access token works against the pool itself, and so does the refresh token.
    const user = await ok(pool, 'GetUser', { AccessToken: tokens.accessToken });
    assert.equal(user.Username, created.username);
    const refreshed = await ok(pool, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { REFRESH_TOKEN: tokens.refreshToken },
    });
    assert.ok(refreshed.AuthenticationResult.IdToken);
  });

  it('signInTokens refuses a wrong password with Cognito’s error', async () => {
    await assert.rejects(pool.signInTokens('seeded@example.com', 'Wrong-passw0rd'), (error: unknown) => {
      assert.ok(error instanceof SignInError);
      assert.equal(error.type, 'NotAuthorizedException');
      assert.match(error.message, /Incorrect username or password/);
      return true;
    });
  });

  it('createUser refuses a user that exists and an entry the pool would refuse', async () => {
    await assert.rejects(pool.createUser({ email: 'seeded@example.com', password: PASSWORD }), /createUser: seeded@example\.com already exists/);
    await assert.rejects(pool.createUser({ email: uniqueEmail(), password: 'password' }), /createUser: password: Password did not conform with policy/);
  });

  it('faults.add reaches HTTP clients, requests() lists what they sent, and the in-process helpers stay out of both', async () => {
    pool.faults.add({ operation: 'SignUp', kind: 'http-500', times: 1 });
    const failed = await raw(pool, 'SignUp', { ClientId: pool.clientId, Username: uniqueEmail(), Password: PASSWORD });
    assert.equal(failed.status, 500);
    assert.equal(pool.requests('SignUp').at(-1)?.status, 500);
    const logged = pool.requests().length;
    await pool.signInTokens('seeded@example.com', PASSWORD);
    await pool.createUser({ email: uniqueEmail(), password: PASSWORD });
    assert.equal(pool.requests().length, logged);
    assert.throws(() => pool.faults.add({ kind: 'nonsense' as 'drop' }), /faults\.add: kind must be one of/);
    pool.faults.clear();
    assert.deepEqual(pool.faults.list(), []);
  });

  it('reset empties the pool, then seeds the users option again', async () => {
    const email = uniqueEmail('kit');
    await pool.createUser({ email, password: PASSWORD, groups: ['temporary'] });
    await signUp(sdkPool(pool), uniqueEmail('kit'));
    assert.ok(pool.messages().length > 0);
    await pool.reset();
    assert.deepEqual(pool.messages(), []);
    assert.deepEqual(pool.requests(), []);
    await assert.rejects(pool.signInTokens(email, PASSWORD), { type: 'NotAuthorizedException' });
    const { Users } = await ok(pool, 'ListUsers', { UserPoolId: pool.poolId });
    assert.equal(Users.length, 1);
    await pool.signInTokens('seeded@example.com', PASSWORD);
  });
});

describe('helpers in a plain-username pool', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ usernameAttributes: [] });
  });
  after(() => pool.close());

  it('createUser takes a username, with the email as an attribute, and signInTokens signs in with it', async () => {
    const created = await pool.createUser({ username: 'ada-at-example.com', email: 'ada@example.com', password: PASSWORD });
    assert.equal(created.username, 'ada-at-example.com');
    const id = claims((await pool.signInTokens('ada-at-example.com', PASSWORD)).idToken);
    assert.equal(id['cognito:username'], 'ada-at-example.com');
    assert.equal(id.email, 'ada@example.com');
  });
});
