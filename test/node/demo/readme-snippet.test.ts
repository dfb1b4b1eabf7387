// The README's members page, run as written: the html block marked as tested in README.md is put
// in a page on the demo's site (beside config.js and the drop-in file, as the README lays a site
// out) and opened in Chromium, signed out and signed in. A README example that throws, runs on
// after its redirect, or calls an API the demo does not have fails here.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { fill, launchBrowser, submitAndWaitForPage, waitForPath, watchForProblems } from './browser.js';
import { newUser, PASSWORD } from './helpers.js';

const readmeFile = fileURLToPath(new URL('../../../../README.md', import.meta.url));
const dropInFile = fileURLToPath(new URL('../../../../dist/cognito-auth-elements.js', import.meta.url));
const marker = '<!-- The members page below is run in Chromium by test/node/demo/readme-snippet.test.ts. -->';

/** The html code block that follows the marker in the README. */
async function membersSnippet(): Promise<string> {
  const readme = await readFile(readmeFile, 'utf8');
  const at = readme.indexOf(marker);
  assert.ok(at >= 0, `README.md has lost the marker of its tested members page: ${marker}`);
  const block = /^```html\n([\s\S]*?)^```$/m.exec(readme.slice(at + marker.length));
  assert.ok(block, 'README.md: no ```html block after the members-page marker');
  return block[1];
}

/**
 * Serves `/members.html` (the snippet in the README's page head) and `/cognito-auth-elements.js`
 * (the drop-in file, next to the pages as the README copies it); the rest comes from the demo.
 */
async function serveReadmePage(page: Page, siteUrl: string): Promise<void> {
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Members</title>
    <script src="js/config.js"></script>
    <script type="module" src="cognito-auth-elements.js"></script>
  </head>
  <body>
${await membersSnippet()}
  </body>
</html>`;
  const dropIn = await readFile(dropInFile, 'utf8');
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const { origin, pathname } = new URL(request.url());
    if (origin !== new URL(siteUrl).origin) return void request.continue();
    if (pathname === '/members.html') return void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (pathname === '/cognito-auth-elements.js') return void request.respond({ status: 200, contentType: 'text/javascript; charset=utf-8', body: dropIn });
    void request.continue();
  });
}

describe("the README's members page", () => {
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

  it('sends a signed-out visitor to signin.html and throws nothing on the way', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await serveReadmePage(page, demo.url);
    await page.goto(new URL('members.html', demo.url).href);
    await waitForPath(page, '/signin.html');
    await page.waitForSelector('auth-signin input[name="password"]');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("calls the demo's API with a signed-in visitor's ID token", async () => {
    const { email } = await newUser(demo);
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await serveReadmePage(page, demo.url);
    await page.goto(new URL('signin.html', demo.url).href);
    await fill(page, 'auth-signin', { username: email, password: PASSWORD });
    await submitAndWaitForPage(page, 'auth-signin', 'ride.html');

    await page.goto(new URL('members.html', demo.url).href);
    const button = await page.waitForSelector('#ride', { visible: true });
    await button!.click();
    await page.waitForFunction(() => document.getElementById('answer')?.textContent !== '');
    const answer = await page.$eval('#answer', (node) => node.textContent ?? '');
    assert.match(answer, /^\w+ is on the way\.$/);
    assert.equal(new URL(page.url()).pathname, '/members.html');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
