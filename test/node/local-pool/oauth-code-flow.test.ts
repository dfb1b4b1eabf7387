// The hosted UI's code flow with PKCE, driven as a browser without JavaScript would: authorize,
// the /login form, the code, the token endpoint, and the ID token verified against the JWKS.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { PASSWORD, start, type LocalPool } from './helpers.js';
import { Browser, CALLBACK, authorizeUrl, callback, forms, pkce, signInForCode, token } from './oauth-browser.js';

const EMAIL = 'hosted.user@example.com';

describe('hosted UI: authorization code + PKCE', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ callbackUrls: [CALLBACK], users: [{ email: EMAIL, password: PASSWORD, attributes: { name: 'Hosted User' } }] });
  });
  after(() => pool.close());

  it('authorize → /login → code → tokens, the ID token verified with the JWKS and the nonce echoed', async () => {
    const browser = new Browser(pool);
    const { verifier, challenge } = pkce();
    const start = await browser.get(
      authorizeUrl(pool, { code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz', nonce: 'n-0S6_WzA2Mj', scope: 'openid email profile' }),
    );
    assert.equal(start.status, 302);
    assert.match(start.location ?? '', /^\/login\?/);
    const login = await browser.get(start.location as string);
    assert.equal(login.status, 200);
    assert.match(login.headers.get('content-type') ?? '', /^text\/html/);
    const csp = login.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /form-action 'self' http:\/\/localhost:3000/);
    assert.doesNotMatch(login.html, /<script/i, 'the page works without script: it has none');
    assert.match(login.html, /<label for="field-username">Email<\/label>/);
    assert.match(login.html, /autocomplete="current-password"/);

    const answer = await browser.submit(login, { username: EMAIL, password: PASSWORD });
    const back = callback(answer);
    assert.equal(back.origin + back.pathname, CALLBACK);
    assert.equal(back.searchParams.get('state'), 'xyz');
    const sessionCookie = answer.headers.getSetCookie().find((line) => line.startsWith('cognito='));
    assert.ok(sessionCookie, 'a session cookie');
    assert.match(sessionCookie, /HttpOnly/);
    assert.match(sessionCookie, /SameSite=Lax/);
    assert.match(sessionCookie, /Path=\//);

    const exchanged = await token(pool, {
      grant_type: 'authorization_code',
      client_id: pool.clientId,
      code: back.searchParams.get('code') as string,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    });
    assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
    assert.equal(exchanged.body.token_type, 'Bearer');
    assert.equal(exchanged.body.expires_in, 3600);
    assert.ok(exchanged.body.refresh_token);
    assert.equal(exchanged.headers.get('cache-control'), 'no-store');

    const jwks = createRemoteJWKSet(new URL(pool.jwksUrl));
    const { payload } = await jwtVerify(exchanged.body.id_token, jwks, { issuer: pool.issuer, audience: pool.clientId });
    assert.equal(payload.nonce, 'n-0S6_WzA2Mj');
    assert.equal(payload.email, EMAIL);
    assert.equal(payload.token_use, 'id');
    assert.deepEqual(payload.amr, ['pwd']);
    assert.ok(typeof payload.at_hash === 'string');
    const access = await jwtVerify(exchanged.body.access_token, jwks, { issuer: pool.issuer });
    assert.equal(access.payload.scope, 'openid email profile');
    assert.equal(access.payload.client_id, pool.clientId);
  });

  it('a wrong password stays on /login with the error, the email kept', async () => {
    const browser = new Browser(pool);
    const login = await browser.follow(await browser.get(authorizeUrl(pool, { code_challenge: pkce().challenge, code_challenge_method: 'S256' })));
    const answer = await browser.submit(login, { username: EMAIL, password: 'Wrong-passw0rd' });
    assert.equal(answer.status, 400);
    assert.match(answer.html, /role="alert">Incorrect username or password\./);
    assert.equal(forms(answer.html)[0].fields.username, EMAIL);
  });

  it('a form posted without the CSRF token is refused', async () => {
    const browser = new Browser(pool);
    const login = await browser.follow(await browser.get(authorizeUrl(pool, { code_challenge: pkce().challenge, code_challenge_method: 'S256' })));
    const answer = await browser.submit(login, { username: EMAIL, password: PASSWORD, _csrf: 'forged-forged-forged-forged-forged' });
    assert.equal(answer.status, 403);
    assert.equal(answer.location, null);
  });

  it('the code works once, within its five minutes, with its verifier and redirect_uri only', async () => {
    // A new browser each time: a second sign-in in one browser would be silent (no /login).
    const wrongVerifier = await signInForCode(new Browser(pool), EMAIL, PASSWORD);
    const refused = await token(pool, {
      grant_type: 'authorization_code',
      client_id: pool.clientId,
      code: wrongVerifier.code,
      redirect_uri: CALLBACK,
      code_verifier: pkce().verifier,
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, 'invalid_grant');

    const other = await signInForCode(new Browser(pool), EMAIL, PASSWORD);
    const mismatched = await token(pool, {
      grant_type: 'authorization_code',
      client_id: pool.clientId,
      code: other.code,
      redirect_uri: 'http://localhost:3000/elsewhere',
      code_verifier: other.verifier,
    });
    assert.deepEqual([mismatched.status, mismatched.body.error], [400, 'invalid_grant']);

    const once = await signInForCode(new Browser(pool), EMAIL, PASSWORD);
    const form = { grant_type: 'authorization_code', client_id: pool.clientId, code: once.code, redirect_uri: CALLBACK, code_verifier: once.verifier };
    const first = await token(pool, form);
    assert.equal(first.status, 200);
    const again = await token(pool, form);
    assert.deepEqual([again.status, again.body.error], [400, 'invalid_grant']);
    // The replay revokes what the code's first use made.
    const refreshed = await token(pool, { grant_type: 'refresh_token', client_id: pool.clientId, refresh_token: first.body.refresh_token });
    assert.deepEqual([refreshed.status, refreshed.body.error], [400, 'invalid_grant']);
  });

  it('an expired code is refused', async () => {
    const quick = await start({ callbackUrls: [CALLBACK], users: [{ email: EMAIL, password: PASSWORD }], limits: { authorizationCodeTtlMs: 50 } });
    try {
      const { code, verifier } = await signInForCode(new Browser(quick), EMAIL, PASSWORD);
      await new Promise((resolve) => setTimeout(resolve, 80));
      const refused = await token(quick, {
        grant_type: 'authorization_code',
        client_id: quick.clientId,
        code,
        redirect_uri: CALLBACK,
        code_verifier: verifier,
      });
      assert.deepEqual([refused.status, refused.body.error], [400, 'invalid_grant']);
    } finally {
      await quick.close();
    }
  });

  it("the token endpoint's other refusals: client, grant types, missing parameters", async () => {
    const { code, verifier } = await signInForCode(new Browser(pool), EMAIL, PASSWORD);
    const base = { grant_type: 'authorization_code', client_id: pool.clientId, code, redirect_uri: CALLBACK, code_verifier: verifier };
    assert.equal((await token(pool, { ...base, client_id: 'someotherclient' })).body.error, 'invalid_client');
    assert.equal((await token(pool, { ...base, client_secret: 'guess' })).body.error, 'invalid_client');
    assert.equal((await token(pool, { grant_type: 'client_credentials', client_id: pool.clientId })).body.error, 'unauthorized_client');
    assert.equal((await token(pool, { grant_type: 'password', client_id: pool.clientId })).body.error, 'unsupported_grant_type');
    assert.equal((await token(pool, { client_id: pool.clientId })).body.error, 'invalid_request');
    const { code_verifier: _omitted, ...withoutVerifier } = base;
    assert.equal((await token(pool, withoutVerifier)).body.error, 'invalid_request');
    // None of these used the code up.
    const exchanged = await token(pool, base);
    assert.equal(exchanged.status, 200);
    assert.equal(decodeJwt(exchanged.body.id_token).email, EMAIL);
  });
});
