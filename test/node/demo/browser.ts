// Chromium through puppeteer-core for the demo's walk test and screenshots, and the steps a
// person takes on the demo's pages.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const chromeCandidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function launchBrowser(): Promise<Browser> {
  const executablePath = chromeCandidates.find((path) => path && existsSync(path));
  if (!executablePath) throw new Error('No Chrome or Chromium found. Install one (Debian/Ubuntu: apt-get install chromium) or set CHROME_PATH.');
  return puppeteer.launch({
    executablePath,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Problems the page reports: uncaught errors and CSP refusals (which Chromium logs as errors). */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err instanceof Error ? err.message : String(err)}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return problems;
}

/** Types into the input named `name` inside `element`, as a person would. */
export async function fill(page: Page, element: string, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const input = await page.waitForSelector(`${element} input[name="${name}"]`, { visible: true });
    await input!.click({ count: 3 });
    await input!.type(value);
  }
}

/** Clicks the element's submit button and waits for the page it sends you to. */
export async function submitAndWaitForPage(page: Page, element: string, path: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`${element} [part~="submit"]`)]);
  const { pathname } = new URL(page.url());
  if (pathname !== `/${path}`) throw new Error(`expected to be on /${path}, but on ${pathname}`);
}

/** Reads the newest code for `email` from mailbox.html, filtering by the address. */
export async function readCodeFromMailbox(page: Page, siteUrl: string, email: string): Promise<string> {
  await page.goto(new URL('mailbox.html', siteUrl).href);
  await page.type('#mailbox-filter', email);
  const code = await page.waitForSelector('#messages .message:first-child .message-code code');
  const text = await code!.evaluate((node) => node.textContent ?? '');
  const to = await page.$eval('#messages .message:first-child .message-to', (node) => node.textContent ?? '');
  if (!to.includes(email)) throw new Error(`the newest message is not for ${email}: ${to}`);
  return text.trim();
}

/** Waits until the page is on `path`, across however many navigations get it there. */
export async function waitForPath(page: Page, path: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (new URL(page.url()).pathname !== path) {
    if (Date.now() > deadline) throw new Error(`expected to reach ${path}, but still on ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
