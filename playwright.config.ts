// End-to-end tests (test/e2e) with Playwright, driving the machine's Chrome or Chromium as the
// browser tests do (Playwright's own browser download is not needed). Each worker gets its own
// local pool and static site on free ports (test/e2e/fixtures.ts).
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const executablePath = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].find((path) => path && existsSync(path));
if (!executablePath) throw new Error('No Chrome or Chromium found. Install one (Debian/Ubuntu: apt-get install chromium) or set CHROME_PATH.');
if (!existsSync('dist/local-pool/playwright.js')) throw new Error('dist/local-pool/playwright.js is missing: run `npm run build` first (npm test does).');

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // The machine is shared and small; one worker keeps the runs steady.
  workers: 1,
  timeout: 30_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  outputDir: '.tmp/e2e-results',
  use: {
    launchOptions: { executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] },
    trace: 'retain-on-failure',
  },
});
