// ListUsers as Cognito pages and filters it, through the AWS SDK v3 (and boto3's paginator when
// python3 has boto3): Limit 0..60, PaginationToken, the searchable attributes, AttributesToGet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  ListUsersCommand,
  paginateListUsers,
  type CognitoIdentityProviderClient,
  type ListUsersCommandInput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsClient, hasBoto3, refusal, runBoto3 } from './aws-sdk.js';
import { PASSWORD, start, type LocalPool } from './helpers.js';

const COUNT = 65;
const emailOf = (user: UserType) => user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value ?? '';
const attributeOf = (user: UserType, name: string) => user.Attributes?.find((attribute) => attribute.Name === name)?.Value;

describe('ListUsers paging and filters (AWS SDK v3)', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  const emails = Array.from({ length: COUNT }, (_, i) => `list${i}@example.com`);
  const list = (input: Omit<ListUsersCommandInput, 'UserPoolId'> = {}) => client.send(new ListUsersCommand({ UserPoolId: pool.poolId, ...input }));

  /** Every page of a listing, with the page sizes seen. */
  async function pages(input: Omit<ListUsersCommandInput, 'UserPoolId' | 'PaginationToken'>) {
    const users: UserType[] = [];
    const sizes: number[] = [];
    let PaginationToken: string | undefined;
    do {
      const page = await list({ ...input, PaginationToken });
      users.push(...(page.Users ?? []));
      sizes.push(page.Users?.length ?? 0);
      PaginationToken = page.PaginationToken;
    } while (PaginationToken);
    return { users, sizes };
  }

  before(async () => {
    pool = await start();
    client = awsClient(pool);
    for (const [i, email] of emails.entries()) {
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: pool.poolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          TemporaryPassword: PASSWORD,
          UserAttributes: [
            { Name: 'name', Value: `User ${i}` },
            { Name: 'given_name', Value: `Given${i}` },
            { Name: 'family_name', Value: i % 2 ? 'Odd' : 'Even' },
            { Name: 'preferred_username', Value: `pref${i}` },
            { Name: 'phone_number', Value: `+1555000${String(i).padStart(4, '0')}` },
          ],
        }),
      );
    }
    // Five confirmed users, the rest FORCE_CHANGE_PASSWORD; two disabled.
    for (const email of emails.slice(0, 5)) {
      await client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.poolId, Username: email, Password: PASSWORD, Permanent: true }));
    }
    for (const email of emails.slice(5, 7)) await client.send(new AdminDisableUserCommand({ UserPoolId: pool.poolId, Username: email }));
  });
  after(async () => {
    client.destroy();
    await pool.close();
  });

  it(`pages ${COUNT} users with Limit and PaginationToken, each exactly once`, async () => {
    const { users, sizes } = await pages({ Limit: 7 });
    assert.deepEqual(sizes, [7, 7, 7, 7, 7, 7, 7, 7, 7, 2]);
    assert.equal(users.length, COUNT);
    assert.deepEqual(new Set(users.map(emailOf)), new Set(emails));
  });

  it('returns 60 and a PaginationToken without a Limit, then the rest without one', async () => {
    const first = await list();
    assert.equal(first.Users?.length, 60);
    assert.equal(typeof first.PaginationToken, 'string');
    const second = await list({ PaginationToken: first.PaginationToken });
    assert.equal(second.Users?.length, COUNT - 60);
    assert.equal(second.PaginationToken, undefined);
    assert.equal(new Set([...(first.Users ?? []), ...(second.Users ?? [])].map(emailOf)).size, COUNT);
  });

  it("refuses Limit 61 (Cognito's maximum is 60) and a forged token", async () => {
    assert.equal((await list({ Limit: 60 })).Users?.length, 60);
    assert.deepEqual(await refusal(list({ Limit: 61 })), {
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
    assert.equal((await refusal(list({ Limit: -1 }))).name, 'InvalidParameterException');
    assert.equal((await refusal(list({ PaginationToken: 'not-a-token' }))).name, 'InvalidParameterException');
  });

  it("pages with the SDK's own paginator", async () => {
    const seen: string[] = [];
    let count = 0;
    for await (const page of paginateListUsers({ client, pageSize: 20 }, { UserPoolId: pool.poolId })) {
      count += 1;
      seen.push(...(page.Users ?? []).map(emailOf));
    }
    assert.equal(count, 4);
    assert.equal(seen.length, COUNT);
    assert.equal(new Set(seen).size, COUNT);
  });

  it('filters with = and ^= on the searchable attributes', async () => {
    const one = async (Filter: string) => (await pages({ Filter })).users.map(emailOf).sort();
    assert.deepEqual(await one('email = "list3@example.com"'), ['list3@example.com']);
    assert.deepEqual(await one('email ^= "list1"'), ['list1@example.com', ...Array.from({ length: 10 }, (_, i) => `list1${i}@example.com`)].sort());
    assert.deepEqual(await one('name = "User 42"'), ['list42@example.com']);
    assert.deepEqual(
      await one('given_name ^= "Given6"'),
      ['list6@example.com', 'list60@example.com', 'list61@example.com', 'list62@example.com', 'list63@example.com', 'list64@example.com'].sort(),
    );
    assert.equal((await one('family_name = "Odd"')).length, 32);
    assert.deepEqual(await one('preferred_username = "pref9"'), ['list9@example.com']);
    assert.deepEqual(await one('phone_number = "+15550000012"'), ['list12@example.com']);
    const [someone] = (await list({ Filter: 'email = "list20@example.com"' })).Users ?? [];
    assert.deepEqual(await one(`username = "${someone.Username}"`), ['list20@example.com']);
    assert.deepEqual(await one(`sub = "${attributeOf(someone, 'sub')}"`), ['list20@example.com']);
    // Spaces around the operator are optional.
    assert.deepEqual(await one('email="list4@example.com"'), ['list4@example.com']);
  });

  it('filters on cognito:user_status (any case) and status (Enabled / Disabled)', async () => {
    const count = async (Filter: string) => (await pages({ Filter })).users.length;
    assert.equal(await count('cognito:user_status = "CONFIRMED"'), 5);
    assert.equal(await count('cognito:user_status = "confirmed"'), 5);
    assert.equal(await count('cognito:user_status = "FORCE_CHANGE_PASSWORD"'), COUNT - 5);
    const disabled = (await pages({ Filter: 'status = "Disabled"' })).users;
    assert.deepEqual(disabled.map(emailOf).sort(), ['list5@example.com', 'list6@example.com']);
    assert.ok(disabled.every((user) => user.Enabled === false));
    assert.equal(await count('status = "Enabled"'), COUNT - 2);
  });

  it('pages a filtered listing', async () => {
    const { users, sizes } = await pages({ Filter: 'family_name = "Even"', Limit: 10 });
    assert.deepEqual(sizes, [10, 10, 10, 3]);
    assert.equal(new Set(users.map(emailOf)).size, 33);
  });

  it('reads escaped quotes in the value', async () => {
    await client.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: pool.poolId, Username: emails[30], UserAttributes: [{ Name: 'name', Value: 'Say "hi"' }] }),
    );
    const { Users } = await list({ Filter: 'name = "Say \\"hi\\""' });
    assert.deepEqual(Users?.map(emailOf), [emails[30]]);
  });

  it('refuses custom, unsearchable and malformed filters as Cognito does, and takes an empty one as none', async () => {
    for (const Filter of ['custom:tier = "gold"', 'locale = "en"', 'email_verified = "true"']) {
      assert.equal((await refusal(list({ Filter }))).name, 'InvalidParameterException', Filter);
    }
    assert.deepEqual(await refusal(list({ Filter: 'email equals list1' })), { name: 'InvalidParameterException', message: 'Error while parsing filter.' });
    assert.equal((await list({ Filter: '' })).Users?.length, 60);
  });

  it('returns only the attributes AttributesToGet names', async () => {
    const { Users } = await list({ AttributesToGet: ['email', 'family_name'], Limit: 5 });
    assert.equal(Users?.length, 5);
    for (const user of Users ?? []) {
      assert.deepEqual(user.Attributes?.map((attribute) => attribute.Name).sort(), ['email', 'family_name']);
      assert.equal(typeof user.Username, 'string');
      assert.equal(typeof user.UserStatus, 'string');
    }
  });

  it('neither repeats nor skips users when others are added or deleted between pages', async () => {
    const fresh = await start();
    const local = awsClient(fresh);
    try {
      const made = Array.from({ length: 12 }, (_, i) => `page${i}@example.com`);
      const create = (Username: string) =>
        local.send(new AdminCreateUserCommand({ UserPoolId: fresh.poolId, Username, MessageAction: 'SUPPRESS', TemporaryPassword: PASSWORD }));
      for (const email of made) await create(email);
      const first = await local.send(new ListUsersCommand({ UserPoolId: fresh.poolId, Limit: 5 }));
      // One already listed goes, one not yet listed goes, and a newcomer arrives.
      const listed = (first.Users ?? []).map(emailOf);
      const unlisted = made.find((email) => !listed.includes(email)) ?? '';
      await local.send(new AdminDeleteUserCommand({ UserPoolId: fresh.poolId, Username: listed[0] }));
      await local.send(new AdminDeleteUserCommand({ UserPoolId: fresh.poolId, Username: unlisted }));
      await create('newcomer@example.com');
      const rest: string[] = [];
      let PaginationToken = first.PaginationToken;
      while (PaginationToken) {
        const page = await local.send(new ListUsersCommand({ UserPoolId: fresh.poolId, Limit: 5, PaginationToken }));
        rest.push(...(page.Users ?? []).map(emailOf));
        PaginationToken = page.PaginationToken;
      }
      const seen = [...listed, ...rest];
      assert.equal(new Set(seen).size, seen.length, 'no user twice');
      for (const email of made.filter((email) => email !== unlisted)) assert.ok(seen.includes(email), email);
      assert.ok(rest.includes('newcomer@example.com'));
    } finally {
      local.destroy();
      await fresh.close();
    }
  });

  it(
    'pages with boto3 (list_users paginator) and signs in with admin_initiate_auth',
    { skip: !hasBoto3() && 'python3 with boto3 is not installed' },
    async () => {
      const result = await runBoto3(
        pool,
        `
import json, os, boto3
client = boto3.client('cognito-idp', endpoint_url=os.environ['POOL_URL'])
seen, pages = [], 0
for page in client.get_paginator('list_users').paginate(UserPoolId=os.environ['POOL_ID'], PaginationConfig={'PageSize': 25}):
    pages += 1
    seen += [a['Value'] for u in page['Users'] for a in u['Attributes'] if a['Name'] == 'email']
auth = client.admin_initiate_auth(UserPoolId=os.environ['POOL_ID'], ClientId=os.environ['CLIENT_ID'], AuthFlow='ADMIN_USER_PASSWORD_AUTH',
    AuthParameters={'USERNAME': 'list0@example.com', 'PASSWORD': '${PASSWORD}'})
try:
    client.list_users(UserPoolId=os.environ['POOL_ID'], Limit=61)
    limit_error = None
except client.exceptions.InvalidParameterException as error:
    limit_error = error.response['Error']['Code']
print(json.dumps({'pages': pages, 'users': len(seen), 'distinct': len(set(seen)), 'tokenType': auth['AuthenticationResult']['TokenType'], 'limitError': limit_error}))
`,
      );
      assert.deepEqual(result, { pages: 3, users: COUNT, distinct: COUNT, tokenType: 'Bearer', limitError: 'InvalidParameterException' });
    },
  );
});
