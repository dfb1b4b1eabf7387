// A generic OIDC relying party against the local pool: openid-client (panva's certified client)
// finds the endpoints by discovery under the issuer, runs the code flow with PKCE, state and nonce,
// validates the ID token its own way, then reads userInfo, refreshes and revokes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { PASSWORD, start, type LocalPool } from './helpers.js';
import { Browser, CALLBACK, callback } from './oauth-browser.js';

const EMAIL = 'oidc.client@example.com';

describe('hosted UI with a generic OIDC client (openid-client)', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ callbackUrls: [CALLBACK], users: [{ email: EMAIL, password: PASSWORD, attributes: { name: 'Oidc Client' } }] });
  });
  after(() => pool.close());

  it('discovery, code flow with PKCE, userInfo, refresh and revocation', async () => {
    // The pool serves plain http on loopback; openid-client wants that said out loud.
    const config = await oidc.discovery(new URL(pool.issuer), pool.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    assert.equal(config.serverMetadata().token_endpoint, `${pool.url}oauth2/token`);

    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const authorizeUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const browser = new Browser(pool);
    const login = await browser.follow(await browser.get(authorizeUrl.href));
    const back = callback(await browser.submit(login, { username: EMAIL, password: PASSWORD }));

    const tokens = await oidc.authorizationCodeGrant(config, back, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    assert.ok(claims);
    assert.equal(claims.email, EMAIL);
    assert.equal(claims.nonce, nonce);

    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.equal(info.email, EMAIL);
    assert.equal(info.name, 'Oidc Client');

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token as string);
    assert.equal(refreshed.claims()?.sub, claims.sub);

    await oidc.tokenRevocation(config, tokens.refresh_token as string);
    await assert.rejects(
      oidc.refreshTokenGrant(config, tokens.refresh_token as string),
      (error: Error & { error?: string }) => error.error === 'invalid_grant',
    );
  });
});
