// The demo's account page walked in a real browser: a signed-out visitor is sent to sign in; a rider
// signs in, follows "Your account" from the members page, sees the sections that apply under their
// headings with a jump list, and adds a passkey (Chromium's virtual authenticator, through the
// DevTools protocol) on a demo started as METHODS=passkey,password npm start.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { firstFactorsFor } from '../../../demo/server/sign-in-methods.js';
import { fill, launchBrowser, submitAndWaitForPage, waitForPath, watchForProblems } from './browser.js';
import { newUser, PASSWORD } from './helpers.js';

describe('the demo account page', () => {
  let demo: RunningDemo;
  let browser: Browser;

  before(async () => {
    demo = await startDemo({ port: 0, poolPort: 0, quiet: true, firstAuthFactors: firstFactorsFor('passkey,password') });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('sends a signed-out visitor to sign in', async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    await page.goto(new URL('account.html', demo.url).href);
    await waitForPath(page, '/signin.html');
  });

  it('is reached from the members page, shows its sections, and adds a passkey', async () => {
    const { email } = await newUser(demo);
    const page = await (await browser.createBrowserContext()).newPage();
    const problems = watchForProblems(page);
    const cdp = await page.createCDPSession();
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });

    await page.goto(new URL('signin.html', demo.url).href);
    await fill(page, 'auth-signin', { username: email, password: PASSWORD });
    await submitAndWaitForPage(page, 'auth-signin', 'ride.html');
    await page.waitForSelector('#account-link', { visible: true });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#account-link')]);
    assert.equal(new URL(page.url()).pathname, '/account.html');

    // The account element and its sections load on demand, beside the drop-in file.
    await page.waitForSelector('auth-account [part~="section"][data-section="passkeys"]', { visible: true, timeout: 10_000 });
    const headings = await page.$$eval('auth-account [part~="section"] > h2', (nodes) => nodes.map((node) => node.textContent));
    const links = await page.$$eval('auth-account nav[part~="jump"] a', (nodes) => nodes.map((node) => node.textContent));
    assert.ok(headings.includes('Passkeys'), `headings: ${headings.join(', ')}`);
    assert.deepEqual(links, headings, 'the jump list names every section');

    await page.waitForSelector('auth-passkeys [data-empty]', { visible: true, timeout: 10_000 });
    await page.click('auth-passkeys [part~="submit"]');
    await page.waitForSelector('auth-passkeys [part~="item"]', { visible: true, timeout: 10_000 });
    const status = await page.$eval('auth-passkeys [part~="status"]', (node) => node.textContent ?? '');
    assert.match(status, /^Passkey added: /);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1, 'the authenticator holds the new passkey');
    assert.deepEqual(problems, []);
  });
});
