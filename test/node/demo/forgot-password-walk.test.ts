// forgot-password.html walked in a real browser: from the sign-in page's "Forgot your password?"
// link, send a reset code, read it in the mailbox, set a new password, land on sign-in (next),
// and sign in with the new password.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { fill, launchBrowser, readCodeFromMailbox, submitAndWaitForPage, watchForProblems } from './browser.js';
import { newUser } from './helpers.js';

const NEW_PASSWORD = 'Fresh-start-2';

describe('walking through a password reset in the demo', () => {
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

  it('resets a forgotten password and signs in with the new one', async () => {
    const { email } = await newUser(demo);
    const page: Page = await browser.newPage();
    const problems = watchForProblems(page);

    await page.goto(new URL('signin.html', demo.url).href);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('auth-signin a[href$="forgot-password.html"]')]);
    assert.equal(new URL(page.url()).pathname, '/forgot-password.html');

    await fill(page, 'auth-forgot-password', { email });
    await page.click('auth-forgot-password [part~="submit"]');
    await page.waitForSelector('auth-forgot-password input[name="code"]', { visible: true });

    const mailbox = await browser.newPage();
    const code = await readCodeFromMailbox(mailbox, demo.url, email);
    await mailbox.close();
    assert.match(code, /^\d{6}$/);

    await fill(page, 'auth-forgot-password', { code, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    await submitAndWaitForPage(page, 'auth-forgot-password', 'signin.html');

    await fill(page, 'auth-signin', { username: email, password: NEW_PASSWORD });
    await submitAndWaitForPage(page, 'auth-signin', 'ride.html');
    await page.waitForSelector('#members:not([hidden])');

    assert.deepEqual(problems, []);
  });
});
