// Back after signing out, in a real browser: sign in, ride.html, Sign out, then the browser's Back
// button. Two histories are right, depending on which navigation wins at sign-out: the gate's
// (it replaced ride.html in the history, so Back goes to the sign-in page before it) or the
// sign-out button's (ride.html is still there: Chromium restores it from its back/forward cache as
// it was left, its redirect already asked for, and the gate must look again and send the visitor
// on). Wrong: an empty ride.html.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { fill, launchBrowser, submitAndWaitForPage, waitForPath, watchForProblems } from './browser.js';
import { newUser, PASSWORD } from './helpers.js';

describe('Back after signing out', () => {
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

  it('ends on the sign-in page, never on an empty members page', async () => {
    const { email } = await newUser(demo);
    const page = await browser.newPage();
    const problems = watchForProblems(page);
    // Notes, in storage that survives the navigations, each time a page comes back from the cache.
    await page.evaluateOnNewDocument(() => {
      window.addEventListener('pageshow', (event) => {
        if (event.persisted) sessionStorage.setItem('restored', `${sessionStorage.getItem('restored') ?? ''} ${location.pathname}`);
      });
    });
    await page.goto(new URL('signin.html', demo.url).href);
    await fill(page, 'auth-signin', { username: email, password: PASSWORD });
    await submitAndWaitForPage(page, 'auth-signin', 'ride.html');
    await page.waitForFunction(() => document.querySelector('auth-gate #members')?.assignedSlot != null);

    await page.click('auth-signout [part~="submit"]');
    await waitForPath(page, '/signin.html');
    await page.waitForSelector('auth-signin input[name="password"]');

    await page.goBack();
    // On a sign-in page in the end (after ride.html, if it was restored, sent the visitor on):
    // polled, because the page may change under any one look.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = await page.evaluate(() => ({ path: location.pathname, restored: sessionStorage.getItem('restored') ?? '' })).catch(() => null); // mid-navigation
      if (now?.path === '/signin.html') break;
      if (Date.now() > deadline) {
        assert.fail(
          `after Back: on ${now?.path ?? '?'}; pages restored from the back/forward cache: ${now?.restored || 'none'} (expected to end on /signin.html)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await page.waitForSelector('auth-signin input[name="password"]');

    assert.deepEqual(problems, []);
    await page.close();
  });
});
