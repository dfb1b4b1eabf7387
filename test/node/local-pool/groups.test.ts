// User pool groups through the AWS SDK v3: the operations, Cognito's errors, paging, the group
// claims in both tokens, and groups kept in the data file.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminSignIn, awsClient, claims, confirmedUser, refusal } from './aws-sdk.js';
import { start, type LocalPool } from './helpers.js';

const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

describe('groups (AWS SDK v3)', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let counter = 0;
  const name = (prefix: string) => `${prefix}-${++counter}`;
  const create = (GroupName: string, fields: { Precedence?: number; RoleArn?: string; Description?: string } = {}) =>
    client.send(new CreateGroupCommand({ UserPoolId: pool.poolId, GroupName, ...fields }));
  const add = (Username: string, GroupName: string) => client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.poolId, Username, GroupName }));

  before(async () => {
    pool = await start();
    client = awsClient(pool);
  });
  after(async () => {
    client.destroy();
    await pool.close();
  });

  it('creates, reads, updates and deletes a group with Cognito shapes', async () => {
    const group = name('editors');
    const before = Date.now() / 1000;
    const { Group } = await create(group, { Description: 'Can edit', Precedence: 3, RoleArn: role('Editor') });
    assert.equal(Group?.GroupName, group);
    assert.equal(Group?.UserPoolId, pool.poolId);
    assert.equal(Group?.Description, 'Can edit');
    assert.equal(Group?.Precedence, 3);
    assert.equal(Group?.RoleArn, role('Editor'));
    // The SDK turns epoch seconds into Dates.
    assert.ok(Group?.CreationDate instanceof Date && Group.CreationDate.getTime() / 1000 >= before - 1);
    assert.ok(Group?.LastModifiedDate instanceof Date);

    const got = await client.send(new GetGroupCommand({ UserPoolId: pool.poolId, GroupName: group }));
    assert.deepEqual(got.Group, Group);

    const updated = await client.send(new UpdateGroupCommand({ UserPoolId: pool.poolId, GroupName: group, Precedence: 1 }));
    assert.equal(updated.Group?.Precedence, 1);
    assert.equal(updated.Group?.Description, 'Can edit', 'fields not given are kept');
    assert.equal(updated.Group?.RoleArn, role('Editor'));

    await client.send(new DeleteGroupCommand({ UserPoolId: pool.poolId, GroupName: group }));
    assert.deepEqual(await refusal(client.send(new GetGroupCommand({ UserPoolId: pool.poolId, GroupName: group }))), {
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
  });

  it("answers Cognito's errors", async () => {
    const group = name('dup');
    await create(group);
    assert.deepEqual(await refusal(create(group)), { name: 'GroupExistsException', message: `A group with the name ${group} already exists.` });
    // Group names are case-sensitive: another case is another group.
    await create(group.toUpperCase());
    assert.equal((await refusal(create(name('neg'), { Precedence: -1 }))).name, 'InvalidParameterException');
    assert.equal((await refusal(create(name('arn'), { RoleArn: 'not-an-arn-at-all-really' }))).name, 'InvalidParameterException');
    assert.equal((await refusal(create('has space'))).name, 'InvalidParameterException');
    const email = await confirmedUser(client, pool);
    assert.deepEqual(await refusal(add(email, 'no-such-group')), { name: 'ResourceNotFoundException', message: 'Group not found.' });
    assert.deepEqual(await refusal(add('nobody@example.com', group)), { name: 'UserNotFoundException', message: 'User does not exist.' });
    assert.deepEqual(await refusal(client.send(new DeleteGroupCommand({ UserPoolId: pool.poolId, GroupName: 'no-such-group' }))), {
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
    assert.deepEqual(await refusal(client.send(new ListGroupsCommand({ UserPoolId: 'us-east-1_Nope' }))), {
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Nope does not exist.',
    });
    assert.equal((await refusal(client.send(new ListGroupsCommand({ UserPoolId: 'no-underscore' })))).name, 'InvalidParameterException');
    assert.equal((await refusal(client.send(new ListGroupsCommand({ UserPoolId: pool.poolId, Limit: 61 })))).name, 'InvalidParameterException');
  });

  it('lists groups page by page with Limit and NextToken, each once', async () => {
    const fresh = await start();
    const local = awsClient(fresh);
    try {
      const names = Array.from({ length: 13 }, (_, i) => `g${String(i).padStart(2, '0')}`);
      for (const groupName of names) await local.send(new CreateGroupCommand({ UserPoolId: fresh.poolId, GroupName: groupName }));
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const page = await local.send(new ListGroupsCommand({ UserPoolId: fresh.poolId, Limit: 5, NextToken }));
        assert.ok((page.Groups ?? []).length <= 5);
        seen.push(...(page.Groups ?? []).map((group) => group.GroupName ?? ''));
        NextToken = page.NextToken;
        pages += 1;
      } while (NextToken);
      assert.equal(pages, 3);
      assert.deepEqual(seen, names);
      const all = await local.send(new ListGroupsCommand({ UserPoolId: fresh.poolId }));
      assert.equal(all.Groups?.length, 13);
      assert.equal(all.NextToken, undefined);
    } finally {
      local.destroy();
      await fresh.close();
    }
  });

  it('adds and removes members; lists a user’s groups by precedence and a group’s users', async () => {
    const [admins, staff, loose] = [name('admins'), name('staff'), name('loose')];
    await create(staff, { Precedence: 10 });
    await create(loose);
    await create(admins, { Precedence: 0 });
    const email = await confirmedUser(client, pool);
    for (const group of [loose, staff, admins]) await add(email, group);
    await add(email, staff); // a second add changes nothing
    const { Groups } = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: email }));
    assert.deepEqual(
      Groups?.map((group) => group.GroupName),
      [admins, staff, loose],
    );
    const firstPage = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: email, Limit: 2 }));
    assert.equal(firstPage.Groups?.length, 2);
    const secondPage = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: email, Limit: 2, NextToken: firstPage.NextToken }),
    );
    assert.deepEqual(
      secondPage.Groups?.map((group) => group.GroupName),
      [loose],
    );
    assert.equal(secondPage.NextToken, undefined);

    const others = [await confirmedUser(client, pool), await confirmedUser(client, pool)];
    for (const other of others) await add(other, staff);
    const members = await client.send(new ListUsersInGroupCommand({ UserPoolId: pool.poolId, GroupName: staff }));
    const emailOf = (user: { Attributes?: { Name?: string; Value?: string }[] }) => user.Attributes?.find((a) => a.Name === 'email')?.Value;
    assert.deepEqual(members.Users?.map(emailOf), [email, ...others]);
    assert.equal(members.Users?.[0].UserStatus, 'CONFIRMED');

    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool.poolId, Username: email, GroupName: staff }));
    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool.poolId, Username: email, GroupName: staff }));
    const after = await client.send(new ListUsersInGroupCommand({ UserPoolId: pool.poolId, GroupName: staff }));
    assert.deepEqual(after.Users?.map(emailOf), others);

    // Deleting a user ends their memberships.
    await client.send(new AdminDeleteUserCommand({ UserPoolId: pool.poolId, Username: others[0] }));
    const left = await client.send(new ListUsersInGroupCommand({ UserPoolId: pool.poolId, GroupName: staff }));
    assert.deepEqual(left.Users?.map(emailOf), [others[1]]);
  });

  it('puts cognito:groups in both tokens by precedence, and the roles in the ID token', async () => {
    const [low, high, none] = [name('low'), name('high'), name('none')];
    await create(none, { RoleArn: role('NoPrecedence') });
    await create(low, { Precedence: 20, RoleArn: role('Low') });
    await create(high, { Precedence: 5, RoleArn: role('High') });
    const email = await confirmedUser(client, pool);
    for (const group of [none, low, high]) await add(email, group);

    const { AuthenticationResult } = await adminSignIn(client, pool, email);
    const id = claims(AuthenticationResult?.IdToken);
    const access = claims(AuthenticationResult?.AccessToken);
    assert.deepEqual(id['cognito:groups'], [high, low, none]);
    assert.deepEqual(access['cognito:groups'], [high, low, none]);
    assert.equal(id['cognito:preferred_role'], role('High'));
    assert.deepEqual(id['cognito:roles'], [role('High'), role('Low'), role('NoPrecedence')]);
    assert.equal(access['cognito:roles'], undefined);
    assert.equal(access['cognito:preferred_role'], undefined);

    // A user in no group has no group claims at all.
    const loner = await confirmedUser(client, pool);
    const alone = await adminSignIn(client, pool, loner);
    assert.equal(claims(alone.AuthenticationResult?.IdToken)['cognito:groups'], undefined);
    assert.equal(claims(alone.AuthenticationResult?.AccessToken)['cognito:groups'], undefined);
  });

  it('sets no preferred role when the first rank holds two different roles, as Cognito documents', async () => {
    const [a, b, c] = [name('tieA'), name('tieB'), name('tieC')];
    await create(a, { Precedence: 1, RoleArn: role('A') });
    await create(b, { Precedence: 1, RoleArn: role('B') });
    await create(c, { Precedence: 1, RoleArn: role('A') });
    const split = await confirmedUser(client, pool);
    await add(split, a);
    await add(split, b);
    const same = await confirmedUser(client, pool);
    await add(same, a);
    await add(same, c);
    const splitId = claims((await adminSignIn(client, pool, split)).AuthenticationResult?.IdToken);
    assert.equal(splitId['cognito:preferred_role'], undefined);
    assert.deepEqual(splitId['cognito:roles'], [role('A'), role('B')]);
    const sameId = claims((await adminSignIn(client, pool, same)).AuthenticationResult?.IdToken);
    assert.equal(sameId['cognito:preferred_role'], role('A'));
  });

  it('refreshed tokens carry the groups as they are now', async () => {
    const group = name('later');
    await create(group);
    const email = await confirmedUser(client, pool);
    const first = await adminSignIn(client, pool, email);
    assert.equal(claims(first.AuthenticationResult?.AccessToken)['cognito:groups'], undefined);
    await add(email, group);
    const refreshed = await client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: pool.poolId,
        ClientId: pool.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: first.AuthenticationResult?.RefreshToken ?? '' },
      }),
    );
    assert.deepEqual(claims(refreshed.AuthenticationResult?.AccessToken)['cognito:groups'], [group]);
    await client.send(new DeleteGroupCommand({ UserPoolId: pool.poolId, GroupName: group }));
    const again = await adminSignIn(client, pool, email);
    assert.equal(claims(again.AuthenticationResult?.IdToken)['cognito:groups'], undefined, 'a deleted group leaves the tokens');
  });

  it('keeps groups and memberships in the data file across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pool-groups-'));
    const dataFile = join(dir, 'pool.json');
    try {
      const first = await start({ dataFile });
      const firstClient = awsClient(first);
      await firstClient.send(new CreateGroupCommand({ UserPoolId: first.poolId, GroupName: 'kept', Precedence: 2, RoleArn: role('Kept') }));
      const email = await confirmedUser(firstClient, first);
      await firstClient.send(new AdminAddUserToGroupCommand({ UserPoolId: first.poolId, Username: email, GroupName: 'kept' }));
      firstClient.destroy();
      await first.close();

      const second = await start({ dataFile });
      const secondClient = awsClient(second);
      try {
        const { Group } = await secondClient.send(new GetGroupCommand({ UserPoolId: second.poolId, GroupName: 'kept' }));
        assert.equal(Group?.Precedence, 2);
        assert.equal(Group?.RoleArn, role('Kept'));
        const id = claims((await adminSignIn(secondClient, second, email)).AuthenticationResult?.IdToken);
        assert.deepEqual(id['cognito:groups'], ['kept']);
        assert.equal(id['cognito:preferred_role'], role('Kept'));
      } finally {
        secondClient.destroy();
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
