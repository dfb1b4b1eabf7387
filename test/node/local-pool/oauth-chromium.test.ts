// The hosted UI in a real browser: Chromium with JavaScript turned off signs in on /login and
// through a stand-in provider and lands back on the app with a code (the pages need no script and
// their CSP lets the forms through, redirect included), and axe finds no violations on the pages.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser, watchForProblems } from '../demo/browser.js';
import { PASSWORD, start, type LocalPool } from './helpers.js';
import { authorizeUrl, pkce } from './oauth-browser.js';

const EMAIL = 'chromium.user@example.com';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The app the pool sends the browser back to: one page that says what it got. */
function startApp(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>App</title><p id="query">${new URL(req.url ?? '/', 'http://app').searchParams.has('code') ? 'got a code' : 'no code'}</p>`);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://localhost:${(server.address() as AddressInfo).port}/callback` })),
  );
}

async function axeViolations(page: Page): Promise<string[]> {
  // axe is injected by the test (the pages' CSP allows no script, which the browser bypasses here only).
  await page.evaluate(await readFile(axePath, 'utf8'));
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as { violations: { id: string; nodes: unknown[] }[] };
  return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
}

describe('hosted UI in Chromium', () => {
  let pool: LocalPool;
  let browser: Browser;
  let app: { server: Server; url: string };
  before(async () => {
    app = await startApp();
    pool = await start({ callbackUrls: [app.url], federated: 'Google', users: [{ email: EMAIL, password: PASSWORD }] });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await pool?.close();
    app?.server.close();
  });

  const authorize = () =>
    new URL(authorizeUrl(pool, { redirect_uri: app.url, code_challenge: pkce().challenge, code_challenge_method: 'S256', state: 's' }), pool.url).href;

  it('signs in on /login with JavaScript off, and the CSP holds', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setJavaScriptEnabled(false);
    const problems = watchForProblems(page);
    await page.goto(authorize(), { waitUntil: 'load' });
    assert.match(page.url(), /\/login\?/);
    await page.type('#field-username', EMAIL);
    await page.type('#field-password', PASSWORD);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type="submit"]')]);
    assert.equal(new URL(page.url()).origin + new URL(page.url()).pathname, app.url);
    assert.equal(await page.$eval('#query', (node) => node.textContent), 'got a code');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('signs in through the Google stand-in with JavaScript off', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setJavaScriptEnabled(false);
    const problems = watchForProblems(page);
    await page.goto(authorize(), { waitUntil: 'load' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a.provider')]);
    assert.match(page.url(), /\/_hosted\/provider\/Google\?/);
    await page.type('#field-email', 'chromium.google@example.com');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form:not(:has(input[name="cancel"])) button[type="submit"]:not(.provider)')]);
    assert.equal(await page.$eval('#query', (node) => node.textContent), 'got a code');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('axe finds no violations on /login (also with an error), the stand-in and the sign-up page', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setBypassCSP(true);
    await page.goto(authorize(), { waitUntil: 'load' });
    assert.deepEqual(await axeViolations(page), [], '/login');
    await page.type('#field-username', EMAIL);
    await page.type('#field-password', 'Wrong-passw0rd');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type="submit"]')]);
    assert.match(await page.content(), /Incorrect username or password/);
    assert.deepEqual(await axeViolations(page), [], '/login with an error');
    const login = page.url();
    await page.goto(new URL((await page.$eval('a.provider', (node) => node.getAttribute('href'))) as string, pool.url).href, { waitUntil: 'load' });
    assert.deepEqual(await axeViolations(page), [], 'stand-in');
    await page.goto(login, { waitUntil: 'load' });
    await page.goto(new URL((await page.$eval('a[href^="/signup"]', (node) => node.getAttribute('href'))) as string, pool.url).href, { waitUntil: 'load' });
    assert.deepEqual(await axeViolations(page), [], '/signup');
    await context.close();
  });
});
