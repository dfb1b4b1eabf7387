// Where configuration comes from besides element attributes: configure(), the data- attributes of
// the script tag that loaded the bundle, and the workshop's window._config.cognito.
import type { CognitoConfig } from '../cognito/types.js';
import type { Catalogue } from '../messages/locale.js';

/** Every configuration field, in the order resolve-config.ts reports them. */
export const configFields = [
  'region',
  'userPoolId',
  'userPoolClientId',
  'endpoint',
  'storage',
  'usernameStyle',
  'appName',
  'timeout',
  'refreshMargin',
  'domain',
  'redirectSignIn',
  'redirectSignOut',
  'scopes',
  'maxAuthAge',
] as const;

/** Configuration as a source gives it: any field may be absent (or an empty attribute). */
export type PartialConfig = { [K in keyof CognitoConfig]?: CognitoConfig[K] | string | null } & {
  /** The language when neither the element nor the page has a `lang`, e.g. `fr`. */
  locale?: string | null;
  /** Texts by locale and key: overrides of the built-in ones, or a locale of the site's own. */
  messages?: Record<string, Catalogue> | null;
};

type Listener = () => void;

// On globalThis so that two copies of the bundle on one page share what configure() set.
interface ConfigState {
  configured: PartialConfig;
  listeners: Set<Listener>;
}
const stateKey = Symbol.for('cognito-auth-elements.config');
function shared(): ConfigState {
  const global = globalThis as { [stateKey]?: ConfigState };
  return (global[stateKey] ??= { configured: {}, listeners: new Set() });
}

/**
 * Sets the configuration for every element on the page (attributes on an element still win).
 * Each call replaces the fields it names (null or '' removes one) and keeps the others. Elements
 * and the session store are told, so calling it after the elements have rendered is fine.
 */
export function configure(config: PartialConfig): void {
  const state = shared();
  // Messages add up by locale and key, so that two calls can each override a few; null drops them.
  const messages = config.messages === null ? {} : { ...state.configured.messages };
  for (const [locale, texts] of Object.entries(config.messages ?? {})) messages[locale] = { ...messages[locale], ...texts };
  state.configured = { ...state.configured, ...config, messages };
  for (const listener of [...state.listeners]) listener();
}

/** Calls `listener` after each configure(); returns a function that stops it. */
export function onConfigChange(listener: Listener): () => void {
  const { listeners } = shared();
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** What configure() has set so far. */
export function configuredValues(): PartialConfig {
  return shared().configured;
}

const dataAttributes: Record<string, keyof CognitoConfig> = {
  'data-region': 'region',
  'data-user-pool-id': 'userPoolId',
  'data-user-pool-client-id': 'userPoolClientId',
  'data-endpoint': 'endpoint',
  'data-storage': 'storage',
  'data-username-style': 'usernameStyle',
  'data-app-name': 'appName',
  'data-timeout': 'timeout',
  'data-refresh-margin': 'refreshMargin',
  'data-domain': 'domain',
  'data-redirect-sign-in': 'redirectSignIn',
  'data-redirect-sign-out': 'redirectSignOut',
  'data-scopes': 'scopes',
  'data-max-auth-age': 'maxAuthAge',
};

// Read once: import.meta.url is this module's URL, which in the drop-in bundle is the bundle's.
const moduleUrl = import.meta.url;

/**
 * The script tag that loaded us: the one whose src is this module's URL (the drop-in bundle;
 * document.currentScript is null in module scripts), else any script whose src mentions
 * cognito-auth-elements (a copy under another name, or the library build bundled by a site).
 */
function ownScriptTag(): HTMLScriptElement | null {
  if (typeof document === 'undefined') return null;
  const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[src]')];
  return scripts.find((script) => script.src === moduleUrl) ?? document.querySelector<HTMLScriptElement>('script[src*="cognito-auth-elements"]');
}

/** The data- attributes of the script tag that loaded the bundle. */
export function scriptTagValues(): PartialConfig {
  const script = ownScriptTag();
  const values: PartialConfig = {};
  if (!script) return values;
  for (const [attribute, field] of Object.entries(dataAttributes)) {
    const value = script.getAttribute(attribute);
    if (value !== null) (values as Record<string, string>)[field] = value;
  }
  return values;
}

/** The workshop's js/config.js: `window._config = { cognito: { userPoolId, userPoolClientId, region } }`. */
export function workshopValues(): PartialConfig {
  const cognito = (globalThis as { _config?: { cognito?: Record<string, unknown> } })._config?.cognito;
  if (!cognito || typeof cognito !== 'object') return {};
  const values: PartialConfig = {};
  for (const field of configFields) {
    const value = cognito[field];
    if (typeof value === 'string' || typeof value === 'number') (values as Record<string, string | number>)[field] = value;
    // `scopes: ['openid', 'email']`, as Amplify's configuration writes them.
    else if (Array.isArray(value)) (values as Record<string, string>)[field] = value.join(' ');
  }
  return values;
}
