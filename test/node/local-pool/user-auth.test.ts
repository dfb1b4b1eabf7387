// Choice-based sign-in through the AWS SDK v3: InitiateAuth USER_AUTH with and without
// PREFERRED_CHALLENGE, SELECT_CHALLENGE, PASSWORD, PASSWORD_SRP, EMAIL_OTP and SMS_OTP with codes
// from the mailbox, wrong and expired codes, factors and flows the pool or client does not allow,
// and unknown users.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AssociateSoftwareTokenCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import { awsClient, claims, confirmedUser, refusal } from './aws-sdk.js';
import { PASSWORD, killed, latestCode, messages, start, startCli, uniqueEmail, type LocalPool } from './helpers.js';
import { answerVerifier, initiate, respond, srpStart, userAuth } from './user-auth-sdk.js';

const PHONE = '+15555550123';

describe('USER_AUTH (AWS SDK v3)', () => {
  // Default pool: first factor PASSWORD only, every flow but custom.
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  // Passwords, email and text codes; short-lived codes in a pool of their own.
  let otpPool: LocalPool;
  let otpClient: CognitoIdentityProviderClient;
  before(async () => {
    pool = await start();
    client = awsClient(pool);
    otpPool = await start({ firstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] });
    otpClient = awsClient(otpPool);
  });
  after(async () => {
    client.destroy();
    otpClient.destroy();
    await Promise.all([pool.close(), otpPool.close()]);
  });

  it('without PREFERRED_CHALLENGE answers SELECT_CHALLENGE with the password factors of the default pool', async () => {
    const email = await confirmedUser(client, pool);
    const answer = await userAuth(client, pool, { USERNAME: email });
    assert.equal(answer.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(answer.AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD']);
    assert.ok(answer.Session && answer.Session.length > 20);
    assert.equal(answer.AuthenticationResult, undefined);
  });

  it('PREFERRED_CHALLENGE PASSWORD with the password signs in at once; a wrong one is refused', async () => {
    const email = await confirmedUser(client, pool);
    const answer = await userAuth(client, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    assert.equal(claims(answer.AuthenticationResult?.IdToken).email, email);
    assert.ok(answer.AuthenticationResult?.RefreshToken);
    assert.deepEqual(await refusal(userAuth(client, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Wrong-passw0rd' })), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('PREFERRED_CHALLENGE PASSWORD_SRP with SRP_A answers PASSWORD_VERIFIER with a Session; the SRP proof signs in', async () => {
    const email = await confirmedUser(client, pool);
    const { a, SRP_A } = srpStart();
    const started = await userAuth(client, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A });
    assert.equal(started.ChallengeName, 'PASSWORD_VERIFIER');
    assert.ok(started.Session);
    for (const key of ['SALT', 'SRP_B', 'SECRET_BLOCK', 'USERNAME', 'USER_ID_FOR_SRP']) assert.ok(started.ChallengeParameters?.[key], key);
    const done = await answerVerifier(client, pool, started, PASSWORD, a);
    assert.equal(claims(done.AuthenticationResult?.AccessToken).token_use, 'access');
    // The wrong password's proof fails.
    const again = srpStart();
    const second = await userAuth(client, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: again.SRP_A });
    assert.equal((await refusal(answerVerifier(client, pool, second, 'Wrong-passw0rd', again.a))).message, 'Incorrect username or password.');
  });

  it('SELECT_CHALLENGE takes ANSWER with the factor (PASSWORD + PASSWORD, PASSWORD_SRP + SRP_A) or alone (then that challenge)', async () => {
    const email = await confirmedUser(client, pool);
    const select = () => userAuth(client, pool, { USERNAME: email });

    const withPassword = await respond(client, pool, 'SELECT_CHALLENGE', (await select()).Session, { USERNAME: email, ANSWER: 'PASSWORD', PASSWORD });
    assert.ok(withPassword.AuthenticationResult?.IdToken);

    const { a, SRP_A } = srpStart();
    const verifier = await respond(client, pool, 'SELECT_CHALLENGE', (await select()).Session, { USERNAME: email, ANSWER: 'PASSWORD_SRP', SRP_A });
    assert.equal(verifier.ChallengeName, 'PASSWORD_VERIFIER');
    assert.ok((await answerVerifier(client, pool, verifier, PASSWORD, a)).AuthenticationResult?.IdToken);

    const asked = await respond(client, pool, 'SELECT_CHALLENGE', (await select()).Session, { USERNAME: email, ANSWER: 'PASSWORD' });
    assert.equal(asked.ChallengeName, 'PASSWORD');
    assert.ok((await respond(client, pool, 'PASSWORD', asked.Session, { USERNAME: email, PASSWORD })).AuthenticationResult?.IdToken);

    const srpAsked = await respond(client, pool, 'SELECT_CHALLENGE', (await select()).Session, { USERNAME: email, ANSWER: 'PASSWORD_SRP' });
    assert.equal(srpAsked.ChallengeName, 'PASSWORD_SRP');
    const next = srpStart();
    const srpVerifier = await respond(client, pool, 'PASSWORD_SRP', srpAsked.Session, { USERNAME: email, SRP_A: next.SRP_A });
    assert.ok((await answerVerifier(client, pool, srpVerifier, PASSWORD, next.a)).AuthenticationResult?.IdToken);
  });

  it('a SELECT_CHALLENGE session is single-use, and its ANSWER must be one it offered', async () => {
    const email = await confirmedUser(client, pool);
    const { Session } = await userAuth(client, pool, { USERNAME: email });
    assert.deepEqual(await refusal(respond(client, pool, 'SELECT_CHALLENGE', Session, { USERNAME: email, ANSWER: 'EMAIL_OTP' })), {
      name: 'InvalidParameterException',
      message: 'Invalid ANSWER EMAIL_OTP: the available challenges are PASSWORD_SRP, PASSWORD.',
    });
    await respond(client, pool, 'SELECT_CHALLENGE', Session, { USERNAME: email, ANSWER: 'PASSWORD', PASSWORD });
    assert.deepEqual(await refusal(respond(client, pool, 'SELECT_CHALLENGE', Session, { USERNAME: email, ANSWER: 'PASSWORD', PASSWORD })), {
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
    // Nor does a session answer another challenge than its own.
    const other = await userAuth(client, pool, { USERNAME: email });
    assert.equal((await refusal(respond(client, pool, 'PASSWORD', other.Session, { USERNAME: email, PASSWORD }))).name, 'InvalidParameterException');
  });

  it('a factor the pool does not allow is not offered: PREFERRED_CHALLENGE EMAIL_OTP in a password pool gets the choice instead', async () => {
    const email = await confirmedUser(client, pool);
    const answer = await userAuth(client, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    assert.equal(answer.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(answer.AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD']);
    assert.equal((await messages(pool, email)).length, 0, 'no code sent');
    assert.equal((await refusal(userAuth(client, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'SOFTWARE_TOKEN_MFA' }))).name, 'InvalidParameterException');
  });

  it('offers EMAIL_OTP for a verified email and SMS_OTP for a verified phone only', async () => {
    const both = await confirmedUser(otpClient, otpPool, { phone_number: PHONE, phone_number_verified: 'true' });
    assert.deepEqual((await userAuth(otpClient, otpPool, { USERNAME: both })).AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP', 'SMS_OTP']);
    const unverified = await confirmedUser(otpClient, otpPool, { email_verified: 'false', phone_number: '+15555550124' });
    assert.deepEqual((await userAuth(otpClient, otpPool, { USERNAME: unverified })).AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD']);
  });

  it('EMAIL_OTP: a code to the mailbox (kind sign-in-code), the masked address in the challenge, tokens for the code', async () => {
    const email = await confirmedUser(otpClient, otpPool);
    const challenge = await userAuth(otpClient, otpPool, { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION, 'a***@e***.com');
    const code = await latestCode(otpPool, email, 'sign-in-code');
    assert.match(code, /^\d{6}$/);
    const done = await respond(otpClient, otpPool, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code });
    assert.equal(claims(done.AuthenticationResult?.IdToken).email, email);
    // The session and its code were used up.
    assert.equal(
      (await refusal(respond(otpClient, otpPool, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code }))).name,
      'NotAuthorizedException',
    );
  });

  it('EMAIL_OTP chosen from SELECT_CHALLENGE (ANSWER alone) sends the code then', async () => {
    const email = await confirmedUser(otpClient, otpPool);
    const select = await userAuth(otpClient, otpPool, { USERNAME: email });
    assert.equal((await messages(otpPool, email)).length, 0);
    const challenge = await respond(otpClient, otpPool, 'SELECT_CHALLENGE', select.Session, { USERNAME: email, ANSWER: 'EMAIL_OTP' });
    assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
    const code = await latestCode(otpPool, email, 'sign-in-code');
    assert.ok((await respond(otpClient, otpPool, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code })).AuthenticationResult?.AccessToken);
  });

  it('SMS_OTP: a text to the verified phone number, SMS_OTP_CODE signs in', async () => {
    const phone = '+15555550125';
    const email = await confirmedUser(otpClient, otpPool, { phone_number: phone, phone_number_verified: 'true' });
    const challenge = await userAuth(otpClient, otpPool, { USERNAME: email, PREFERRED_CHALLENGE: 'SMS_OTP' });
    assert.equal(challenge.ChallengeName, 'SMS_OTP');
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION, '+*******0125');
    const [text] = (await messages(otpPool, phone)).filter((m) => m.kind === 'sign-in-code');
    assert.equal(text.channel, 'sms');
    const done = await respond(otpClient, otpPool, 'SMS_OTP', challenge.Session, { USERNAME: email, SMS_OTP_CODE: text.code });
    assert.ok(done.AuthenticationResult?.IdToken);
  });

  it('a wrong code is refused and the right one still works; five wrong ones lock the sign-in', async () => {
    const email = await confirmedUser(otpClient, otpPool);
    const challenge = await userAuth(otpClient, otpPool, { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const code = await latestCode(otpPool, email, 'sign-in-code');
    const wrong = code === '000000' ? '111111' : '000000';
    assert.deepEqual(await refusal(respond(otpClient, otpPool, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: wrong })), {
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    assert.ok((await respond(otpClient, otpPool, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code })).AuthenticationResult);

    const locked = await userAuth(otpClient, otpPool, { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const lockedCode = await latestCode(otpPool, email, 'sign-in-code');
    const bad = lockedCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) {
      assert.equal(
        (await refusal(respond(otpClient, otpPool, 'EMAIL_OTP', locked.Session, { USERNAME: email, EMAIL_OTP_CODE: bad }))).name,
        'CodeMismatchException',
      );
    }
    assert.deepEqual(await refusal(respond(otpClient, otpPool, 'EMAIL_OTP', locked.Session, { USERNAME: email, EMAIL_OTP_CODE: bad })), {
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    // Even the right code no longer helps, and a new sign-in waits for the lockout.
    assert.equal(
      (await refusal(respond(otpClient, otpPool, 'EMAIL_OTP', locked.Session, { USERNAME: email, EMAIL_OTP_CODE: lockedCode }))).name,
      'NotAuthorizedException',
    );
    assert.deepEqual(await refusal(userAuth(otpClient, otpPool, { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' })), {
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
  });

  it('an expired code is ExpiredCodeException and ends the session', async () => {
    const short = await start({ firstAuthFactors: ['EMAIL_OTP'], limits: { signInCodeTtlMs: 60 } });
    const shortClient = awsClient(short);
    try {
      const email = await confirmedUser(shortClient, short);
      const challenge = await userAuth(shortClient, short, { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
      const code = await latestCode(short, email, 'sign-in-code');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(await refusal(respond(shortClient, short, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code })), {
        name: 'ExpiredCodeException',
        message: 'Invalid code provided, please request a code again.',
      });
      assert.equal(
        (await refusal(respond(shortClient, short, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code }))).name,
        'NotAuthorizedException',
      );
    } finally {
      shortClient.destroy();
      await short.close();
    }
  });

  it('MFA follows a password, not a one-time code', async () => {
    const mfaPool = await start({ mfa: 'OPTIONAL', firstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] });
    const mfaClient = awsClient(mfaPool);
    try {
      const email = await confirmedUser(mfaClient, mfaPool);
      const signedIn = await userAuth(mfaClient, mfaPool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
      const AccessToken = signedIn.AuthenticationResult?.AccessToken as string;
      const { SecretCode } = await mfaClient.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      const totp = new TOTP({ secret: Secret.fromBase32(SecretCode as string) });
      await mfaClient.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp.generate() }));
      await mfaClient.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

      const withPassword = await userAuth(mfaClient, mfaPool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
      assert.equal(withPassword.ChallengeName, 'SOFTWARE_TOKEN_MFA');
      const next = totp.generate({ timestamp: Date.now() + 30_000 });
      assert.ok(
        (await respond(mfaClient, mfaPool, 'SOFTWARE_TOKEN_MFA', withPassword.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: next }))
          .AuthenticationResult,
      );

      const withCode = await userAuth(mfaClient, mfaPool, { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
      const code = await latestCode(mfaPool, email, 'sign-in-code');
      assert.ok((await respond(mfaClient, mfaPool, 'EMAIL_OTP', withCode.Session, { USERNAME: email, EMAIL_OTP_CODE: code })).AuthenticationResult?.IdToken);
    } finally {
      mfaClient.destroy();
      await mfaPool.close();
    }
  });

  it('WEB_AUTHN is offered only to users with a passkey: without one, PREFERRED_CHALLENGE WEB_AUTHN gets the choice', async () => {
    const keys = await start({ firstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] });
    const keysClient = awsClient(keys);
    try {
      const email = await confirmedUser(keysClient, keys);
      const answer = await userAuth(keysClient, keys, { USERNAME: email, PREFERRED_CHALLENGE: 'WEB_AUTHN' });
      assert.equal(answer.ChallengeName, 'SELECT_CHALLENGE');
      assert.deepEqual(answer.AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD']);
    } finally {
      keysClient.destroy();
      await keys.close();
    }
  });

  describe('unknown users', () => {
    it('are not revealed by default: the same choice, a simulated code delivery, and the refusals a wrong answer gets', async () => {
      const nobody = uniqueEmail('nobody');
      const select = await userAuth(otpClient, otpPool, { USERNAME: nobody });
      assert.equal(select.ChallengeName, 'SELECT_CHALLENGE');
      assert.deepEqual(select.AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP']);
      const challenge = await respond(otpClient, otpPool, 'SELECT_CHALLENGE', select.Session, { USERNAME: nobody, ANSWER: 'EMAIL_OTP' });
      assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
      assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
      assert.match(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION ?? '', /^n\*\*\*@e\*\*\*\.com$/);
      assert.equal((await messages(otpPool, nobody)).length, 0, 'nothing is sent');
      assert.deepEqual(await refusal(respond(otpClient, otpPool, 'EMAIL_OTP', challenge.Session, { USERNAME: nobody, EMAIL_OTP_CODE: '123456' })), {
        name: 'CodeMismatchException',
        message: 'Invalid code or auth state for the user.',
      });
      assert.deepEqual(await refusal(userAuth(otpClient, otpPool, { USERNAME: nobody, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD })), {
        name: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      });
      const { a, SRP_A } = srpStart();
      const verifier = await userAuth(otpClient, otpPool, { USERNAME: nobody, PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A });
      assert.equal(verifier.ChallengeName, 'PASSWORD_VERIFIER');
      assert.equal((await refusal(answerVerifier(otpClient, otpPool, verifier, PASSWORD, a))).message, 'Incorrect username or password.');
    });

    it('are UserNotFoundException with LEGACY existence errors', async () => {
      const legacy = await start({ preventUserExistenceErrors: 'LEGACY' });
      const legacyClient = awsClient(legacy);
      try {
        assert.deepEqual(await refusal(userAuth(legacyClient, legacy, { USERNAME: uniqueEmail('nobody') })), {
          name: 'UserNotFoundException',
          message: 'User does not exist.',
        });
      } finally {
        legacyClient.destroy();
        await legacy.close();
      }
    });
  });

  describe('the client flows (explicitAuthFlows)', () => {
    it('a client without ALLOW_USER_AUTH refuses USER_AUTH, and one without the classic flows refuses those', async () => {
      const classic = await start({ explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      const only = await start({ explicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      const classicClient = awsClient(classic);
      const onlyClient = awsClient(only);
      try {
        const email = await confirmedUser(classicClient, classic);
        assert.deepEqual(await refusal(userAuth(classicClient, classic, { USERNAME: email })), {
          name: 'InvalidParameterException',
          message: 'USER_AUTH flow not enabled for this client',
        });
        assert.deepEqual(await refusal(initiate(classicClient, classic, 'USER_PASSWORD_AUTH', { USERNAME: email, PASSWORD })), {
          name: 'InvalidParameterException',
          message: 'USER_PASSWORD_AUTH flow not enabled for this client',
        });
        // USER_SRP_AUTH still works there.
        const { a, SRP_A } = srpStart();
        const started = await initiate(classicClient, classic, 'USER_SRP_AUTH', { USERNAME: email, SRP_A });
        assert.ok((await answerVerifier(classicClient, classic, started, PASSWORD, a)).AuthenticationResult?.IdToken);

        // ALLOW_USER_AUTH alone covers password and SRP sign-in through USER_AUTH, not through the classic flows.
        const other = await confirmedUser(onlyClient, only);
        assert.deepEqual(await refusal(initiate(onlyClient, only, 'USER_SRP_AUTH', { USERNAME: other, SRP_A })), {
          name: 'InvalidParameterException',
          message: 'USER_SRP_AUTH is not enabled for the client.',
        });
        const viaUserAuth = srpStart();
        const verifier = await userAuth(onlyClient, only, { USERNAME: other, PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: viaUserAuth.SRP_A });
        assert.ok((await answerVerifier(onlyClient, only, verifier, PASSWORD, viaUserAuth.a)).AuthenticationResult?.IdToken);
      } finally {
        classicClient.destroy();
        onlyClient.destroy();
        await Promise.all([classic.close(), only.close()]);
      }
    });

    it('CUSTOM_AUTH is refused as not enabled by default, and as having no trigger when allowed', async () => {
      const email = await confirmedUser(client, pool);
      assert.deepEqual(await refusal(initiate(client, pool, 'CUSTOM_AUTH', { USERNAME: email })), {
        name: 'InvalidParameterException',
        message: 'CUSTOM_AUTH flow not enabled for this client',
      });
      const custom = await start({ explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH'] });
      const customClient = awsClient(custom);
      try {
        assert.deepEqual(await refusal(initiate(customClient, custom, 'CUSTOM_AUTH', { USERNAME: email })), {
          name: 'InvalidParameterException',
          message: 'Custom auth lambda trigger is not configured for the user pool.',
        });
      } finally {
        customClient.destroy();
        await custom.close();
      }
    });

    it('the CLI takes --explicit-auth-flows, --first-auth-factors and --mfa-factors, and names them in its banner', async () => {
      const {
        child,
        pool: cliPool,
        output,
      } = await startCli([
        '--explicit-auth-flows',
        'ALLOW_USER_AUTH,ALLOW_REFRESH_TOKEN_AUTH',
        '--first-auth-factors',
        'password,email_otp',
        '--mfa-factors',
        'TOTP,EMAIL',
      ]);
      const cliClient = awsClient(cliPool);
      try {
        assert.match(output(), /sign-in: USER_AUTH, REFRESH_TOKEN_AUTH; first factors PASSWORD, EMAIL_OTP/);
        assert.match(output(), /MFA OFF \(TOTP, EMAIL\)/);
        const email = await confirmedUser(cliClient, cliPool);
        assert.deepEqual((await userAuth(cliClient, cliPool, { USERNAME: email })).AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP']);
        assert.equal((await refusal(initiate(cliClient, cliPool, 'USER_PASSWORD_AUTH', { USERNAME: email, PASSWORD }))).name, 'InvalidParameterException');
      } finally {
        cliClient.destroy();
        await killed(child);
      }
    });

    it('unknown names in the options are refused when the pool starts', async () => {
      await assert.rejects(start({ explicitAuthFlows: ['ALLOW_MAGIC' as 'ALLOW_USER_AUTH'] }), /explicitAuthFlows: unknown "ALLOW_MAGIC"/);
      await assert.rejects(start({ firstAuthFactors: ['SOFTWARE_TOKEN' as 'PASSWORD'] }), /firstAuthFactors: unknown "SOFTWARE_TOKEN"/);
      await assert.rejects(start({ firstAuthFactors: [] }), /firstAuthFactors: name at least one/);
      await assert.rejects(start({ mfaFactors: ['VOICE' as 'SMS'] }), /mfaFactors: unknown "VOICE"/);
    });
  });
});
