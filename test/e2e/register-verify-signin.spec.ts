// A visitor registers and verifies with the code the pool "emailed", which signs them in, on the
// demo's one-page composition (the drop-in file), against the worker's local pool.
import { expect, test } from './fixtures.js';

const PASSWORD = 'Passw0rd!';
let counter = 0;
const uniqueEmail = () => `e2e.${process.pid}.${Date.now()}.${++counter}@example.com`;

test('registers, verifies with the mailed code and signs in', async ({ page, pool }) => {
  const email = uniqueEmail();
  await page.goto('one-page.html');
  const register = page.locator('auth-register');
  await register.locator('input[name="email"]').fill(email);
  await register.locator('input[name="password"]').fill(PASSWORD);
  await register.locator('input[name="confirm"]').fill(PASSWORD);
  await register.locator('[part~="submit"]').click();

  const verify = page.locator('auth-verify');
  // The verify form is pre-filled with the email just registered.
  await expect(verify.locator('input[name="email"]')).toHaveValue(email);
  await verify.locator('input[name="code"]').fill(await pool.latestCode(email, 'sign-up'));
  await verify.locator('[part~="submit"]').click();
  await expect(page.locator('#event-log')).toContainText('auth-verified');
  // The pool's app client allows USER_AUTH: the confirmed code signed the visitor in, no password again.
  await expect(page.locator('#event-log')).toContainText('auth-signed-in');
  await expect(page.locator('#session-line')).toHaveText(`Signed in as ${email}. Sign out`);
});

test('signs in a user made with createUser, no sign-up needed', async ({ page, pool }) => {
  const email = uniqueEmail();
  await pool.createUser({ email, password: PASSWORD, groups: ['riders'] });
  await page.goto('one-page.html');
  const signin = page.locator('auth-signin');
  await signin.locator('input[name="username"]').fill(email);
  await signin.locator('input[name="password"]').fill(PASSWORD);
  await signin.locator('[part~="submit"]').click();
  await expect(page.locator('#session-line')).toContainText(`Signed in as ${email}`);
  // The page's tokens are the pool's: the ID token in storage carries the user's group.
  const idToken = await page.evaluate(() => Object.entries(localStorage).find(([key]) => key.endsWith('.idToken'))?.[1]);
  expect(idToken).toBeTruthy();
  const claims = JSON.parse(Buffer.from(String(idToken).split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  expect(claims['cognito:groups']).toEqual(['riders']);
});
