// workshop-ride.html, the ride page on amazon-cognito-identity-js directly, next to the elements:
// a sign-in made by <auth-signin> is seen by the SDK page, which calls the API with the ID token
// as the workshop does; the SDK's sign-out is seen by <auth-gate> on ride.html, in that tab and
// in another one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { fill, launchBrowser, submitAndWaitForPage, waitForPath, watchForProblems } from './browser.js';
import { newUser, PASSWORD, rawRequest } from './helpers.js';

const sdkKeyPrefix = 'CognitoIdentityServiceProvider.';

/** The SDK's keys in the page's localStorage (where both the SDK and the elements keep the session). */
function sdkStorageKeys(page: Page): Promise<string[]> {
  return page.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)), sdkKeyPrefix);
}

/** A token the SDK keeps for the last signed-in user: `CognitoIdentityServiceProvider.<client>.<user>.<name>`. */
function storedToken(page: Page, name: 'idToken' | 'refreshToken'): Promise<string | null> {
  return page.evaluate(
    (prefix, suffix) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith(prefix) && k.endsWith(suffix));
      return key ? localStorage.getItem(key) : null;
    },
    sdkKeyPrefix,
    `.${name}`,
  );
}

describe('the workshop page on the SDK, next to the elements', () => {
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

  const at = (path: string) => new URL(path, demo.url).href;
  const refreshWith = (refreshToken: string) =>
    fetch(demo.poolUrl!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: JSON.stringify({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'localpoolclient0000000000', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    });

  it('serves the SDK bundle as a JavaScript module at /vendor/', async () => {
    const response = await fetch(at('vendor/amazon-cognito-identity-js.js'));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/javascript/);
    assert.match(await response.text(), /export \{[^}]*\bCognitoUserPool\b/);
    // Only that file: nothing else from build/ is reachable through the mount.
    for (const path of ['/vendor/%2e%2e/demo/server/start.js', '/vendor/..%2fdemo%2fserver%2fstart.js', '/vendor/']) {
      assert.equal((await rawRequest(demo.url, path)).status, 404, path);
    }
  });

  it('says so, with a link to sign in, when the SDK finds no session', async () => {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const problems = watchForProblems(page);
      await page.goto(at('workshop-ride.html'));
      await page.waitForSelector('#signed-out', { visible: true });
      assert.match(await page.$eval('#signed-out-reason', (node) => node.textContent ?? ''), /found no signed-in user/);
      assert.equal(await page.$eval('#signed-out a.button', (node) => node.getAttribute('href')), 'signin.html');
      assert.equal(await page.$eval('#members', (node) => (node as HTMLElement).hidden), true);
      assert.equal(await page.$eval('#checking', (node) => (node as HTMLElement).hidden), true);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('sees a sign-in by <auth-signin>, calls the API with the ID token, and its sign-out reaches <auth-gate>', async () => {
    // Signed up and confirmed over the SDK in Node (helpers.ts); the browser signs in with <auth-signin>.
    const { email } = await newUser(demo);
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const problems = watchForProblems(page);

      // Signed in with the elements.
      await page.goto(at('signin.html'));
      await fill(page, 'auth-signin', { username: email, password: PASSWORD });
      await submitAndWaitForPage(page, 'auth-signin', 'ride.html');
      await page.waitForFunction(() => document.querySelector('auth-gate #members')?.assignedSlot != null);

      // A second tab on ride.html, to see the SDK's sign-out arrive from another tab.
      const otherTab = await context.newPage();
      const otherProblems = watchForProblems(otherTab);
      await otherTab.goto(at('ride.html'));
      await otherTab.waitForFunction(() => document.querySelector('auth-gate #members')?.assignedSlot != null);

      // The SDK page finds that session.
      const apiRequests: HTTPRequest[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/api/ride') apiRequests.push(request);
      });
      // Back to the first tab: Chromium does not render a background tab, and a click needs that.
      await page.bringToFront();
      await page.goto(at('workshop-ride.html'));
      await page.waitForSelector('#members', { visible: true });
      assert.equal(await page.$eval('#sdk-email', (node) => node.textContent), email);
      assert.equal(await page.$eval('#signed-out', (node) => (node as HTMLElement).hidden), true);

      await page.click('#request-ride');
      const answer = await page.waitForSelector('#ride-result .result-title');
      assert.match(await answer!.evaluate((node) => `${node.className}: ${node.textContent}`), /success: .+, your .+ unicorn, is on (his|her) way\./);
      assert.match(await page.$eval('#ride-result pre', (node) => node.textContent ?? ''), new RegExp(`"Rider": "${email}"`));

      // As the workshop sends it: the raw ID token (the one the SDK keeps), no "Bearer ".
      assert.equal(apiRequests.length, 1);
      const storedIdToken = await storedToken(page, 'idToken');
      assert.ok(storedIdToken);
      assert.equal(apiRequests[0].headers().authorization, storedIdToken);
      assert.equal(apiRequests[0].method(), 'POST');

      // The SDK's sign-out: to signin.html, the tokens and the last user forgotten, and the
      // refresh token revoked (signOut with a callback revokes it first).
      const refreshToken = await storedToken(page, 'refreshToken');
      assert.ok(refreshToken);
      assert.equal((await refreshWith(refreshToken)).status, 200, 'the refresh token works before sign-out');
      await page.click('#sign-out');
      await waitForPath(page, '/signin.html');
      await page.waitForSelector('auth-signin input[name="password"]');
      assert.deepEqual(
        (await sdkStorageKeys(page)).filter((key) => /\.(idToken|accessToken|refreshToken|LastAuthUser)$/.test(key)),
        [],
      );
      assert.equal((await refreshWith(refreshToken)).status, 400, 'the revoked refresh token no longer works');

      // <auth-gate> in the other tab follows the sign-out, and ride.html now sends a visitor to sign in.
      await waitForPath(otherTab, '/signin.html');
      await page.goto(at('ride.html'));
      await waitForPath(page, '/signin.html');
      await page.waitForSelector('auth-signin input[name="password"]');

      // And the SDK page, signed out, says so.
      await page.goto(at('workshop-ride.html'));
      await page.waitForSelector('#signed-out', { visible: true });

      assert.deepEqual([...problems, ...otherProblems], []);
    } finally {
      await context.close();
    }
  });
});
