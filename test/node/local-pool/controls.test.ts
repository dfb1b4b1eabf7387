// Test controls (/_local/faults, /_local/reset, /_local/messages) and CORS as browsers need it.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { PASSWORD, local, messages, raw, sdkPool, signUp, start, uniqueEmail, type LocalPool } from './helpers.js';

describe('fault injection', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());
  beforeEach(() => local(pool, 'DELETE', 'faults'));

  const signUpRaw = () => raw(pool, 'SignUp', { ClientId: pool.clientId, Username: uniqueEmail(), Password: PASSWORD });

  it('http-500 answers InternalErrorException with status 500, the given number of times', async () => {
    assert.equal((await local(pool, 'POST', 'faults', { operation: 'SignUp', kind: 'http-500', times: 2 })).status, 200);
    for (let i = 0; i < 2; i++) {
      const response = await signUpRaw();
      assert.equal(response.status, 500);
      assert.equal(response.body.__type, 'InternalErrorException');
      assert.ok(response.headers.get('access-control-allow-origin'));
    }
    assert.equal((await signUpRaw()).status, 200);
  });

  it('throttle answers 400 TooManyRequestsException, which the SDK reports by code', async () => {
    await local(pool, 'POST', 'faults', { kind: 'throttle', times: 1 });
    await assert.rejects(signUp(sdkPool(pool), uniqueEmail()), { code: 'TooManyRequestsException' });
    assert.equal((await signUpRaw()).status, 200);
  });

  it('drop destroys the connection without an answer (the SDK sees a network error)', async () => {
    await local(pool, 'POST', 'faults', { operation: 'AWSCognitoIdentityProviderService.SignUp', kind: 'drop', times: 1 });
    await assert.rejects(signUp(sdkPool(pool), uniqueEmail()), { code: 'NetworkError' });
    assert.equal((await signUpRaw()).status, 200);
  });

  it('delay answers after delayMs, and only for the named operation', async () => {
    await local(pool, 'POST', 'faults', { operation: 'ForgotPassword', kind: 'delay', delayMs: 5000 });
    // Another operation is not held up: it answers while the fault stays in place.
    assert.equal((await signUpRaw()).status, 200);
    assert.equal((await local(pool, 'GET', 'faults')).body.length, 1);
    await local(pool, 'DELETE', 'faults');
    await local(pool, 'POST', 'faults', { kind: 'delay', delayMs: 150, times: 1 });
    const started = Date.now();
    assert.equal((await signUpRaw()).status, 200);
    assert.ok(Date.now() - started >= 140, 'the answer came after the delay');
  });

  it('refuses a malformed fault', async () => {
    const response = await local(pool, 'POST', 'faults', { kind: 'explode' });
    assert.equal(response.status, 400);
    assert.equal(response.body.__type, 'InvalidParameterException');
  });

  it('reset empties users, mailbox and faults', async () => {
    const email = uniqueEmail();
    await signUp(sdkPool(pool), email);
    await local(pool, 'POST', 'faults', { operation: 'ForgotPassword', kind: 'throttle' });
    assert.equal((await local(pool, 'POST', 'reset')).status, 200);
    assert.deepEqual(await messages(pool), []);
    assert.deepEqual((await local(pool, 'GET', 'faults')).body, []);
    // Gone: the pool (hiding unknown users, as Cognito's default) simulates a delivery and sends nothing.
    const gone = await raw(pool, 'ResendConfirmationCode', { ClientId: pool.clientId, Username: email });
    assert.equal(gone.status, 200);
    assert.deepEqual(await messages(pool), []);
    // The same email can register again.
    await signUp(sdkPool(pool), email);
  });

  it('filters messages by recipient', async () => {
    const [a, b] = [uniqueEmail('a'), uniqueEmail('b')];
    await signUp(sdkPool(pool), a);
    await signUp(sdkPool(pool), b);
    const onlyA = await messages(pool, a.toUpperCase());
    assert.equal(onlyA.length, 1);
    assert.equal(onlyA[0].to, a);
  });
});

describe('CORS', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());

  it('answers a preflight with the origin and the requested headers', async () => {
    const requested = 'cache-control,content-type,x-amz-target,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request';
    const response = await fetch(pool.url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:8080', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': requested },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:8080');
    assert.equal(response.headers.get('access-control-allow-headers'), requested);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  it('puts Allow-Origin and Expose-Headers on successes and errors', async () => {
    const headers = { Origin: 'http://localhost:8080' };
    const success = await raw(pool, 'SignUp', { ClientId: pool.clientId, Username: uniqueEmail(), Password: PASSWORD }, { headers });
    const failure = await raw(pool, 'SignUp', { ClientId: pool.clientId, Username: 'bad', Password: PASSWORD }, { headers });
    for (const response of [success, failure]) {
      assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:8080');
      assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
      assert.match(response.headers.get('access-control-expose-headers') ?? '', /x-amzn-ErrorType/);
      assert.ok(response.headers.get('x-amzn-requestid'));
    }
    assert.equal(failure.status, 400);
    assert.equal(failure.headers.get('x-amzn-errormessage'), 'Username should be an email.');
  });
});
