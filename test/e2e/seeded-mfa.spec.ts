// A user seeded from a users file with an authenticator app (TOTP) signs in on the demo's
// sign-in page, typing a code computed from the seeded secret.
import { Secret, TOTP } from 'otpauth';
import { expect, test } from './fixtures.js';

test.use({ poolOptions: { mfa: 'OPTIONAL', users: 'test/e2e/users.json' } });

test('signs in a seeded user with TOTP MFA', async ({ page, pool }) => {
  await page.goto('one-page.html');
  const signin = page.locator('auth-signin');
  await signin.locator('input[name="username"]').fill('totp@example.com');
  await signin.locator('input[name="password"]').fill('Passw0rd!');
  await signin.locator('[part~="submit"]').click();
  const code = signin.locator('input[name="code"]');
  await expect(code).toBeVisible();
  await code.fill(new TOTP({ secret: Secret.fromBase32('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') }).generate());
  await signin.locator('[part~="submit"]').click();
  await expect(page.locator('#session-line')).toContainText('Signed in as totp@example.com');
  expect(pool.messages('totp@example.com')).toEqual([]);
});
