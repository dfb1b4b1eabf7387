// /oauth2/authorize's checks and the browser session: errors by redirect only to a registered
// redirect URI (a page otherwise), prompt=none silent with the cookie and login_required without,
// prompt=login, and /logout (registered sign-out URLs only, the cookie cleared).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, start, type LocalPool } from './helpers.js';
import { Browser, CALLBACK, SIGNED_OUT, authorizeUrl, callback, pkce, signInForCode, token } from './oauth-browser.js';

const EMAIL = 'authorize.user@example.com';

describe('hosted UI: authorize and the browser session', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ callbackUrls: [CALLBACK], logoutUrls: [SIGNED_OUT], users: [{ email: EMAIL, password: PASSWORD }] });
  });
  after(() => pool.close());

  const pkceParams = () => ({ code_challenge: pkce().challenge, code_challenge_method: 'S256' });

  it('an unregistered redirect_uri or unknown client gets an error page, never a redirect', async () => {
    const browser = new Browser(pool);
    for (const params of [
      { redirect_uri: 'https://attacker.example/steal' },
      { redirect_uri: `${CALLBACK}/../evil` },
      { redirect_uri: `${CALLBACK}?extra=1` },
      { client_id: 'notaclient' },
      { redirect_uri: undefined },
    ]) {
      const page = await browser.get(authorizeUrl(pool, { ...pkceParams(), ...params }));
      assert.equal(page.status, 400, JSON.stringify(params));
      assert.equal(page.location, null);
      assert.match(page.html, /role="alert"/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    }
  });

  it("refuses bad requests by redirect with Cognito's errors and the state", async () => {
    const browser = new Browser(pool);
    const cases: [Record<string, string | undefined>, string][] = [
      [{ response_type: undefined }, 'invalid_request'],
      [{ response_type: 'id_token' }, 'unsupported_response_type'],
      [{ code_challenge: undefined, code_challenge_method: undefined }, 'invalid_request'],
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge_method: undefined }, 'invalid_request'],
      [{ scope: 'openid admin' }, 'invalid_scope'],
      [{ scope: 'email' }, 'invalid_scope'],
      [{ identity_provider: 'Okta' }, 'invalid_request'],
      [{ prompt: 'sometimes' }, 'invalid_request'],
    ];
    for (const [params, error] of cases) {
      const back = callback(await browser.get(authorizeUrl(pool, { ...pkceParams(), state: 's-42', ...params })));
      assert.equal(back.origin + back.pathname, CALLBACK);
      assert.equal(back.searchParams.get('error'), error, JSON.stringify(params));
      assert.ok(back.searchParams.get('error_description'));
      assert.equal(back.searchParams.get('state'), 's-42');
      assert.equal(back.searchParams.get('code'), null);
    }
  });

  it('prompt=none: login_required without a session, a code at once with one; prompt=login asks again', async () => {
    const browser = new Browser(pool);
    const before = callback(await browser.get(authorizeUrl(pool, { ...pkceParams(), prompt: 'none', state: 'p1' })));
    assert.equal(before.searchParams.get('error'), 'login_required');
    assert.equal(before.searchParams.get('state'), 'p1');

    await signInForCode(browser, EMAIL, PASSWORD);
    const { verifier, challenge } = pkce();
    const silent = callback(await browser.get(authorizeUrl(pool, { code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none', state: 'p2' })));
    assert.equal(silent.searchParams.get('state'), 'p2');
    const exchanged = await token(pool, {
      grant_type: 'authorization_code',
      client_id: pool.clientId,
      code: silent.searchParams.get('code') as string,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    });
    assert.equal(exchanged.status, 200);

    // Without prompt, a live session is silent too; prompt=login shows /login.
    assert.ok(callback(await browser.get(authorizeUrl(pool, pkceParams()))).searchParams.get('code'));
    const again = await browser.get(authorizeUrl(pool, { ...pkceParams(), prompt: 'login' }));
    assert.match(again.location ?? '', /^\/login\?/);
    // The pool's own sign-in serves a request pinned to COGNITO (a federated one does not: oauth-federated).
    const pinned = await browser.get(authorizeUrl(pool, { ...pkceParams(), prompt: 'none', identity_provider: 'COGNITO' }));
    assert.ok(callback(pinned).searchParams.get('code'));
  });

  it('the implicit grant puts the tokens in the fragment, with no refresh token', async () => {
    const browser = new Browser(pool);
    await signInForCode(browser, EMAIL, PASSWORD);
    const back = callback(await browser.get(authorizeUrl(pool, { response_type: 'token', scope: 'openid email', state: 'imp', nonce: 'n1' })));
    assert.equal(back.search, '');
    const fragment = new URLSearchParams(back.hash.slice(1));
    assert.ok(fragment.get('access_token'));
    assert.ok(fragment.get('id_token'));
    assert.equal(fragment.get('refresh_token'), null);
    assert.equal(fragment.get('token_type'), 'Bearer');
    assert.equal(fragment.get('state'), 'imp');
  });

  it('/logout clears the cookie and goes only to a registered sign-out URL', async () => {
    const browser = new Browser(pool);
    await signInForCode(browser, EMAIL, PASSWORD);
    assert.ok(browser.cookies.has('cognito'));

    const open = await browser.get(`/logout?client_id=${pool.clientId}&logout_uri=${encodeURIComponent('https://attacker.example/')}`);
    assert.equal(open.status, 400);
    assert.equal(open.location, null);
    assert.ok(browser.cookies.has('cognito'), 'a refused sign-out ends nothing');
    const unknownClient = await browser.get(`/logout?client_id=nope&logout_uri=${encodeURIComponent(SIGNED_OUT)}`);
    assert.equal(unknownClient.status, 400);

    const out = await browser.get(`/logout?client_id=${pool.clientId}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`);
    assert.equal(out.status, 302);
    assert.equal(out.location, SIGNED_OUT);
    assert.ok(!browser.cookies.has('cognito'), 'cookie cleared');
    const after = callback(await browser.get(authorizeUrl(pool, { ...pkceParams(), prompt: 'none' })));
    assert.equal(after.searchParams.get('error'), 'login_required');
  });

  it('/logout with redirect_uri and response_type signs out and shows /login again', async () => {
    const browser = new Browser(pool);
    const { code_challenge } = pkceParams();
    await signInForCode(browser, EMAIL, PASSWORD);
    const out = await browser.get(
      `/logout?${new URLSearchParams({ client_id: pool.clientId, response_type: 'code', redirect_uri: CALLBACK, code_challenge, code_challenge_method: 'S256', state: 'again' })}`,
    );
    assert.equal(out.status, 302);
    assert.match(out.location ?? '', /^\/login\?/);
    assert.ok(!browser.cookies.has('cognito'));
    const evil = await browser.get(
      `/logout?${new URLSearchParams({ client_id: pool.clientId, response_type: 'code', redirect_uri: 'https://attacker.example/' })}`,
    );
    assert.equal(evil.status, 400);
    assert.equal(evil.location, null);
  });

  it("the pool's own pages may post from the name the pool was reached by (--allowed-host), other sites' may not", async () => {
    const named = await start({ callbackUrls: [CALLBACK], allowedHosts: ['pool.example.test'] });
    try {
      const { port } = new URL(named.url);
      const post = (origin: string) =>
        new Promise<{ status: number; type: string }>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: `/login?${new URL(authorizeUrl(named, pkceParams()), named.url).searchParams}`,
              headers: { Host: `pool.example.test:${port}`, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
            },
            (res) => {
              res.resume();
              resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']) });
            },
          );
          req.on('error', reject);
          req.end('username=a%40example.com&password=x');
        });
      // Its own origin reaches the page (which refuses the missing CSRF token, in HTML).
      const own = await post(`http://pool.example.test:${port}`);
      assert.equal(own.status, 403);
      assert.match(own.type, /^text\/html/);
      const foreign = await post('https://elsewhere.example');
      assert.equal(foreign.status, 403);
      assert.match(foreign.type, /json/);
    } finally {
      await named.close();
    }
  });

  it('discovery lists the hosted UI endpoints on the pool', async () => {
    const response = await fetch(`${pool.url}${pool.poolId}/.well-known/openid-configuration`);
    const document = (await response.json()) as Record<string, unknown>;
    assert.equal(document.issuer, pool.issuer);
    assert.equal(document.authorization_endpoint, `${pool.url}oauth2/authorize`);
    assert.equal(document.token_endpoint, `${pool.url}oauth2/token`);
    assert.equal(document.userinfo_endpoint, `${pool.url}oauth2/userInfo`);
    assert.equal(document.revocation_endpoint, `${pool.url}oauth2/revoke`);
    assert.equal(document.end_session_endpoint, `${pool.url}logout`);
    assert.equal(document.jwks_uri, pool.jwksUrl);
  });
});
