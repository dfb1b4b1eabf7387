// GET/DELETE /_local/requests: every operation request with its answer's status, for counting.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { REQUEST_LOG_LIMIT, RequestLog, type LoggedRequest } from '../../../local-pool/requests.js';
import { PASSWORD, local, raw, signedInUser, start, uniqueEmail, type LocalPool } from './helpers.js';

describe('request log', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());
  beforeEach(async () => {
    await local(pool, 'DELETE', 'faults');
    await local(pool, 'DELETE', 'requests');
  });

  const requests = async (query = ''): Promise<LoggedRequest[]> => (await local(pool, 'GET', `requests${query}`)).body;
  const signUpRaw = () => raw(pool, 'SignUp', { ClientId: pool.clientId, Username: uniqueEmail(), Password: PASSWORD });

  it('lists each operation request, oldest first, with its time and status', async () => {
    const started = Date.now();
    await signedInUser(pool);
    const log = await requests();
    assert.deepEqual(
      log.map((r) => r.operation),
      ['SignUp', 'ConfirmSignUp', 'InitiateAuth', 'RespondToAuthChallenge'],
    );
    assert.ok(log.every((r) => r.status === 200));
    const times = log.map((r) => Date.parse(r.at));
    assert.ok(
      log.every((r) => r.at === new Date(Date.parse(r.at)).toISOString()),
      'ISO 8601 times',
    );
    assert.ok(
      times.every((t, i) => t >= started && (i === 0 || t >= times[i - 1])),
      'oldest first',
    );
  });

  it('filters by operation, with or without the service prefix', async () => {
    await signUpRaw();
    await raw(pool, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: pool.clientId, AuthParameters: {} });
    await signUpRaw();
    assert.deepEqual(
      (await requests('?operation=SignUp')).map((r) => r.status),
      [200, 200],
    );
    assert.deepEqual(
      (await requests('?operation=AWSCognitoIdentityProviderService.InitiateAuth')).map((r) => r.status),
      [400],
    );
    assert.deepEqual(await requests('?operation=ForgotPassword'), []);
  });

  it('records refused and faulted requests with the status sent, 0 when none was', async () => {
    await local(pool, 'POST', 'faults', { operation: 'SignUp', kind: 'http-500', times: 1 });
    await local(pool, 'POST', 'faults', { operation: 'ForgotPassword', kind: 'throttle', times: 1 });
    await local(pool, 'POST', 'faults', { operation: 'GetUser', kind: 'drop', times: 1 });
    await local(pool, 'POST', 'faults', { operation: 'ResendConfirmationCode', kind: 'answer', body: {}, status: 418, times: 1 });
    await signUpRaw();
    await raw(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'a@b.co' });
    await assert.rejects(raw(pool, 'GetUser', { AccessToken: 'x' }));
    await raw(pool, 'ResendConfirmationCode', { ClientId: pool.clientId, Username: 'a@b.co' });
    await raw(pool, 'NoSuchOperation', {});
    assert.deepEqual(
      (await requests()).map(({ operation, status }) => ({ operation, status })),
      [
        { operation: 'SignUp', status: 500 },
        { operation: 'ForgotPassword', status: 400 },
        { operation: 'GetUser', status: 0 },
        { operation: 'ResendConfirmationCode', status: 418 },
        { operation: 'NoSuchOperation', status: 400 },
      ],
    );
  });

  it('leaves out what is not an operation: test controls, GETs, preflights, POSTs without X-Amz-Target', async () => {
    await local(pool, 'GET', 'messages');
    await fetch(`${pool.url}${pool.poolId}/.well-known/jwks.json`);
    await fetch(pool.url, { method: 'OPTIONS', headers: { Origin: 'http://localhost:8080', 'Access-Control-Request-Method': 'POST' } });
    await fetch(pool.url, { method: 'POST', body: '{}' });
    assert.deepEqual(await requests(), []);
  });

  it('shows a request in flight with status 0, then its status once answered', async () => {
    await local(pool, 'POST', 'faults', { operation: 'SignUp', kind: 'delay', delayMs: 300, times: 1 });
    const pending = signUpRaw();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(
      (await requests()).map((r) => r.status),
      [0],
    );
    await pending;
    assert.deepEqual(
      (await requests()).map((r) => r.status),
      [200],
    );
  });

  it('is emptied by DELETE /_local/requests and by reset', async () => {
    await signUpRaw();
    assert.equal((await requests()).length, 1);
    assert.equal((await local(pool, 'DELETE', 'requests')).status, 200);
    assert.deepEqual(await requests(), []);
    await signUpRaw();
    await local(pool, 'POST', 'reset');
    assert.deepEqual(await requests(), []);
  });
});

describe('request log limit', () => {
  /** Stands in for a ServerResponse: the log reads only headersSent and statusCode, and waits for close. */
  const answered = (statusCode: number) => Object.assign(new EventEmitter(), { headersSent: true, statusCode }) as unknown as ServerResponse;

  it('keeps the newest entries only', () => {
    assert.equal(REQUEST_LOG_LIMIT, 10_000);
    const log = new RequestLog(3);
    for (let i = 1; i <= 5; i++) log.record(`Op${i}`, answered(200));
    assert.deepEqual(
      log.list().map((r) => r.operation),
      ['Op3', 'Op4', 'Op5'],
    );
  });
});
