// Screenshots of every demo page at phone (375px) and desktop (1280px) widths, signed out and
// signed in, for a person to look at: node build/test/node/demo/screenshots.js
// (after npm run build). Written to .tmp/screenshots/demo/.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { startDemo } from '../../../demo/server/demo-server.js';
import { firstFactorsFor } from '../../../demo/server/sign-in-methods.js';
import { fill, launchBrowser, submitAndWaitForPage } from './browser.js';
import { newUser, PASSWORD } from './helpers.js';

const outDir = fileURLToPath(new URL('../../../../.tmp/screenshots/demo/', import.meta.url));
const widths = [375, 1280];

// As METHODS=passkey,email,sms,password npm start, so passwordless.html offers its methods.
const demo = await startDemo({ port: 0, poolPort: 0, quiet: true, firstAuthFactors: firstFactorsFor('passkey,email,sms,password') });
const browser = await launchBrowser();
const { email } = await newUser(demo);
await mkdir(outDir, { recursive: true });

async function shoot(page: Page, name: string, width: number) {
  await page.evaluate(() => document.fonts.ready);
  const file = `${outDir}${name}-${width}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}

try {
  for (const width of widths) {
    // A fresh profile per width, so each starts signed out.
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err instanceof Error ? err.message : String(err)}`));
    page.on('console', (message) => message.type() === 'error' && console.error(`console: ${message.text()}`));
    await page.setViewport({ width, height: 800 });
    const open = (path: string) => page.goto(new URL(path, demo.url).href, { waitUntil: 'networkidle0' });

    for (const name of ['index', 'register', 'register-more', 'verify', 'signin', 'passwordless', 'forgot-password', 'mailbox']) {
      await open(`${name}.html`);
      await shoot(page, name, width);
    }

    // Choice-based sign-in: the methods offered for the account, then the emailed-code step.
    await open('passwordless.html');
    await fill(page, 'auth-signin', { username: email });
    await page.click('auth-signin [part~="submit"]');
    await page.waitForSelector('auth-signin [part~="method"]', { visible: true });
    await shoot(page, 'passwordless-choose', width);
    await page.click('auth-signin [part~="method"][data-method="email-code"]');
    await page.waitForSelector('auth-signin input[name="code"]', { visible: true });
    await shoot(page, 'passwordless-email-code', width);

    // The workshop page on the SDK, before anyone signs in.
    await open('workshop-ride.html');
    await page.waitForSelector('#signed-out', { visible: true });
    await shoot(page, 'workshop-ride-signed-out', width);

    // The register form part-filled, to show the live password checklist.
    await open('register.html');
    await fill(page, 'auth-register', { email: 'ada@example.com', password: 'short1' });
    await page.click('auth-register [part~="submit"]');
    await shoot(page, 'register-errors', width);

    // One page: sign in there, so the log has events and the session line shows the user.
    await open('one-page.html');
    await fill(page, 'auth-signin', { username: email, password: 'wrong-Password-1' });
    await page.click('auth-signin [part~="submit"]');
    await page.waitForSelector('#event-log li.error');
    await fill(page, 'auth-signin', { password: PASSWORD });
    await page.click('auth-signin [part~="submit"]');
    await page.waitForFunction(() => document.querySelector('#session-line strong') !== null);
    await shoot(page, 'one-page', width);
    await page.click('#session-line button');
    await page.waitForFunction(() => !document.querySelector('#session-line strong'));

    // The members page after a ride request.
    await open('signin.html');
    await fill(page, 'auth-signin', { username: email, password: PASSWORD });
    await submitAndWaitForPage(page, 'auth-signin', 'ride.html');
    // <auth-gate> shows the members' content once the session is known.
    await page.waitForFunction(() => document.querySelector('auth-gate #members')?.assignedSlot != null);
    await page.click('#request-ride');
    await page.waitForSelector('#ride-result .result-title');
    await shoot(page, 'ride', width);

    // The account page: its sections, then a passkey added (Chromium's virtual authenticator) and
    // its removal being confirmed.
    await open('account.html');
    await page.waitForSelector('auth-passkeys [data-empty], auth-passkeys [part~="item"]', { visible: true, timeout: 10_000 });
    await shoot(page, 'account', width);
    const cdp = await page.createCDPSession();
    await cdp.send('WebAuthn.enable', { enableUI: false });
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    await page.click('auth-passkeys [part~="submit"]');
    await page.waitForSelector('auth-passkeys [part~="item"]', { visible: true, timeout: 10_000 });
    await shoot(page, 'account-passkey-added', width);
    await page.click('auth-passkeys [data-remove]');
    await page.waitForSelector('auth-passkeys [data-confirm]', { visible: true });
    await shoot(page, 'account-passkey-confirm', width);
    await page.click('auth-passkeys [data-confirm]');
    await page.waitForSelector('auth-passkeys [data-empty]', { visible: true });
    await cdp.detach();

    // Signed in, the sign-in and register pages say so instead of showing their forms.
    await open('signin.html');
    await page.waitForFunction(() => /already signed in/.test(document.querySelector('auth-signin [part~="status"]')?.textContent ?? ''));
    await shoot(page, 'signin-already-signed-in', width);
    await open('register.html');
    await page.waitForFunction(() => /already signed in/.test(document.querySelector('auth-register [part~="status"]')?.textContent ?? ''));
    await shoot(page, 'register-already-signed-in', width);

    // The workshop page on the SDK sees the session <auth-signin> made, after a ride request.
    await open('workshop-ride.html');
    await page.waitForSelector('#members', { visible: true });
    await page.click('#request-ride');
    await page.waitForSelector('#ride-result .result-title');
    await shoot(page, 'workshop-ride', width);

    // Signing out while RevokeToken fails: signed out at once, so the gate sends you to sign-in,
    // where the form says the session could not be ended on the server.
    await open('ride.html');
    await page.waitForFunction(() => document.querySelector('auth-gate #members')?.assignedSlot != null);
    const faults = new URL('_local/faults', demo.poolUrl!).href;
    await fetch(faults, { method: 'POST', body: JSON.stringify({ operation: 'RevokeToken', kind: 'http-500', times: 1 }) });
    await Promise.all([page.waitForNavigation(), page.click('auth-signout [part~="submit"]')]);
    await page.waitForFunction(() => /could not be reached/.test(document.querySelector('auth-signin [part~="status"]')?.textContent ?? ''));
    await shoot(page, 'signin-after-signout-not-revoked', width);
    await fetch(faults, { method: 'DELETE' });

    // A normal sign-out: the sign-in page the gate sends you to says you are signed out.
    await open('signin.html');
    await fill(page, 'auth-signin', { username: email, password: PASSWORD });
    await submitAndWaitForPage(page, 'auth-signin', 'ride.html');
    await page.waitForFunction(() => document.querySelector('auth-gate #members')?.assignedSlot != null);
    await Promise.all([page.waitForNavigation(), page.click('auth-signout [part~="submit"]')]);
    await page.waitForFunction(() => /signed out/.test(document.querySelector('auth-signin [part~="status"]')?.textContent ?? ''));
    await shoot(page, 'signin-after-signout', width);

    // The password shown as text, and the register form refusing an email that has an account
    // (with the links to sign in or reset).
    await fill(page, 'auth-signin', { password: 'Shown-Password-1' });
    await page.click('auth-signin [part~="reveal"]');
    await shoot(page, 'signin-password-shown', width);
    await open('register.html');
    await fill(page, 'auth-register', { email, password: PASSWORD, confirm: PASSWORD });
    await page.click('auth-register [part~="submit"]');
    await page.waitForSelector('auth-register a[part~="secondary"]');
    await shoot(page, 'register-email-taken', width);

    await context.close();
  }
} finally {
  await browser.close();
  await demo.close();
}
