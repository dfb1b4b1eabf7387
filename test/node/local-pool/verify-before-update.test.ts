// "Keep original attribute value active when an update is pending" through the AWS SDK v3: with
// verifyBeforeUpdate (default email) a new email waits for its code while the old one keeps
// signing in verified; the code swaps it in; Cognito's errors on the way; without the setting
// the change is immediate and unverified.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsClient, claims, confirmedUser, refusal } from './aws-sdk.js';
import { PASSWORD, latestCode, messages, start, startCli, killed, uniqueEmail, type LocalPool } from './helpers.js';

const signIn = (client: CognitoIdentityProviderClient, pool: LocalPool, email: string) =>
  client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email, PASSWORD } }));

async function accessToken(client: CognitoIdentityProviderClient, pool: LocalPool, email: string): Promise<string> {
  const answer = await signIn(client, pool, email);
  return answer.AuthenticationResult?.AccessToken as string;
}

async function attributes(client: CognitoIdentityProviderClient, AccessToken: string): Promise<Record<string, string>> {
  const { UserAttributes = [] } = await client.send(new GetUserCommand({ AccessToken }));
  return Object.fromEntries(UserAttributes.map(({ Name, Value }) => [Name as string, Value as string]));
}

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('verify before update (default: email)', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  before(async () => {
    pool = await start({ limits: { codeAttemptLimit: 3 } });
    client = awsClient(pool);
  });
  after(() => pool.close());

  it('keeps the old email verified and signing in until the code sent to the new one is entered', async () => {
    const old = await confirmedUser(client, pool);
    const AccessToken = await accessToken(client, pool, old);
    const changed = uniqueEmail('new');
    const answer = await client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: changed }] }));
    assert.deepEqual(answer.CodeDeliveryDetailsList, [{ Destination: 'n***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    assert.deepEqual(await messages(pool, old), [], 'nothing is sent to the old address');
    const code = await latestCode(pool, changed, 'verify-attribute');

    // Meanwhile: the old email, still verified, is the account's; the new one signs nothing in.
    assert.deepEqual((await attributes(client, AccessToken)).email, old);
    assert.equal((await attributes(client, AccessToken)).email_verified, 'true');
    assert.ok((await signIn(client, pool, old)).AuthenticationResult, 'the old email still signs in');
    assert.equal((await refusal(signIn(client, pool, changed))).name, 'NotAuthorizedException');

    const mismatch = await refusal(client.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: wrongCode(code) })));
    assert.equal(mismatch.name, 'CodeMismatchException');
    await client.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code }));

    const after = await attributes(client, AccessToken);
    assert.equal(after.email, changed);
    assert.equal(after.email_verified, 'true');
    const tokens = (await signIn(client, pool, changed)).AuthenticationResult;
    assert.equal(claims(tokens?.IdToken).email, changed, 'the new email signs in, and the ID token says so');
    assert.equal((await refusal(signIn(client, pool, old))).name, 'NotAuthorizedException', 'the old one no longer does');
  });

  it('sends a new code to the new address on request; the first one is then expired', async () => {
    const old = await confirmedUser(client, pool);
    const AccessToken = await accessToken(client, pool, old);
    const changed = uniqueEmail('resend');
    await client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: changed }] }));
    const first = await latestCode(pool, changed, 'verify-attribute');
    const resent = await client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    assert.equal(resent.CodeDeliveryDetails?.Destination, 'r***@e***.com');
    const second = await latestCode(pool, changed, 'verify-attribute');
    assert.deepEqual(await messages(pool, old), []);
    if (first !== second) {
      const expired = await refusal(client.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: first })));
      assert.equal(expired.name, 'ExpiredCodeException');
    }
    await client.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: second }));
    assert.equal((await attributes(client, AccessToken)).email, changed);
  });

  it('refuses an email another account has (AliasExistsException), and wrong codes past the limit (LimitExceededException)', async () => {
    const taken = await confirmedUser(client, pool);
    const old = await confirmedUser(client, pool);
    const AccessToken = await accessToken(client, pool, old);
    const alias = await refusal(client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: taken }] })));
    assert.deepEqual(alias, { name: 'AliasExistsException', message: 'An account with the given email already exists.' });

    const changed = uniqueEmail('limit');
    await client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: changed }] }));
    const code = await latestCode(pool, changed, 'verify-attribute');
    for (let i = 0; i < 3; i++) {
      const wrong = await refusal(client.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: wrongCode(code) })));
      assert.equal(wrong.name, 'CodeMismatchException');
    }
    const limited = await refusal(client.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code })));
    assert.equal(limited.name, 'LimitExceededException');
    assert.equal((await attributes(client, AccessToken)).email, old);
  });

  it('refuses at verification an email another account took while the code was on its way', async () => {
    const old = await confirmedUser(client, pool);
    const AccessToken = await accessToken(client, pool, old);
    const contested = uniqueEmail('contested');
    await client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: contested }] }));
    const code = await latestCode(pool, contested, 'verify-attribute');
    await confirmedUser(client, pool, {}, contested);
    const alias = await refusal(client.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code })));
    assert.equal(alias.name, 'AliasExistsException');
    assert.equal((await attributes(client, AccessToken)).email, old);
  });

  it('changes other attributes at once beside a waiting email, and a phone number (not listed) at once, unverified', async () => {
    const old = await confirmedUser(client, pool, { phone_number: '+15550001111', phone_number_verified: 'true' });
    const AccessToken = await accessToken(client, pool, old);
    const answer = await client.send(
      new UpdateUserAttributesCommand({
        AccessToken,
        UserAttributes: [
          { Name: 'email', Value: uniqueEmail('beside') },
          { Name: 'name', Value: 'Ada' },
          { Name: 'phone_number', Value: '+15550002222' },
        ],
      }),
    );
    assert.deepEqual(answer.CodeDeliveryDetailsList?.map((d) => d.AttributeName).sort(), ['email', 'phone_number']);
    const now = await attributes(client, AccessToken);
    assert.equal(now.email, old);
    assert.equal(now.name, 'Ada');
    assert.equal(now.phone_number, '+15550002222');
    assert.equal(now.phone_number_verified, 'false');
  });

  it('puts a waiting email in place when an administrator marks it verified', async () => {
    const old = await confirmedUser(client, pool);
    const AccessToken = await accessToken(client, pool, old);
    const changed = uniqueEmail('admin');
    await client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: changed }] }));
    await client.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: pool.poolId, Username: old, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }),
    );
    const { UserAttributes = [] } = await client.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: changed }));
    assert.equal(UserAttributes.find((a) => a.Name === 'email')?.Value, changed);
  });
});

describe('without verify before update', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  before(async () => {
    pool = await start({ verifyBeforeUpdate: [] });
    client = awsClient(pool);
  });
  after(() => pool.close());

  it('changes the email at once, unverified, with a code to the new address', async () => {
    const old = await confirmedUser(client, pool);
    const AccessToken = await accessToken(client, pool, old);
    const changed = uniqueEmail('now');
    await client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: changed }] }));
    const now = await attributes(client, AccessToken);
    assert.equal(now.email, changed);
    assert.equal(now.email_verified, 'false');
    await client.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: await latestCode(pool, changed, 'verify-attribute') }));
    assert.equal((await attributes(client, AccessToken)).email_verified, 'true');
  });

  it('refuses an unknown attribute name when the pool starts', async () => {
    await assert.rejects(start({ verifyBeforeUpdate: ['name' as 'email'] }), /verifyBeforeUpdate: unknown "name"/);
  });
});

describe('the CLI', () => {
  it('takes --verify-before-update and names it in its banner', async () => {
    const { child, output } = await startCli(['--verify-before-update', 'email,phone_number']);
    try {
      assert.match(output(), /verified before update: email, phone_number/);
    } finally {
      await killed(child);
    }
  });
});
