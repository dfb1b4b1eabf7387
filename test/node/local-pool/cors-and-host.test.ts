// Safe by default: CORS for loopback origins only, the Host header checked (DNS rebinding), the
// /_local/ controls and Admin operations kept from other origins' pages, and Admin operations
// wanting SigV4-shaped credentials, as Cognito does. Each refusal names the flag that allows it.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { AdminGetUserCommand, CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { SIGV4_HEADER, PASSWORD, raw, start, uniqueEmail, type LocalPool } from './helpers.js';

const EVIL = 'https://evil.example';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { __type?: string; message?: string } & Record<string, unknown>;
}

/** A request with exactly these headers (fetch would not let a test set Host). */
function send(pool: LocalPool, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const { hostname, port } = new URL(pool.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as Answer['body']) : {} }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const target = (operation: string) => ({ 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` });

const preflight = (pool: LocalPool, origin: string, path = '/') =>
  send(pool, 'OPTIONS', path, { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-target' });

const signUp = (pool: LocalPool, headers: Record<string, string>) =>
  send(pool, 'POST', '/', { ...target('SignUp'), ...headers }, JSON.stringify({ ClientId: pool.clientId, Username: uniqueEmail(), Password: PASSWORD }));

const adminGetUser = (pool: LocalPool, headers: Record<string, string>) =>
  send(pool, 'POST', '/', { ...target('AdminGetUser'), ...headers }, JSON.stringify({ UserPoolId: pool.poolId, Username: 'nobody@example.com' }));

function assertRefused(answer: Answer, flag: string) {
  assert.equal(answer.status, 403, JSON.stringify(answer.body));
  assert.equal(answer.body.__type, 'AccessDeniedException');
  assert.match(String(answer.body.message), new RegExp(flag));
}

describe('CORS and Host (defaults)', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());

  it('answers a preflight from another site with no Allow-Origin', async () => {
    const answer = await preflight(pool, EVIL);
    assertRefused(answer, '--cors-origin https://evil.example');
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
    assert.equal(answer.headers['access-control-allow-credentials'], undefined);
  });

  it("refuses another site's request for the mailbox, which needs no preflight", async () => {
    const answer = await send(pool, 'GET', '/_local/messages', { Origin: EVIL });
    assertRefused(answer, '--cors-origin');
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
    assert.ok(!('length' in answer.body), 'no messages in the answer');
  });

  it("refuses another site's operations, controls and Admin calls", async () => {
    assertRefused(await signUp(pool, { Origin: EVIL }), '--cors-origin');
    assertRefused(await send(pool, 'POST', '/_local/reset', { Origin: EVIL }), '--cors-origin');
    assertRefused(await adminGetUser(pool, { Origin: EVIL, ...SIGV4_HEADER }), '--cors-origin');
  });

  it('refuses a site whose name only starts like localhost', async () => {
    assertRefused(await preflight(pool, 'http://localhost.evil.example:9229'), '--cors-origin');
    assertRefused(await preflight(pool, 'null'), '--cors-origin null');
  });

  it('answers pages on loopback origins, any port, for the operations', async () => {
    for (const origin of ['http://localhost:5173', 'https://localhost', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'http://app.localhost:4000']) {
      const answer = await preflight(pool, origin);
      assert.equal(answer.status, 204, origin);
      assert.equal(answer.headers['access-control-allow-origin'], origin);
      assert.equal(answer.headers['access-control-allow-credentials'], 'true');
      const signedUp = await signUp(pool, { Origin: origin });
      assert.equal(signedUp.status, 200, JSON.stringify(signedUp.body));
      assert.equal(signedUp.headers['access-control-allow-origin'], origin);
    }
  });

  it('keeps the controls and Admin operations from loopback pages too, saying which flag allows them', async () => {
    const origin = 'http://localhost:5173';
    for (const answer of [
      await send(pool, 'GET', '/_local/messages', { Origin: origin }),
      await send(pool, 'POST', '/_local/reset', { Origin: origin }),
      await adminGetUser(pool, { Origin: origin, ...SIGV4_HEADER }),
    ]) {
      assertRefused(answer, '--browser-admin-origin http://localhost:5173');
      // The page may read why (it is a CORS origin), so the message reaches its console.
      assert.equal(answer.headers['access-control-allow-origin'], origin);
    }
  });

  it("lets the pool's own origin and programs (no Origin) use the controls", async () => {
    const { host } = new URL(pool.url);
    assert.equal((await send(pool, 'GET', '/_local/messages', { Origin: `http://${host}` })).status, 200);
    assert.equal((await send(pool, 'GET', '/_local/messages', {})).status, 200);
  });

  it('refuses a Host name that is not loopback (DNS rebinding)', async () => {
    const answer = await send(pool, 'GET', '/_local/messages', { Host: 'evil.example:9229' });
    assertRefused(answer, '--allowed-host evil\\.example');
    assertRefused(await signUp(pool, { Host: 'evil.example' }), '--allowed-host');
    for (const host of ['localhost:9229', '127.0.0.1', '[::1]:9229', 'pool.localhost']) {
      assert.equal((await send(pool, 'GET', '/', { Host: host })).status, 200, host);
    }
  });
});

describe('Admin operations need credentials', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());

  it('answers an unsigned Admin call as Cognito does, saying what to send', async () => {
    const unsigned: Record<string, string>[] = [{}, { Authorization: 'Bearer some-token' }];
    for (const headers of unsigned) {
      const answer = await adminGetUser(pool, headers);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.__type, 'MissingAuthenticationTokenException');
      assert.equal(answer.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException');
      assert.match(String(answer.body.message), /^Missing Authentication Token: AdminGetUser needs AWS credentials.*does not check the signature/);
    }
  });

  it('wants them for the other IAM-authorised operations too (ListUsers), not for the public ones', async () => {
    const listed = await raw(pool, 'ListUsers', { UserPoolId: pool.poolId }, { unsigned: true });
    assert.equal(listed.body.__type, 'MissingAuthenticationTokenException');
    assert.equal((await signUp(pool, {})).status, 200);
  });

  it('takes any SigV4-shaped Authorization header (the signature is not checked)', async () => {
    const answer = await adminGetUser(pool, SIGV4_HEADER);
    assert.equal(answer.body.__type, 'UserNotFoundException');
  });

  it('the AWS SDK v3 signs its calls, so they pass as they are', async () => {
    const client = new CognitoIdentityProviderClient({
      endpoint: pool.url,
      region: pool.region,
      credentials: { accessKeyId: 'AKIALOCALPOOLTEST', secretAccessKey: 'local-pool-test-secret' },
      maxAttempts: 1,
    });
    const email = uniqueEmail();
    await raw(pool, 'AdminCreateUser', {
      UserPoolId: pool.poolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: email }],
    });
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: email }));
    assert.equal(user.UserStatus, 'FORCE_CHANGE_PASSWORD');
    const listed = await client.send(new ListUsersCommand({ UserPoolId: pool.poolId }));
    assert.ok(listed.Users?.length);
  });
});

describe('CORS and Host (opt-ins)', () => {
  const app = 'https://app.example.test:8443';
  const runner = 'http://localhost:8000';
  let pool: LocalPool;
  before(async () => {
    pool = await start({ corsOrigins: [app], allowedHosts: ['pool.example.test'], browserAdminOrigins: [runner] });
  });
  after(() => pool.close());

  it('answers pages at a --cors-origin, but keeps the controls from them', async () => {
    const answer = await preflight(pool, app);
    assert.equal(answer.status, 204);
    assert.equal(answer.headers['access-control-allow-origin'], app);
    assert.equal((await signUp(pool, { Origin: app })).status, 200);
    assertRefused(await send(pool, 'GET', '/_local/messages', { Origin: app }), `--browser-admin-origin ${app}`);
  });

  it('lets a --browser-admin-origin page use the controls and (signed) Admin operations', async () => {
    const messages = await send(pool, 'GET', '/_local/messages', { Origin: runner });
    assert.equal(messages.status, 200);
    assert.equal(messages.headers['access-control-allow-origin'], runner);
    assert.equal((await adminGetUser(pool, { Origin: runner, ...SIGV4_HEADER })).body.__type, 'UserNotFoundException');
    // Still as Cognito: unsigned Admin calls are refused whoever sends them.
    assert.equal((await adminGetUser(pool, { Origin: runner })).body.__type, 'MissingAuthenticationTokenException');
  });

  it('answers a Host given with --allowed-host', async () => {
    assert.equal((await send(pool, 'GET', '/', { Host: 'pool.example.test:9229' })).status, 200);
    assertRefused(await send(pool, 'GET', '/', { Host: 'other.example.test' }), '--allowed-host other\\.example\\.test');
  });

  it('refuses options that are not origins', async () => {
    await assert.rejects(start({ corsOrigins: ['https://app.example.test/path'] }), /corsOrigins: "https:\/\/app.example.test\/path" is not an origin/);
    await assert.rejects(start({ browserAdminOrigins: ['localhost:8000'] }), /browserAdminOrigins: "localhost:8000" is not an origin/);
    await assert.rejects(start({ allowedHosts: ['https://pool.example.test'] }), /allowedHosts: .* is not a host name/);
  });
});
