// The demo walked in a real browser as a person would: register, read the code in the mailbox,
// verify (which signs the new user in), see the members page, call the protected API, sign out, and be sent to sign in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { fill, launchBrowser, readCodeFromMailbox, submitAndWaitForPage, waitForPath, watchForProblems } from './browser.js';
import { PASSWORD, uniqueEmail } from './helpers.js';

describe('walking through the demo', () => {
  let demo: RunningDemo;
  let browser: Browser;

  before(async () => {
    demo = await startDemo({ port: 0, poolPort: 0, quiet: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('takes a new user from register to a ride and back out', async () => {
    const email = uniqueEmail();
    const page: Page = await browser.newPage();
    const problems = watchForProblems(page);
    const at = (path: string) => new URL(path, demo.url).href;

    await page.goto(at('register.html'));
    await fill(page, 'auth-register', { email, password: PASSWORD, confirm: PASSWORD });
    await submitAndWaitForPage(page, 'auth-register', 'verify.html');

    const mailbox = await browser.newPage();
    const code = await readCodeFromMailbox(mailbox, demo.url, email);
    await mailbox.close();
    assert.match(code, /^\d{6}$/);

    const prefilled = await page.$eval('auth-verify input[name="email"]', (input) => input.value);
    assert.equal(prefilled, email, 'verify.html knows who just registered');
    await fill(page, 'auth-verify', { code });
    // The code also signs the new user in (SignUp's Session, then USER_AUTH): no password again.
    await submitAndWaitForPage(page, 'auth-verify', 'ride.html');

    // <auth-gate> shows the members' content (slots it) once the session is known.
    await page.waitForFunction(() => document.querySelector('auth-gate #members')?.assignedSlot != null);
    await page.waitForFunction(() => document.querySelector('#user-email')?.shadowRoot?.textContent?.includes('@'));
    assert.equal(await page.$eval('#user-email', (node) => node.shadowRoot!.textContent.trim()), email, '<auth-user> shows the email');
    const claims = await page.$$eval('#claims tr', (rows) => rows.map((row) => row.textContent ?? ''));
    assert.ok(
      claims.some((row) => row.startsWith('email') && row.includes(email)),
      'the claims table shows the email claim',
    );

    await page.click('#request-ride');
    const answer = await page.waitForSelector('#ride-result .result-title');
    const title = await answer!.evaluate((node) => `${node.className}: ${node.textContent}`);
    assert.match(title, /success: .+ is on the way/);
    assert.match(await page.$eval('#ride-result pre', (node) => node.textContent ?? ''), new RegExp(`"Rider": "${email}"`));

    await page.click('auth-signout [part~="submit"]');
    await waitForPath(page, '/signin.html');

    // Signed out, the gate sends a visitor of ride.html to sign in, never showing the members' content.
    await page.goto(at('ride.html'));
    await waitForPath(page, '/signin.html');
    await page.waitForSelector('auth-signin input[name="password"]');

    assert.deepEqual(problems, []);
  });

  it('registers a rider with a name and phone number on register-more.html', async () => {
    const email = uniqueEmail();
    const page: Page = await browser.newPage();
    const problems = watchForProblems(page);
    await page.goto(new URL('register-more.html', demo.url).href);

    // A phone number without its country code is refused in the browser, next to the field.
    await fill(page, 'auth-register', { email, password: PASSWORD, confirm: PASSWORD, name: 'Ada Lovelace', phone_number: '415 555 0123' });
    await page.click('auth-register [part~="submit"]');
    const phoneError = await page.waitForSelector('auth-register input[name="phone_number"] ~ [part~="error"]');
    assert.match(await phoneError!.evaluate((node) => node.textContent ?? ''), /country code/);

    await fill(page, 'auth-register', { phone_number: '+1 415 555 0123' });
    await submitAndWaitForPage(page, 'auth-register', 'verify.html');

    const response = await fetch(demo.poolUrl!, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.AdminGetUser',
        // Admin calls are signed, as Cognito wants; the pool checks the shape, not the signature.
        Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDLOCALPOOLTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00',
      },
      body: JSON.stringify({ UserPoolId: 'us-east-1_LocalPool1', Username: email }),
    });
    const { UserAttributes } = (await response.json()) as { UserAttributes: Array<{ Name: string; Value: string }> };
    const stored = Object.fromEntries(UserAttributes.map(({ Name, Value }) => [Name, Value]));
    assert.equal(stored.name, 'Ada Lovelace');
    assert.equal(stored.phone_number, '+14155550123');
    assert.deepEqual(problems, []);
  });
});
