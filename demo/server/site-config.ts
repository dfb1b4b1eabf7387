// Reads demo/js/config.js the way a browser would (it is a classic script that sets
// window._config), so the server and the pages share one configuration: pointing that file at a
// real pool switches the whole demo, its protected API included.
import { readFile } from 'node:fs/promises';
import { runInNewContext } from 'node:vm';

/** The workshop's `window._config` shape. */
export interface SiteConfig {
  cognito: { userPoolId: string; userPoolClientId: string; region: string; endpoint?: string };
  api: { invokeUrl: string };
}

export interface SiteConfigFile {
  source: string;
  config: SiteConfig;
}

export async function readSiteConfig(file: string): Promise<SiteConfigFile> {
  const source = await readFile(file, 'utf8');
  const sandbox = { window: {} as { _config?: SiteConfig } };
  runInNewContext(source, sandbox, { filename: file, timeout: 1000 });
  const config = sandbox.window._config;
  if (!config?.cognito?.userPoolId || !config.cognito.userPoolClientId) {
    throw new Error(`${file} must set window._config.cognito.userPoolId and userPoolClientId`);
  }
  return { source, config: { ...config, api: config.api ?? { invokeUrl: '' } } };
}

/** True when the config names a pool on this machine (the local pool) rather than AWS. */
export function pointsAtLocalPool(config: SiteConfig): boolean {
  const endpoint = config.cognito.endpoint;
  if (!endpoint) return false;
  const { hostname } = new URL(endpoint);
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * The config.js the pages get: the file itself, with a local-pool endpoint swapped for the pool
 * this server actually started (tests and POOL_PORT put it on another port than the file names).
 */
export function servedConfigScript(file: SiteConfigFile, poolUrl: string | null): string {
  const endpoint = file.config.cognito.endpoint;
  if (!poolUrl || !endpoint || endpoint === poolUrl) return file.source;
  return file.source.split(endpoint).join(poolUrl);
}
