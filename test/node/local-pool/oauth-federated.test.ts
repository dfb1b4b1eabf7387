// Federated sign-in through the stand-in providers: the /login buttons, identity_provider skipping
// /login, the user Cognito would make (Provider_<subject>, identities, the provider's group,
// mapped attributes), the same user on the next sign-in, and sessions pinned to a provider.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { PASSWORD, ok, raw, start, type LocalPool } from './helpers.js';
import { Browser, CALLBACK, authorizeUrl, callback, forms, pkce, token, type Page } from './oauth-browser.js';

/** The stand-in's form for a new identity (the others sign in again as an earlier one). */
const typedIdentity = (page: Page) => forms(page.html).findIndex((form) => form.fields.subject === '' && form.fields.cancel === undefined);

async function exchange(pool: LocalPool, page: Page, verifier: string) {
  const back = callback(page);
  const exchanged = await token(pool, {
    grant_type: 'authorization_code',
    client_id: pool.clientId,
    code: back.searchParams.get('code') as string,
    redirect_uri: CALLBACK,
    code_verifier: verifier,
  });
  assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
  return exchanged.body as { id_token: string; access_token: string };
}

describe('hosted UI: federated providers (stand-ins)', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({
      callbackUrls: [CALLBACK],
      federated: 'Google,SignInWithApple,MyOIDC:oidc',
      users: [{ email: 'native@example.com', password: PASSWORD }],
    });
  });
  after(() => pool.close());

  it('/login offers a button per provider; Google creates Google_<sub> with identities and its group', async () => {
    const browser = new Browser(pool);
    const { verifier, challenge } = pkce();
    const login = await browser.follow(
      await browser.get(authorizeUrl(pool, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid email profile', nonce: 'fed-1' })),
    );
    const links = [...login.html.matchAll(/<a class="provider" href="([^"]+)">([^<]+)<\/a>/g)].map(([, href, text]) => ({
      href: href.replace(/&amp;/g, '&'),
      text,
    }));
    assert.deepEqual(
      links.map((link) => link.text),
      ['Continue with Google', 'Continue with Apple', 'Continue with MyOIDC'],
    );
    const standIn = await browser.get(links[0].href);
    assert.equal(standIn.status, 200);
    assert.match(standIn.html, /Google \(stand-in\)/);
    assert.doesNotMatch(standIn.html, /<script/i);
    const answer = await browser.submit(standIn, { email: 'gina@example.com', name: 'Gina Google', subject: '112233445566778899001' }, typedIdentity(standIn));
    const tokens = await exchange(pool, answer, verifier);
    const id = decodeJwt(tokens.id_token);
    assert.equal(id['cognito:username'], 'Google_112233445566778899001');
    assert.equal(id.email, 'gina@example.com');
    assert.equal(id.name, 'Gina Google');
    assert.equal(id.nonce, 'fed-1');
    assert.deepEqual(id['cognito:groups'], [`${pool.poolId}_Google`]);
    const identities = id.identities as Record<string, unknown>[];
    assert.equal(identities.length, 1);
    assert.equal(identities[0].userId, '112233445566778899001');
    assert.equal(identities[0].providerName, 'Google');
    assert.equal(identities[0].providerType, 'Google');
    assert.equal(identities[0].primary, 'true');

    const record = await ok(pool, 'AdminGetUser', { UserPoolId: pool.poolId, Username: 'Google_112233445566778899001' });
    assert.equal(record.UserStatus, 'EXTERNAL_PROVIDER');
  });

  it('identity_provider=Google skips /login; the same subject signs in as the same user, attributes updated', async () => {
    const first = new Browser(pool);
    const one = pkce();
    const page = await first.get(authorizeUrl(pool, { code_challenge: one.challenge, code_challenge_method: 'S256', identity_provider: 'Google' }));
    assert.match(page.location ?? '', /^\/_hosted\/provider\/Google\?/);
    const standIn = await first.get(page.location as string);
    const tokensOne = await exchange(
      pool,
      await first.submit(standIn, { email: 'link@example.com', name: 'First Name' }, typedIdentity(standIn)),
      one.verifier,
    );

    const second = new Browser(pool);
    const two = pkce();
    const again = await second.follow(
      await second.get(authorizeUrl(pool, { code_challenge: two.challenge, code_challenge_method: 'S256', identity_provider: 'Google' })),
    );
    // The stand-in offers the identities signed in before.
    assert.match(again.html, /Continue as link@example\.com/);
    // The subject is derived from the email when left empty: typing the same email links.
    const tokensTwo = await exchange(pool, await second.submit(again, { email: 'link@example.com', name: 'Second Name' }, typedIdentity(again)), two.verifier);
    const [a, b] = [decodeJwt(tokensOne.id_token), decodeJwt(tokensTwo.id_token)];
    assert.equal(b.sub, a.sub);
    assert.equal(b['cognito:username'], a['cognito:username']);
    assert.equal(b.name, 'Second Name');
    assert.deepEqual(b.identities, a.identities);
  });

  it('a federated user does not take the email of a native user; the native user still signs in', async () => {
    const browser = new Browser(pool);
    const { verifier, challenge } = pkce();
    const standIn = await browser.follow(
      await browser.get(authorizeUrl(pool, { code_challenge: challenge, code_challenge_method: 'S256', identity_provider: 'SignInWithApple' })),
    );
    const tokens = await exchange(pool, await browser.submit(standIn, { email: 'native@example.com' }, typedIdentity(standIn)), verifier);
    assert.match(String(decodeJwt(tokens.id_token)['cognito:username']), /^SignInWithApple_/);
    const native = await raw(pool, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: 'native@example.com', PASSWORD },
    });
    assert.equal(native.status, 200);
    const nativeId = decodeJwt((native.body.AuthenticationResult as { IdToken: string }).IdToken);
    assert.equal(nativeId.identities, undefined);
    assert.equal(nativeId.email, 'native@example.com');
  });

  it('a federated session is silent for its provider, not for identity_provider=COGNITO', async () => {
    const browser = new Browser(pool);
    const standIn = await browser.follow(
      await browser.get(authorizeUrl(pool, { code_challenge: pkce().challenge, code_challenge_method: 'S256', identity_provider: 'MyOIDC' })),
    );
    const answer = await browser.submit(standIn, { email: 'oidc@example.com' }, typedIdentity(standIn));
    assert.ok(callback(answer).searchParams.get('code'));
    const sameProvider = callback(
      await browser.get(authorizeUrl(pool, { code_challenge: pkce().challenge, code_challenge_method: 'S256', prompt: 'none', identity_provider: 'MyOIDC' })),
    );
    assert.ok(sameProvider.searchParams.get('code'));
    const pinned = callback(
      await browser.get(authorizeUrl(pool, { code_challenge: pkce().challenge, code_challenge_method: 'S256', prompt: 'none', identity_provider: 'COGNITO' })),
    );
    assert.equal(pinned.searchParams.get('error'), 'login_required');
  });

  it('cancel at the provider returns an error to the app; an unknown provider page is 404', async () => {
    const browser = new Browser(pool);
    const standIn = await browser.follow(
      await browser.get(authorizeUrl(pool, { code_challenge: pkce().challenge, code_challenge_method: 'S256', identity_provider: 'Google', state: 'c1' })),
    );
    const cancel = forms(standIn.html).findIndex((form) => form.fields.cancel === 'true');
    const back = callback(await browser.submit(standIn, {}, cancel));
    assert.equal(back.searchParams.get('error'), 'invalid_request');
    assert.equal(back.searchParams.get('state'), 'c1');
    assert.equal((await browser.get(`/_hosted/provider/Okta?client_id=${pool.clientId}`)).status, 404);
  });
});
