// Server-side sign-in through the AWS SDK v3: AdminInitiateAuth (ADMIN_USER_PASSWORD_AUTH,
// USER_SRP_AUTH, REFRESH_TOKEN_AUTH) and AdminRespondToAuthChallenge for every challenge the pool
// issues, with Cognito's errors, lockout and disabled users.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminUpdateUserAttributesCommand,
  AssociateSoftwareTokenCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  GetUserCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
  type AdminInitiateAuthCommandInput,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { N, computeK, computeSignature, computeU, computeX, formatTimestamp, g, hexToBigInt, k, modPow } from '../../../local-pool/srp.js';
import { adminSignIn, awsClient, claims, confirmedUser, refusal } from './aws-sdk.js';
import { PASSWORD, latestCode, start, uniqueEmail, type LocalPool } from './helpers.js';

/** A TOTP code one step ahead: accepted (one step of tolerance) and never the one just used to verify. */
const nextTotp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + 30_000 });

function initiate(client: CognitoIdentityProviderClient, pool: LocalPool, input: Omit<AdminInitiateAuthCommandInput, 'UserPoolId' | 'ClientId'>) {
  return client.send(new AdminInitiateAuthCommand({ UserPoolId: pool.poolId, ClientId: pool.clientId, ...input }));
}

function respond(
  client: CognitoIdentityProviderClient,
  pool: LocalPool,
  ChallengeName: string,
  Session: string | undefined,
  ChallengeResponses: Record<string, string>,
) {
  return client.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      ChallengeName: ChallengeName as 'SMS_MFA',
      Session,
      ChallengeResponses,
    }),
  );
}

describe('AdminInitiateAuth and AdminRespondToAuthChallenge (AWS SDK v3)', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  // MFA is off unless the pool says OPTIONAL (or ON); the MFA challenges need a pool that has it.
  let mfaPool: LocalPool;
  let mfaClient: CognitoIdentityProviderClient;
  before(async () => {
    pool = await start();
    client = awsClient(pool);
    mfaPool = await start({ mfa: 'OPTIONAL' });
    mfaClient = awsClient(mfaPool);
  });
  after(async () => {
    client.destroy();
    mfaClient.destroy();
    await pool.close();
    await mfaPool.close();
  });

  it('signs in with ADMIN_USER_PASSWORD_AUTH: tokens signed by the pool, for the client', async () => {
    const email = await confirmedUser(client, pool);
    const { AuthenticationResult, ChallengeName } = await adminSignIn(client, pool, email);
    assert.equal(ChallengeName, undefined);
    assert.equal(AuthenticationResult?.TokenType, 'Bearer');
    assert.equal(AuthenticationResult?.ExpiresIn, 3600);
    assert.equal(typeof AuthenticationResult?.RefreshToken, 'string');
    const jwks = createRemoteJWKSet(new URL(`${pool.poolId}/.well-known/jwks.json`, pool.url));
    const id = await jwtVerify(AuthenticationResult?.IdToken ?? '', jwks, { issuer: pool.issuer, audience: pool.clientId });
    assert.equal(id.payload.email, email);
    assert.equal(id.payload.token_use, 'id');
    const access = await jwtVerify(AuthenticationResult?.AccessToken ?? '', jwks, { issuer: pool.issuer });
    assert.equal(access.payload.client_id, pool.clientId);
    assert.equal(access.payload.origin_jti, id.payload.origin_jti);
    // The access token works for the self-service operations.
    const user = await client.send(new GetUserCommand({ AccessToken: AuthenticationResult?.AccessToken }));
    assert.equal(user.UserAttributes?.find((a) => a.Name === 'email')?.Value, email);
  });

  it('takes ADMIN_NO_SRP_AUTH, the older name of the flow', async () => {
    const email = await confirmedUser(client, pool);
    const { AuthenticationResult } = await initiate(client, pool, { AuthFlow: 'ADMIN_NO_SRP_AUTH', AuthParameters: { USERNAME: email, PASSWORD } });
    assert.equal(claims(AuthenticationResult?.IdToken).email, email);
  });

  it("answers Cognito's errors for the pool, the client, the flow and the password", async () => {
    const email = await confirmedUser(client, pool);
    const body = { ClientId: pool.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' as const, AuthParameters: { USERNAME: email, PASSWORD } };
    assert.deepEqual(await refusal(client.send(new AdminInitiateAuthCommand({ ...body, UserPoolId: 'us-east-1_Unknown' }))), {
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Unknown does not exist.',
    });
    assert.equal((await refusal(client.send(new AdminInitiateAuthCommand({ ...body, UserPoolId: 'not a pool id' })))).name, 'InvalidParameterException');
    assert.equal(
      (await refusal(client.send(new AdminInitiateAuthCommand({ ...body, UserPoolId: pool.poolId, ClientId: 'unknownclient' })))).name,
      'ResourceNotFoundException',
    );
    assert.deepEqual(await refusal(initiate(client, pool, { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } })), {
      name: 'InvalidParameterException',
      message: 'Initiate Auth method not supported.',
    });
    assert.equal((await refusal(initiate(client, pool, { AuthFlow: 'NOT_A_FLOW' as 'USER_AUTH', AuthParameters: {} }))).name, 'InvalidParameterException');
    assert.deepEqual(await refusal(initiate(client, pool, { AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email } })), {
      name: 'InvalidParameterException',
      message: 'Missing required parameter PASSWORD',
    });
    assert.deepEqual(await refusal(adminSignIn(client, pool, email, 'Wrong-passw0rd')), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    // An unknown user looks the same as a wrong password.
    assert.deepEqual(await refusal(adminSignIn(client, pool, uniqueEmail('nobody'))), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('needs credentials: unsigned, AdminInitiateAuth is refused; with a SigV4-shaped Authorization header it answers', async () => {
    const email = await confirmedUser(client, pool);
    const call = (headers: Record<string, string>) =>
      fetch(pool.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.AdminInitiateAuth', ...headers },
        body: JSON.stringify({
          UserPoolId: pool.poolId,
          ClientId: pool.clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD },
        }),
      });
    const unsigned = await call({});
    assert.equal(unsigned.status, 400);
    assert.equal(((await unsigned.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
    const signed = await call({
      Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0',
    });
    assert.equal(signed.status, 200);
    assert.ok(((await signed.json()) as { AuthenticationResult?: { IdToken?: string } }).AuthenticationResult?.IdToken);
  });

  it('locks the account after repeated wrong passwords, as InitiateAuth does', async () => {
    const email = await confirmedUser(client, pool);
    for (let i = 0; i < 5; i++) assert.equal((await refusal(adminSignIn(client, pool, email, 'Wrong-passw0rd'))).message, 'Incorrect username or password.');
    assert.deepEqual(await refusal(adminSignIn(client, pool, email)), { name: 'NotAuthorizedException', message: 'Password attempts exceeded' });
  });

  it('refreshes with REFRESH_TOKEN_AUTH and REFRESH_TOKEN; a disabled user can neither sign in nor refresh', async () => {
    const email = await confirmedUser(client, pool);
    const first = await adminSignIn(client, pool, email);
    const refreshToken = first.AuthenticationResult?.RefreshToken ?? '';
    for (const AuthFlow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'] as const) {
      const { AuthenticationResult } = await initiate(client, pool, { AuthFlow, AuthParameters: { REFRESH_TOKEN: refreshToken } });
      assert.equal(AuthenticationResult?.RefreshToken, undefined, 'no new refresh token without rotation');
      assert.equal(claims(AuthenticationResult?.IdToken).origin_jti, claims(first.AuthenticationResult?.IdToken).origin_jti);
    }
    assert.deepEqual(await refusal(initiate(client, pool, { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'forged' } })), {
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });

    const second = await adminSignIn(client, pool, email);
    await client.send(new AdminDisableUserCommand({ UserPoolId: pool.poolId, Username: email }));
    assert.deepEqual(await refusal(adminSignIn(client, pool, email)), { name: 'NotAuthorizedException', message: 'User is disabled.' });
    const refused = await refusal(
      initiate(client, pool, { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: second.AuthenticationResult?.RefreshToken ?? '' } }),
    );
    assert.equal(refused.name, 'NotAuthorizedException');
    await client.send(new AdminEnableUserCommand({ UserPoolId: pool.poolId, Username: email }));
    assert.ok((await adminSignIn(client, pool, email)).AuthenticationResult?.IdToken);
  });

  it('runs USER_SRP_AUTH with the PASSWORD_VERIFIER answer through AdminRespondToAuthChallenge', async () => {
    const email = await confirmedUser(client, pool);
    const a = hexToBigInt(randomBytes(128).toString('hex')) % N;
    const A = modPow(g, a, N);
    const challenge = await initiate(client, pool, { AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: email, SRP_A: A.toString(16) } });
    assert.equal(challenge.ChallengeName, 'PASSWORD_VERIFIER');
    const parameters = challenge.ChallengeParameters ?? {};
    const poolName = pool.poolId.split('_')[1];
    const answer = (password: string) => {
      const u = computeU(A, hexToBigInt(parameters.SRP_B));
      const x = computeX(poolName, parameters.USER_ID_FOR_SRP, password, parameters.SALT);
      const S = modPow(hexToBigInt(parameters.SRP_B) - k * modPow(g, x, N), a + u * x, N);
      const timestamp = formatTimestamp(new Date());
      return {
        USERNAME: parameters.USER_ID_FOR_SRP,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: computeSignature(computeK(S, u), poolName, parameters.USER_ID_FOR_SRP, parameters.SECRET_BLOCK, timestamp),
        TIMESTAMP: timestamp,
      };
    };
    const { AuthenticationResult } = await respond(client, pool, 'PASSWORD_VERIFIER', undefined, answer(PASSWORD));
    assert.equal(claims(AuthenticationResult?.IdToken).email, email);
  });

  it('answers NEW_PASSWORD_REQUIRED for a user an admin created', async () => {
    const email = uniqueEmail('created');
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: email,
        TemporaryPassword: 'Temp-Passw0rd',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
      }),
    );
    const challenge = await adminSignIn(client, pool, email, 'Temp-Passw0rd');
    assert.equal(challenge.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.equal(typeof challenge.Session, 'string');
    const weak = await refusal(respond(client, pool, 'NEW_PASSWORD_REQUIRED', challenge.Session, { USERNAME: email, NEW_PASSWORD: 'short' }));
    assert.equal(weak.name, 'InvalidPasswordException');
    const { AuthenticationResult } = await respond(client, pool, 'NEW_PASSWORD_REQUIRED', challenge.Session, {
      USERNAME: email,
      NEW_PASSWORD: 'New-Passw0rd!',
    });
    assert.ok(AuthenticationResult?.IdToken);
    assert.ok((await adminSignIn(client, pool, email, 'New-Passw0rd!')).AuthenticationResult);
    // The challenge session is spent, and AdminRespondToAuthChallenge checks the pool id too.
    assert.equal(
      (await refusal(respond(client, pool, 'NEW_PASSWORD_REQUIRED', challenge.Session, { USERNAME: email, NEW_PASSWORD: 'Other-Passw0rd!' }))).name,
      'NotAuthorizedException',
    );
    const wrongPool = client.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: 'us-east-1_Unknown',
        ClientId: pool.clientId,
        ChallengeName: 'SMS_MFA',
        Session: 'x'.repeat(20),
        ChallengeResponses: {},
      }),
    );
    assert.equal((await refusal(wrongPool)).name, 'ResourceNotFoundException');
  });

  it('answers SOFTWARE_TOKEN_MFA with a TOTP code, refusing a wrong one', async () => {
    const email = await confirmedUser(mfaClient, mfaPool);
    const { AuthenticationResult } = await adminSignIn(mfaClient, mfaPool, email);
    const AccessToken = AuthenticationResult?.AccessToken;
    const { SecretCode } = await mfaClient.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    const secret = SecretCode ?? '';
    await mfaClient.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: new TOTP({ secret: Secret.fromBase32(secret) }).generate() }));
    await mfaClient.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const challenge = await adminSignIn(mfaClient, mfaPool, email);
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const wrong = await refusal(respond(mfaClient, mfaPool, 'SOFTWARE_TOKEN_MFA', challenge.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: '000000' }));
    assert.equal(wrong.name, 'CodeMismatchException');
    const again = await adminSignIn(mfaClient, mfaPool, email);
    const answered = await respond(mfaClient, mfaPool, 'SOFTWARE_TOKEN_MFA', again.Session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: nextTotp(secret) });
    assert.equal(claims(answered.AuthenticationResult?.IdToken).email, email);
  });

  it('answers SMS_MFA with the code the mfaPool texted', async () => {
    const phone = '+15550199' + String(Date.now() % 1000).padStart(3, '0');
    const email = await confirmedUser(mfaClient, mfaPool, { phone_number: phone, phone_number_verified: 'true' });
    const { AuthenticationResult } = await adminSignIn(mfaClient, mfaPool, email);
    await mfaClient.send(
      new SetUserMFAPreferenceCommand({ AccessToken: AuthenticationResult?.AccessToken, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    const challenge = await adminSignIn(mfaClient, mfaPool, email);
    assert.equal(challenge.ChallengeName, 'SMS_MFA');
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
    const code = await latestCode(mfaPool, phone, 'sms-mfa');
    const answered = await respond(mfaClient, mfaPool, 'SMS_MFA', challenge.Session, { USERNAME: email, SMS_MFA_CODE: code });
    assert.equal(claims(answered.AuthenticationResult?.IdToken).phone_number, phone);
  });

  it('walks MFA_SETUP in a pool that requires MFA: associate and verify with the Session, then answer', async () => {
    const strict = await start({ mfa: 'ON' });
    const strictClient = awsClient(strict);
    try {
      const email = await confirmedUser(strictClient, strict);
      const challenge = await adminSignIn(strictClient, strict, email);
      assert.equal(challenge.ChallengeName, 'MFA_SETUP');
      const associated = await strictClient.send(new AssociateSoftwareTokenCommand({ Session: challenge.Session }));
      const verified = await strictClient.send(
        new VerifySoftwareTokenCommand({
          Session: associated.Session,
          UserCode: new TOTP({ secret: Secret.fromBase32(associated.SecretCode ?? '') }).generate(),
        }),
      );
      assert.equal(verified.Status, 'SUCCESS');
      const answered = await respond(strictClient, strict, 'MFA_SETUP', verified.Session, { USERNAME: email });
      assert.equal(claims(answered.AuthenticationResult?.IdToken).email, email);
      // Next time the factor is asked for.
      const next = await adminSignIn(strictClient, strict, email);
      assert.equal(next.ChallengeName, 'SOFTWARE_TOKEN_MFA');
      const done = await respond(strictClient, strict, 'SOFTWARE_TOKEN_MFA', next.Session, {
        USERNAME: email,
        SOFTWARE_TOKEN_MFA_CODE: nextTotp(associated.SecretCode ?? ''),
      });
      assert.ok(done.AuthenticationResult?.AccessToken);
    } finally {
      strictClient.destroy();
      await strict.close();
    }
  });

  it('reflects attribute changes in the next tokens', async () => {
    const email = await confirmedUser(client, pool);
    await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool.poolId, Username: email, UserAttributes: [{ Name: 'name', Value: 'Grace' }] }));
    assert.equal(claims((await adminSignIn(client, pool, email)).AuthenticationResult?.IdToken).name, 'Grace');
  });

  describe("the client's explicit auth flows", () => {
    it('ADMIN_USER_PASSWORD_AUTH (and ADMIN_NO_SRP_AUTH) need ALLOW_ADMIN_USER_PASSWORD_AUTH; USER_SRP_AUTH needs ALLOW_USER_SRP_AUTH', async () => {
      const narrow = await start({ explicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      const narrowClient = awsClient(narrow);
      try {
        const email = await confirmedUser(narrowClient, narrow);
        for (const AuthFlow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
          assert.deepEqual(await refusal(initiate(narrowClient, narrow, { AuthFlow, AuthParameters: { USERNAME: email, PASSWORD } })), {
            name: 'InvalidParameterException',
            message: 'Auth flow not enabled for this client',
          });
        }
        assert.deepEqual(await refusal(initiate(narrowClient, narrow, { AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: email, SRP_A: 'ab' } })), {
          name: 'InvalidParameterException',
          message: 'USER_SRP_AUTH is not enabled for the client.',
        });
        // USER_AUTH is allowed there: a server can run choice-based sign-in too.
        const answer = await initiate(narrowClient, narrow, {
          AuthFlow: 'USER_AUTH',
          AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD },
        });
        assert.equal(claims(answer.AuthenticationResult?.IdToken).email, email);
      } finally {
        narrowClient.destroy();
        await narrow.close();
      }
    });

    it('USER_AUTH from a server: SELECT_CHALLENGE answered through AdminRespondToAuthChallenge; refused without ALLOW_USER_AUTH', async () => {
      const email = await confirmedUser(client, pool);
      const select = await initiate(client, pool, { AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: email } });
      assert.equal(select.ChallengeName, 'SELECT_CHALLENGE');
      assert.deepEqual(select.AvailableChallenges, ['PASSWORD_SRP', 'PASSWORD']);
      const done = await respond(client, pool, 'SELECT_CHALLENGE', select.Session, { USERNAME: email, ANSWER: 'PASSWORD', PASSWORD });
      assert.equal(claims(done.AuthenticationResult?.IdToken).email, email);

      const classic = await start({ explicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      const classicClient = awsClient(classic);
      try {
        const other = await confirmedUser(classicClient, classic);
        assert.deepEqual(await refusal(initiate(classicClient, classic, { AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: other } })), {
          name: 'InvalidParameterException',
          message: 'USER_AUTH flow not enabled for this client',
        });
        assert.deepEqual(await refusal(initiate(classicClient, classic, { AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: other } })), {
          name: 'InvalidParameterException',
          message: 'CUSTOM_AUTH flow not enabled for this client',
        });
        assert.ok((await adminSignIn(classicClient, classic, other)).AuthenticationResult?.IdToken);
      } finally {
        classicClient.destroy();
        await classic.close();
      }
    });

    it('without ALLOW_REFRESH_TOKEN_AUTH, REFRESH_TOKEN_AUTH (admin and client side) and GetTokensFromRefreshToken are refused', async () => {
      const noRefresh = await start({ explicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'] });
      const noRefreshClient = awsClient(noRefresh);
      try {
        const email = await confirmedUser(noRefreshClient, noRefresh);
        const refreshToken = (await adminSignIn(noRefreshClient, noRefresh, email)).AuthenticationResult?.RefreshToken ?? '';
        assert.ok(refreshToken);
        const refused = { name: 'InvalidParameterException', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client' };
        for (const AuthFlow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'] as const) {
          assert.deepEqual(await refusal(initiate(noRefreshClient, noRefresh, { AuthFlow, AuthParameters: { REFRESH_TOKEN: refreshToken } })), refused);
        }
        assert.deepEqual(
          await refusal(
            noRefreshClient.send(
              new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: noRefresh.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
            ),
          ),
          refused,
        );
        assert.deepEqual(
          await refusal(noRefreshClient.send(new GetTokensFromRefreshTokenCommand({ ClientId: noRefresh.clientId, RefreshToken: refreshToken }))),
          refused,
        );
        // With the flow listed (the default pool), the same operation refreshes.
        const other = await confirmedUser(client, pool);
        const token = (await adminSignIn(client, pool, other)).AuthenticationResult?.RefreshToken ?? '';
        const refreshed = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: pool.clientId, RefreshToken: token }));
        assert.equal(claims(refreshed.AuthenticationResult?.IdToken).email, other);
      } finally {
        noRefreshClient.destroy();
        await noRefresh.close();
      }
    });
  });
});
