// Our end-to-end tests' `test`: the local pool's Playwright fixtures as the package ships them
// (cognito-auth-elements/local-pool/playwright), a static site per worker, and a `page` whose
// js/config.js points the site at the worker's pool.
import { test as base } from '@playwright/test';
import { localPoolFixtures, type LocalPoolFixtures } from 'cognito-auth-elements/local-pool/playwright';
import { startSite } from './site.js';

export { expect } from '@playwright/test';

export const test = base.extend<Record<never, never>, LocalPoolFixtures & { siteUrl: string }>({
  ...localPoolFixtures,
  siteUrl: [
    // Playwright reads the fixtures a fixture needs from its first parameter, which must be a destructuring pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const site = await startSite();
      await use(site.url);
      await site.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ siteUrl }, use) => use(siteUrl),
  page: async ({ page, pool }, use) => {
    const config = { cognito: { userPoolId: pool.poolId, userPoolClientId: pool.clientId, region: pool.region, endpoint: pool.url }, api: { invokeUrl: '' } };
    await page.route('**/js/config.js', (route) => route.fulfill({ contentType: 'text/javascript', body: `window._config = ${JSON.stringify(config)};` }));
    await use(page);
  },
});
