// Back after signing out, in a real browser: sign in, ride.html, Sign out, then the browser's Back
// button. Chromium restores ride.html from its back/forward cache as it was left (its gate had
// already sent the visitor away once); the gate must look again and send them to sign in, not
// leave an empty page.
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

  it('sends the visitor from the restored members page to sign in', async () => {
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
    // Back on ride.html, restored from the cache, then sent on to signin.html: polled, because the
    // page may change under any one look.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = await page.evaluate(() => ({ path: location.pathname, restored: sessionStorage.getItem('restored') ?? '' })).catch(() => null); // mid-navigation
      if (now?.path === '/signin.html' && now.restored.includes('/ride.html')) break;
      if (Date.now() > deadline) {
        assert.fail(
          `after Back: on ${now?.path ?? '?'}; pages restored from the back/forward cache: ${now?.restored || 'none'} (expected /ride.html, then /signin.html)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await page.waitForSelector('auth-signin input[name="password"]');

    assert.deepEqual(problems, []);
    await page.close();
  });
});
