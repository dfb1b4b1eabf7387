// --data persistence: restarts keep users, tokens and keys; kill -9 leaves a readable file.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, killed, raw, registeredUser, sdkPool, sdkUser, session, signIn, signedInUser, start, startCli, uniqueEmail } from './helpers.js';
import { allUsers } from './aws-sdk.js';

describe('persistence with a data file', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-pool-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps users, refresh tokens and signing keys across a restart', async () => {
    const dataFile = join(dir, 'restart.json');
    const first = await start({ dataFile });
    const { email, session: tokens } = await signedInUser(first);
    const jwks = await (await fetch(`${first.url}${first.poolId}/.well-known/jwks.json`)).json();
    await first.close();
    const stored = await readFile(dataFile, 'utf8');
    assert.ok(!stored.includes(PASSWORD), 'the password itself is never stored');

    const second = await start({ dataFile });
    try {
      assert.deepEqual(await (await fetch(`${second.url}${second.poolId}/.well-known/jwks.json`)).json(), jwks);
      session(await signIn(sdkUser(sdkPool(second), email), email));
      const refreshed = await raw(second, 'GetTokensFromRefreshToken', { ClientId: second.clientId, RefreshToken: tokens.getRefreshToken().getToken() });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    } finally {
      await second.close();
    }
  });

  it('the CLI prints a ready-to-paste config and keeps users after kill -9', async () => {
    const dataFile = join(dir, 'cli.json');
    const first = await startCli(['--data', dataFile, '--pool-id', 'eu-west-1_CliPool9', '--client-id', 'clipoolclient000000000000']);
    assert.equal(first.pool.poolId, 'eu-west-1_CliPool9');
    assert.match(first.output(), /userPoolId: 'eu-west-1_CliPool9'/);
    assert.match(first.output(), /region: 'eu-west-1'/);
    assert.match(first.output(), /api: \{ invokeUrl: '' \}/);
    const { email } = await registeredUser(first.pool);
    await killed(first.child);

    const second = await startCli(['--data', dataFile, '--pool-id', 'eu-west-1_CliPool9', '--client-id', 'clipoolclient000000000000']);
    try {
      session(await signIn(sdkUser(sdkPool(second.pool), email), email));
    } finally {
      await killed(second.child);
    }
  });

  it('every acknowledged sign-up survives a kill -9 in the middle of a write storm', async () => {
    const dataFile = join(dir, 'storm.json');
    const first = await startCli(['--data', dataFile]);
    const acknowledged: string[] = [];
    let settled = 0;
    const attempts = Array.from({ length: 150 }, async (_, i) => {
      const email = uniqueEmail(`storm${i}`);
      const response = await raw(first.pool, 'SignUp', { ClientId: first.pool.clientId, Username: email, Password: PASSWORD }).catch(() => null);
      if (response?.status === 200) acknowledged.push(email);
      settled += 1;
    });
    // Kill once some sign-ups have been acknowledged, while others are (most likely) in flight.
    while (acknowledged.length < 20 && settled < 150) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(acknowledged.length >= 20, 'sign-ups were acknowledged before the kill');
    await killed(first.child);
    await Promise.all(attempts);

    JSON.parse(await readFile(dataFile, 'utf8'));
    const second = await start({ dataFile });
    try {
      const Users = await allUsers(second);
      const stored = new Set(Users.map((u: { Attributes: { Name: string; Value: string }[] }) => u.Attributes.find((a) => a.Name === 'email')?.Value));
      for (const email of acknowledged) assert.ok(stored.has(email), `${email} was acknowledged but lost`);
    } finally {
      await second.close();
    }
  });
});
