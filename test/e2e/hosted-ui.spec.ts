// The hosted UI end to end, as a visitor goes through it: the demo's signin.html (the drop-in
// file) → "Continue with Google" → the local pool's Google stand-in → back to signin.html, which
// exchanges the code and goes on to ride.html signed in; the hosted page with email and password;
// signing out through the domain's /logout. The worker's own pool registers this site's pages.
import { startLocalPool, type LocalPool } from 'cognito-auth-elements/local-pool';
import type { Page } from '@playwright/test';
import { expect, test as base } from './fixtures.js';

const test = base.extend<Record<never, never>, { hostedPool: LocalPool }>({
  hostedPool: [
    async ({ siteUrl }, use) => {
      const pool = await startLocalPool({
        quiet: true,
        poolId: 'us-east-1_E2eHostedUi',
        callbackUrls: [`${siteUrl}signin.html`, `${siteUrl}ride.html`],
        logoutUrls: [`${siteUrl}signin.html`],
        federated: ['Google', 'SignInWithApple'],
      });
      await use(pool);
      await pool.close();
    },
    { scope: 'worker' },
  ],
});

let counter = 0;
const uniqueEmail = () => `e2e.hosted.${process.pid}.${Date.now()}.${++counter}@example.com`;

/** Points the site at the hosted pool, its URL as the hosted UI's domain. */
async function useHostedPool(page: Page, pool: LocalPool, extra: Record<string, string> = {}): Promise<void> {
  const cognito = {
    userPoolId: pool.poolId,
    userPoolClientId: pool.clientId,
    region: pool.region,
    endpoint: pool.url,
    domain: pool.url,
    redirectSignOut: 'signin.html',
    ...extra,
  };
  // Registered after the fixture's own route, so it answers first.
  await page.route('**/js/config.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: `window._config = ${JSON.stringify({ cognito, api: { invokeUrl: '' } })};` }),
  );
}

function idTokenClaims(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => {
    const token = Object.entries(localStorage).find(([key]) => key.endsWith('.idToken'))?.[1] ?? '';
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  });
}

test('signs in with Google through the stand-in and lands on ride.html, no code left in the URL or history', async ({ page, hostedPool }) => {
  await useHostedPool(page, hostedPool);
  const email = uniqueEmail();
  await page.goto('signin.html');
  await page.getByRole('button', { name: 'Continue with Google' }).click();

  // The pool's stand-in for Google: the identity Google would return.
  await expect(page).toHaveURL(new RegExp(`^${hostedPool.url}`));
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByLabel('Name (optional)').fill('Ada Stand-in');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  await expect(page).toHaveURL(/\/ride\.html$/, { timeout: 15_000 });
  await expect(page.locator('#user-email')).toHaveText(email);
  const claims = await idTokenClaims(page);
  expect(claims['cognito:username']).toMatch(/^Google_/);
  expect((claims.identities as Array<{ providerName: string }>)[0].providerName).toBe('Google');
  // signin.html?code=… left the history (replaced, then replaced by ride.html): Back passes the
  // stand-in and reaches the signin.html the visitor started on, and no entry holds a code.
  const site = new URL(page.url()).origin;
  const visited: string[] = [];
  while (visited.length < 5 && (await page.goBack())) visited.push(page.url());
  expect(visited.at(-1)).toMatch(/\/signin\.html$/);
  expect(visited.filter((url) => url.startsWith(site) && /[?&](code|state)=/.test(url))).toEqual([]);
});

test('signs in on the hosted page with email and password, then signs out through /logout', async ({ page, hostedPool }) => {
  await useHostedPool(page, hostedPool);
  const email = uniqueEmail();
  await hostedPool.createUser({ email, password: 'Passw0rd!' });
  await page.goto('signin.html');
  await page.getByRole('button', { name: 'Continue with the hosted sign-in page' }).click();
  await expect(page).toHaveURL(new RegExp(`^${hostedPool.url}login`));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('Passw0rd!');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/ride\.html$/, { timeout: 15_000 });
  await expect(page.locator('#user-email')).toHaveText(email);

  // Signing out ends the hosted UI's session too: its /logout, then back to signin.html.
  const logout = page.waitForRequest((request) => request.url().startsWith(`${hostedPool.url}logout?`));
  await page.locator('auth-signout [part~="submit"]').click();
  const url = new URL((await logout).url());
  expect(url.searchParams.get('client_id')).toBe(hostedPool.clientId);
  await expect(page).toHaveURL(/\/signin\.html$/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith('.idToken')))).toEqual([]);

  // The next hosted sign-in asks for the password again (the domain's session is over).
  await page.getByRole('button', { name: 'Continue with the hosted sign-in page' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
});

test('a second hosted sign-in is silent while the hosted session lasts', async ({ page, hostedPool }) => {
  await useHostedPool(page, hostedPool);
  const email = uniqueEmail();
  await hostedPool.createUser({ email, password: 'Passw0rd!' });
  await page.goto('signin.html');
  await page.getByRole('button', { name: 'Continue with the hosted sign-in page' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('Passw0rd!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/ride\.html$/, { timeout: 15_000 });

  // Forget the tokens here only (the domain's cookie stays), as another app of the site would start.
  await page.evaluate(() => localStorage.clear());
  await page.goto('signin.html');
  await page.getByRole('button', { name: 'Continue with the hosted sign-in page' }).click();
  await expect(page).toHaveURL(/\/ride\.html$/, { timeout: 15_000 });
  await expect(page.locator('#user-email')).toHaveText(email);
});

test('returns to a members-only page: its gate waits for the exchange instead of sending the visitor away', async ({ page, hostedPool }) => {
  await useHostedPool(page, hostedPool, { redirectSignIn: 'ride.html' });
  // A slow token endpoint: the gate has long read the (empty) storage before the tokens arrive.
  await page.route(`${hostedPool.url}oauth2/token`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const email = uniqueEmail();
  await page.goto('signin.html');
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.locator('#user-email')).toHaveText(email);
  await expect(page).toHaveURL(/\/ride\.html$/, { timeout: 15_000 });
});
