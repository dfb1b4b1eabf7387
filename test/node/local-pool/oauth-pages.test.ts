// The hosted UI's pages beyond the password: MFA on a second page, unconfirmed and locked-out
// users as InitiateAuth treats them, and the sign-up and forgot-password pages, all as plain
// HTML forms (what a browser without JavaScript does).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { decodeJwt } from 'jose';
import { PASSWORD, latestCode, start, type LocalPool } from './helpers.js';
import { Browser, CALLBACK, authorizeUrl, callback, forms, pkce, token } from './oauth-browser.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const totpCode = () => new TOTP({ secret: Secret.fromBase32(SECRET) }).generate();

async function loginPage(browser: Browser, params: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const page = await browser.follow(await browser.get(authorizeUrl(browser.pool, { code_challenge: challenge, code_challenge_method: 'S256', ...params })));
  assert.equal(page.status, 200, page.html);
  return { page, verifier };
}

describe('hosted UI: MFA, account states, sign-up and password reset pages', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({
      callbackUrls: [CALLBACK],
      mfa: 'OPTIONAL',
      limits: { lockoutThreshold: 2, lockoutBaseMs: 60_000 },
      users: [
        { email: 'totp@example.com', password: PASSWORD, mfa: { totpSecret: SECRET } },
        { email: 'unconfirmed@example.com', password: PASSWORD, confirmed: false },
        { email: 'locked@example.com', password: PASSWORD },
        { email: 'forgot@example.com', password: PASSWORD },
      ],
    });
  });
  after(() => pool.close());

  it('asks for the TOTP code on a second page; a wrong code stays there; the right one signs in with amr mfa', async () => {
    const browser = new Browser(pool);
    const { page, verifier } = await loginPage(browser);
    const mfa = await browser.submit(page, { username: 'totp@example.com', password: PASSWORD });
    assert.equal(mfa.status, 200);
    assert.match(mfa.html, /<h1>Enter your authenticator code<\/h1>/);
    assert.match(mfa.html, /autocomplete="one-time-code"/);
    assert.ok(!browser.cookies.has('cognito'), 'no session before the second factor');
    const wrong = await browser.submit(mfa, { code: '000000' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.html, /aria-invalid="true"/);
    const done = await browser.submit(wrong, { code: totpCode() });
    const back = callback(done);
    const exchanged = await token(pool, {
      grant_type: 'authorization_code',
      client_id: pool.clientId,
      code: back.searchParams.get('code') as string,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    });
    assert.deepEqual(decodeJwt(exchanged.body.id_token).amr, ['pwd', 'mfa']);
  });

  it('an unconfirmed user is told so and can confirm with the mailed code, then sign in', async () => {
    const browser = new Browser(pool);
    const { page } = await loginPage(browser);
    const refused = await browser.submit(page, { username: 'unconfirmed@example.com', password: PASSWORD });
    assert.equal(refused.status, 400);
    assert.match(refused.html, /not confirmed/);
    const link = /href="(\/confirm\?[^"]+)"/.exec(refused.html)?.[1].replace(/&amp;/g, '&');
    assert.ok(link);
    const confirm = await browser.get(link);
    assert.equal(forms(confirm.html)[0].fields.username, 'unconfirmed@example.com');
    const resent = await browser.submit(confirm, { action: 'resend' });
    assert.match(resent.html, /We sent a new code/);
    const code = await latestCode(pool, 'unconfirmed@example.com', 'sign-up');
    const confirmed = await browser.submit(resent, { code });
    assert.match(confirmed.html, /Your account is confirmed/);
    assert.ok(callback(await browser.submit(confirmed, { password: PASSWORD })).searchParams.get('code'));
  });

  it('wrong passwords lock the account as at InitiateAuth', async () => {
    const browser = new Browser(pool);
    let { page } = await loginPage(browser);
    for (let i = 0; i < 2; i++) page = await browser.submit(page, { username: 'locked@example.com', password: 'Wrong-passw0rd' });
    const locked = await browser.submit(page, { username: 'locked@example.com', password: PASSWORD });
    assert.equal(locked.status, 400);
    assert.match(locked.html, /Password attempts exceeded/);
  });

  it('sign-up page: create, confirm, sign in, back to the app', async () => {
    const browser = new Browser(pool);
    const { page } = await loginPage(browser);
    const signupLink = /href="(\/signup\?[^"]+)"/.exec(page.html)?.[1].replace(/&amp;/g, '&');
    assert.ok(signupLink);
    const signup = await browser.get(signupLink);
    assert.match(signup.html, /autocomplete="new-password"/);
    const weak = await browser.submit(signup, { username: 'new.hosted@example.com', password: 'short' });
    assert.equal(weak.status, 400);
    assert.match(weak.html, /role="alert"/);
    const created = await browser.submit(weak, { username: 'new.hosted@example.com', password: PASSWORD });
    assert.equal(created.status, 303);
    const confirm = await browser.get(created.location as string);
    const confirmed = await browser.submit(confirm, { code: await latestCode(pool, 'new.hosted@example.com', 'sign-up') });
    assert.ok(callback(await browser.submit(confirmed, { password: PASSWORD })).searchParams.get('code'));
  });

  it('forgot-password pages: code by email, new password, sign in with it', async () => {
    const browser = new Browser(pool);
    const { page } = await loginPage(browser);
    const link = /href="(\/forgotPassword\?[^"]+)"/.exec(page.html)?.[1].replace(/&amp;/g, '&');
    const forgot = await browser.get(link as string);
    const sent = await browser.submit(forgot, { username: 'forgot@example.com' });
    assert.equal(sent.status, 303);
    const reset = await browser.get(sent.location as string);
    const code = await latestCode(pool, 'forgot@example.com', 'forgot-password');
    const changed = await browser.submit(reset, { code, password: 'N3w-Passw0rd!' });
    assert.match(changed.html, /Your password is changed/);
    assert.ok(callback(await browser.submit(changed, { password: 'N3w-Passw0rd!' })).searchParams.get('code'));
  });
});
