// Concurrent sign-ups: all distinct ones land; of 50 for one username exactly one wins.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, ok, raw, start, uniqueEmail, type LocalPool } from './helpers.js';
import { allUsers } from './aws-sdk.js';

describe('concurrent sign-ups (persisted pool)', () => {
  let dir: string;
  let pool: LocalPool;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-pool-'));
    pool = await start({ dataFile: join(dir, 'pool.json') });
  });
  after(async () => {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  });

  const signUp = (username: string) => raw(pool, 'SignUp', { ClientId: pool.clientId, Username: username, Password: PASSWORD });

  it('lands 200 concurrent sign-ups of distinct users', async () => {
    const emails = Array.from({ length: 200 }, (_, i) => uniqueEmail(`many${i}`));
    const responses = await Promise.all(emails.map(signUp));
    assert.deepEqual(
      responses.map((r) => r.status),
      emails.map(() => 200),
    );
    const subs = new Set(responses.map((r) => r.body.UserSub));
    assert.equal(subs.size, 200);
    const Users = await allUsers(pool);
    const stored = new Set(Users.map((u: { Attributes: { Name: string; Value: string }[] }) => u.Attributes.find((a) => a.Name === 'email')?.Value));
    for (const email of emails) assert.ok(stored.has(email), email);
    const mail = await (await fetch(`${pool.url}_local/messages`)).json();
    for (const email of emails)
      assert.ok(
        mail.some((m: { to: string }) => m.to === email),
        `code for ${email}`,
      );
  });

  it('lets exactly one of 50 concurrent sign-ups of one username succeed', async () => {
    const email = uniqueEmail('contested');
    const responses = await Promise.all(Array.from({ length: 50 }, () => signUp(email)));
    assert.equal(responses.filter((r) => r.status === 200).length, 1);
    const refused = responses.filter((r) => r.status !== 200);
    assert.equal(refused.length, 49);
    for (const r of refused) assert.equal(r.body.__type, 'UsernameExistsException');
    const { Users } = await ok(pool, 'ListUsers', { UserPoolId: pool.poolId, Filter: `email = "${email}"` });
    assert.equal(Users.length, 1);
  });
});
