/**
 * Playwright fixtures for the local pool: one pool per worker, with the testing helpers.
 *
 *   import { test as base } from '@playwright/test';
 *   import { localPoolFixtures, type LocalPoolFixtures } from 'cognito-auth-elements/local-pool/playwright';
 *   export const test = base.extend<{}, LocalPoolFixtures>(localPoolFixtures);
 *   test.use({ poolOptions: { users: 'e2e/users.json' } });
 *
 * Only Playwright's types are imported, so this module loads whatever @playwright/test the project
 * has (an optional peer dependency) and never a second copy of it.
 */
import type { Fixtures } from '@playwright/test';
import { startLocalPool, type LocalPool, type LocalPoolOptions } from '../index.js';

/** The worker fixtures: `pool` (started for the worker, closed after it) and its `poolOptions`. */
export interface LocalPoolFixtures {
  /** The worker's pool: url, poolId, clientId, latestCode(), createUser(), signInTokens(), reset(), … */
  pool: LocalPool;
  /** startLocalPool()'s options (`test.use({ poolOptions })` or `use` in playwright.config); quiet and a free port unless given. */
  poolOptions: LocalPoolOptions;
}

export const localPoolFixtures: Fixtures<Record<never, never>, LocalPoolFixtures> = {
  poolOptions: [{}, { scope: 'worker', option: true }],
  pool: [
    async ({ poolOptions }, use) => {
      const pool = await startLocalPool({ quiet: true, ...poolOptions });
      try {
        await use(pool);
      } finally {
        await pool.close();
      }
    },
    { scope: 'worker', title: 'local user pool' },
  ],
};
