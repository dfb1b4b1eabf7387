// `npm start`'s "Continue with Google" path, under the demo site's strict CSP: signin.html → the
// local pool's Google stand-in → back to signin.html, which exchanges the code and goes on to
// ride.html signed in as the stand-in's identity; then signing out on ride.html goes through the
// pool's /logout back to signin.html. No page error, no CSP refusal on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { launchBrowser, waitForPath, watchForProblems } from './browser.js';
import { uniqueEmail } from './helpers.js';

describe('the demo: sign in with Google (the local stand-in)', () => {
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

  it('signs in through the stand-in, lands on ride.html, and signs out through /logout', async () => {
    const page = await browser.newPage();
    const problems = watchForProblems(page);
    const email = uniqueEmail();
    await page.goto(new URL('signin.html', demo.url).href);
    const google = await page.waitForSelector('auth-hosted-signin[provider="Google"] [part~="provider"]', { visible: true });
    await Promise.all([page.waitForNavigation(), google!.click()]);
    assert.ok(page.url().startsWith(demo.poolUrl!), `on the pool's stand-in, not ${page.url()}`);

    await page.type('input[name="email"]', email);
    await page.type('input[name="name"]', 'Ada Stand-in');
    await Promise.all([page.waitForNavigation(), page.click('form:not(:has(input[name="cancel"])) button[type="submit"]:not(.provider)')]);
    await waitForPath(page, '/ride.html');
    const shown = await page.waitForFunction(() => document.querySelector('#user-email')?.shadowRoot?.textContent?.trim() || null);
    assert.equal(await shown.jsonValue(), email);

    const signout = await page.waitForSelector('auth-signout [part~="submit"]', { visible: true });
    const logout = page.waitForRequest((request) => request.url().startsWith(`${demo.poolUrl}logout?`));
    await signout!.click();
    await logout;
    await waitForPath(page, '/signin.html');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
