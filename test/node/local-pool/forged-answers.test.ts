// Fault kind 'answer': the next matching operation answers a forged body instead of running, so
// client tests can meet challenges and results the pool never produces.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { PASSWORD, local, messages, raw, sdkPool, signUp, start, uniqueEmail, type LocalPool } from './helpers.js';

describe('forged answers', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());
  beforeEach(() => local(pool, 'DELETE', 'faults'));

  const signUpRaw = (email = uniqueEmail()) =>
    raw(pool, 'SignUp', { ClientId: pool.clientId, Username: email, Password: PASSWORD }, { headers: { Origin: 'http://localhost:8080' } });

  it('answers exactly the body, with status 200 and the usual headers, without running the operation', async () => {
    const forged = { ChallengeName: 'EMAIL_OTP', Session: 'x', ChallengeParameters: {} };
    const added = await local(pool, 'POST', 'faults', { operation: 'InitiateAuth', kind: 'answer', body: forged, times: 1 });
    assert.equal(added.status, 200);
    assert.deepEqual(added.body.body, forged);
    assert.equal(added.body.status, 200);
    const response = await raw(
      pool,
      'InitiateAuth',
      { AuthFlow: 'USER_SRP_AUTH', ClientId: pool.clientId, AuthParameters: {} },
      { headers: { Origin: 'http://localhost:8080' } },
    );
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, forged);
    assert.equal(response.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:8080');
    assert.ok(response.headers.get('x-amzn-requestid'));
    // Used up: the real operation answers again (and refuses the empty parameters).
    assert.equal((await raw(pool, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: pool.clientId, AuthParameters: {} })).status, 400);
  });

  it('does not run the operation it replaces', async () => {
    const email = uniqueEmail();
    await local(pool, 'POST', 'faults', { operation: 'SignUp', kind: 'answer', body: { UserConfirmed: false, UserSub: 'forged' }, times: 1 });
    assert.deepEqual((await signUpRaw(email)).body, { UserConfirmed: false, UserSub: 'forged' });
    assert.deepEqual(await messages(pool, email), [], 'no sign-up code was sent');
    // The address is still free.
    assert.equal((await signUpRaw(email)).status, 200);
  });

  it('forges an AuthenticationResult that lacks a token', async () => {
    const body = { ChallengeParameters: {}, AuthenticationResult: { AccessToken: 'a.b.c', ExpiresIn: 3600, TokenType: 'Bearer' } };
    await local(pool, 'POST', 'faults', { operation: 'InitiateAuth', kind: 'answer', body, times: 1 });
    const response = await raw(pool, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: 'a@b.co', PASSWORD },
    });
    assert.deepEqual(response.body, body);
  });

  it('forges an error with its status: the SDK reports the forged type', async () => {
    const body = { __type: 'CodeDeliveryFailureException', message: 'Unable to deliver the code.' };
    await local(pool, 'POST', 'faults', { operation: 'SignUp', kind: 'answer', body, status: 400, times: 1 });
    const response = await signUpRaw();
    assert.equal(response.status, 400);
    assert.deepEqual(response.body, body);
    assert.equal(response.headers.get('x-amzn-errortype'), 'CodeDeliveryFailureException');
    await local(pool, 'POST', 'faults', { operation: 'SignUp', kind: 'answer', body, status: 400, times: 1 });
    await assert.rejects(signUp(sdkPool(pool), uniqueEmail()), { code: 'CodeDeliveryFailureException', message: 'Unable to deliver the code.' });
  });

  it('answers operations the pool does not implement', async () => {
    await local(pool, 'POST', 'faults', { operation: 'GetUserAuthFactors', kind: 'answer', body: { Username: 'u', ConfiguredUserAuthFactors: ['PASSWORD'] } });
    const response = await raw(pool, 'GetUserAuthFactors', { AccessToken: 'x' });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.ConfiguredUserAuthFactors, ['PASSWORD']);
    // Without times it stays until cleared.
    assert.equal((await raw(pool, 'GetUserAuthFactors', { AccessToken: 'x' })).status, 200);
    assert.equal((await local(pool, 'GET', 'faults')).body.length, 1);
  });

  it('refuses a malformed answer fault', async () => {
    const refused = [
      { kind: 'answer' },
      { kind: 'answer', body: null },
      { kind: 'answer', body: [1, 2] },
      { kind: 'answer', body: 'text' },
      { kind: 'answer', body: {}, status: 199 },
      { kind: 'answer', body: {}, status: 600 },
      { kind: 'answer', body: {}, status: 404.5 },
      { kind: 'answer', body: {}, status: '400' },
      { kind: 'http-500', body: {} },
      { kind: 'throttle', status: 400 },
    ];
    for (const fault of refused) {
      const response = await local(pool, 'POST', 'faults', fault);
      assert.equal(response.status, 400, JSON.stringify(fault));
      assert.equal(response.body.__type, 'InvalidParameterException');
    }
    assert.deepEqual((await local(pool, 'GET', 'faults')).body, []);
    for (const status of [200, 599]) {
      assert.equal((await local(pool, 'POST', 'faults', { kind: 'answer', body: {}, status, operation: 'Nothing' })).status, 200);
    }
  });
});
