// The hosted UI in the browser tests: the hostedUi pool's configuration, a walk through its pages
// from Node (plugins/hosted-ui-walk.mjs: the test page cannot leave itself), and landing on the
// callback the way a browser does (the URL set, then the callback module run again).
import { executeServerCommand } from '@web/test-runner-commands';
import type { CognitoConfig } from '../../../src/cognito/types.js';
import { handleHostedUiCallback, type HostedUiOutcome } from '../../../src/session/hosted-ui-callback.js';
import type { LocalPoolInfo } from './pool.js';

export const callbackPath = '/hosted-callback';
export const signedOutPath = '/signed-out';

/** The hostedUi pool (web-test-runner.config.mjs): this page's origin registered, Google, Apple and Facebook stand-ins. */
export function hostedPool(): LocalPoolInfo {
  const info = (window.__localPools as Record<string, LocalPoolInfo | undefined> | undefined)?.hostedUi;
  if (!info) throw new Error('The test runner did not start the hostedUi pool (window.__localPools.hostedUi)');
  return info;
}

/** A configuration for the hostedUi pool, its own URL as the domain (the local pool serves the domain's paths). */
export function hostedConfig(extra: Partial<CognitoConfig> = {}): CognitoConfig {
  const { url, poolId, clientId } = hostedPool();
  return {
    region: poolId.split('_')[0],
    userPoolId: poolId,
    userPoolClientId: clientId,
    endpoint: url,
    domain: url,
    redirectSignIn: `${location.origin}${callbackPath}`,
    redirectSignOut: `${location.origin}${signedOutPath}`,
    storage: 'local',
    ...extra,
  };
}

export type WalkResult = { url: string } | { status: number; page: string };

/** Follows `url` through the hosted UI's pages, filling each page's form with the next of `forms`, until it is sent to `stopAt`. */
export function walk(url: string, forms: Array<Record<string, string>>, options: { stopAt?: string; browser?: string } = {}): Promise<WalkResult> {
  const stopAt = options.stopAt ?? `${location.origin}${callbackPath}`;
  return executeServerCommand<WalkResult, object>('hosted-ui-walk', { url, forms, stopAt, browser: options.browser ?? 'default' });
}

/** Forgets the walk's cookies (the hosted UI's session) for `browser`. */
export function forgetBrowser(browser = 'default'): Promise<unknown> {
  return executeServerCommand('hosted-ui-forget', { browser });
}

/** The callback URL a walk ended at (fails the test when it ended on a page). */
export function landedAt(result: WalkResult): string {
  if (!('url' in result))
    throw new Error(
      `The walk stopped on a page (HTTP ${result.status}): ${result.page
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 400)}`,
    );
  return result.url;
}

/** Puts `url` in the address bar (same origin) and lets the callback module look at it, as on arrival. */
export function arriveAt(url: string): Promise<HostedUiOutcome | null> {
  history.pushState(null, '', url);
  return handleHostedUiCallback();
}
