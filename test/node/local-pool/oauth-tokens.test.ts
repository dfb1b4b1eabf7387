// After the code: the refresh_token grant, userInfo by scope (and refusing the API's tokens),
// revocation, and CORS for pages calling the token endpoints from their own origin.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { PASSWORD, ok, start, type LocalPool } from './helpers.js';
import { Browser, CALLBACK, signInForCode, token } from './oauth-browser.js';

const EMAIL = 'tokens.user@example.com';

async function tokensFor(pool: LocalPool, scope: string) {
  const { code, verifier } = await signInForCode(new Browser(pool), EMAIL, PASSWORD, { scope });
  const exchanged = await token(pool, { grant_type: 'authorization_code', client_id: pool.clientId, code, redirect_uri: CALLBACK, code_verifier: verifier });
  assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
  return exchanged.body as { access_token: string; id_token?: string; refresh_token: string };
}

async function userInfo(pool: LocalPool, accessToken: string, method = 'GET') {
  const response = await fetch(`${pool.url}oauth2/userInfo`, { method, headers: { Authorization: `Bearer ${accessToken}` } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('hosted UI: tokens after the code', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({
      callbackUrls: [CALLBACK],
      users: [{ email: EMAIL, password: PASSWORD, attributes: { name: 'Token User', phone_number: '+15555550123' } }],
    });
  });
  after(() => pool.close());

  it('refresh_token gives new ID and access tokens with the same scope and sign-in, and no new refresh token', async () => {
    const first = await tokensFor(pool, 'openid email');
    const refreshed = await token(pool, { grant_type: 'refresh_token', client_id: pool.clientId, refresh_token: first.refresh_token });
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.body.refresh_token, undefined);
    const [before, after] = [decodeJwt(first.access_token), decodeJwt(refreshed.body.access_token)];
    assert.equal(after.scope, 'openid email');
    assert.equal(after.origin_jti, before.origin_jti);
    assert.equal(after.auth_time, before.auth_time);
    assert.equal(decodeJwt(refreshed.body.id_token).email, EMAIL);
    const unknown = await token(pool, { grant_type: 'refresh_token', client_id: pool.clientId, refresh_token: 'not-a-token' });
    assert.deepEqual([unknown.status, unknown.body.error], [400, 'invalid_grant']);
  });

  it('without openid: an access token only, and userInfo refuses it', async () => {
    const tokens = await tokensFor(pool, 'aws.cognito.signin.user.admin');
    assert.equal(tokens.id_token, undefined);
    const refused = await userInfo(pool, tokens.access_token);
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /invalid_token/);
  });

  it('userInfo answers the claims the scopes allow', async () => {
    const openid = await userInfo(pool, (await tokensFor(pool, 'openid')).access_token);
    assert.equal(openid.status, 200);
    assert.match(openid.headers.get('content-type') ?? '', /^application\/json;charset=UTF-8/);
    assert.ok(openid.body.sub);
    assert.equal(openid.body.email, undefined);
    const email = await userInfo(pool, (await tokensFor(pool, 'openid email')).access_token, 'POST');
    assert.equal(email.body.email, EMAIL);
    assert.equal(email.body.email_verified, 'true');
    assert.equal(email.body.phone_number, undefined);
    assert.equal(email.body.name, undefined);
    const all = await userInfo(pool, (await tokensFor(pool, 'openid email phone profile')).access_token);
    assert.equal(all.body.name, 'Token User');
    assert.equal(all.body.phone_number, '+15555550123');
  });

  it("userInfo refuses a missing or bad token and the API's tokens", async () => {
    const missing = await fetch(`${pool.url}oauth2/userInfo`);
    assert.equal(missing.status, 400);
    assert.match(missing.headers.get('www-authenticate') ?? '', /invalid_request/);
    assert.equal((await userInfo(pool, 'a.b.c')).status, 401);
    const api = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: EMAIL, PASSWORD } });
    assert.equal((await userInfo(pool, api.AuthenticationResult.AccessToken)).status, 401);
  });

  it('revoke ends the refresh token and its access tokens; unknown tokens are no error', async () => {
    const tokens = await tokensFor(pool, 'openid email');
    const revoke = (form: Record<string, string>) =>
      fetch(`${pool.url}oauth2/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    const done = await revoke({ token: tokens.refresh_token, client_id: pool.clientId });
    assert.equal(done.status, 200);
    assert.equal(await done.text(), '');
    const refreshed = await token(pool, { grant_type: 'refresh_token', client_id: pool.clientId, refresh_token: tokens.refresh_token });
    assert.deepEqual([refreshed.status, refreshed.body.error], [400, 'invalid_grant']);
    assert.equal((await userInfo(pool, tokens.access_token)).status, 401);
    assert.equal((await revoke({ token: 'unknown', client_id: pool.clientId })).status, 200);
    assert.equal((await revoke({ token: tokens.access_token, client_id: pool.clientId })).status, 400);
    assert.equal((await revoke({ token: 'unknown', client_id: 'other' })).status, 401);
    assert.equal((await revoke({ client_id: pool.clientId })).status, 400);
  });

  it("answers CORS for a loopback page's origin, and refuses another site's page", async () => {
    const tokens = await tokensFor(pool, 'openid');
    const fromPage = await fetch(`${pool.url}oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:3000' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: pool.clientId, refresh_token: tokens.refresh_token }),
    });
    assert.equal(fromPage.status, 200);
    assert.equal(fromPage.headers.get('access-control-allow-origin'), 'http://localhost:3000');
    const preflight = await fetch(`${pool.url}oauth2/userInfo`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const foreign = await fetch(`${pool.url}oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://elsewhere.example' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: pool.clientId, refresh_token: tokens.refresh_token }),
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });
});
