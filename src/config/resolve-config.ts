// Resolves the configuration an element uses, field by field: the element's attributes, then
// configure(), then the script tag's data- attributes, then window._config.cognito.
import type { CognitoConfig } from '../cognito/types.js';
import { configFields, configuredValues, scriptTagValues, workshopValues, type PartialConfig } from './config-sources.js';
import { safeRedirectUrl } from './safe-redirect.js';

/**
 * The outcome of resolving: a usable config, or the problems to show ("missing
 * userPoolClientId", "invalid userPoolId …"). `missing` is the same list worded to follow
 * "missing " (`userPoolClientId`, `a valid userPoolId`).
 */
export type ConfigResult = { ok: true; config: CognitoConfig; problems: []; missing: [] } | { ok: false; config: null; problems: string[]; missing: string[] };

const poolIdPattern = /^[\w-]+_[0-9a-zA-Z]+$/;

function clean(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The first source (in precedence order) that gives each field a non-empty value. */
function merge(sources: PartialConfig[]): Record<(typeof configFields)[number], string | undefined> {
  const merged = {} as Record<(typeof configFields)[number], string | undefined>;
  for (const field of configFields) {
    merged[field] = sources.map((source) => clean(source[field])).find((value) => value !== undefined);
  }
  return merged;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Resolves the configuration for one element. `overrides` are its attributes (empty strings
 * count as absent); the other sources are read now, so later configure() calls and script tags
 * are seen on the next call. The region defaults to the pool id's prefix (`us-east-1_…`).
 */
export function resolveConfig(overrides: PartialConfig = {}): ConfigResult {
  const values = merge([overrides, configuredValues(), scriptTagValues(), workshopValues()]);
  const problems: string[] = [];
  const missing: string[] = [];
  const { userPoolId, userPoolClientId, endpoint, storage, usernameStyle } = values;

  if (!userPoolId) {
    problems.push('missing userPoolId');
    missing.push('userPoolId');
  } else if (userPoolId.length > 55 || !poolIdPattern.test(userPoolId)) {
    problems.push(`invalid userPoolId "${userPoolId}" (expected <region>_<id>, e.g. us-east-1_AbC123)`);
    missing.push('a valid userPoolId');
  }
  if (!userPoolClientId) {
    problems.push('missing userPoolClientId');
    missing.push('userPoolClientId');
  }
  if (endpoint && !isHttpUrl(endpoint)) {
    problems.push(`invalid endpoint "${endpoint}" (expected an http:// or https:// URL)`);
    missing.push('a valid endpoint (an http or https URL)');
  }
  if (storage && storage !== 'local' && storage !== 'session' && storage !== 'memory') {
    problems.push(`invalid storage "${storage}" (expected local, session or memory)`);
    missing.push('a valid storage (local, session or memory)');
  }
  if (usernameStyle && usernameStyle !== 'as-typed' && usernameStyle !== 'at-to-dash') {
    problems.push(`invalid usernameStyle "${usernameStyle}" (expected as-typed or at-to-dash)`);
    missing.push('a valid usernameStyle (as-typed or at-to-dash)');
  }
  // Numbers: a timeout above 0 ms, a refresh margin and a sign-in age of 0 s or more.
  const numbers: Partial<Record<'timeout' | 'refreshMargin' | 'maxAuthAge', number>> = {};
  for (const [field, min, unit] of [
    ['timeout', 1, 'milliseconds, 1 or more'],
    ['refreshMargin', 0, 'seconds, 0 or more'],
    ['maxAuthAge', 0, 'seconds, 0 or more'],
  ] as const) {
    if (values[field] === undefined) continue;
    const value = Number(values[field]);
    if (value >= min) numbers[field] = value;
    else {
      problems.push(`invalid ${field} "${values[field]}" (expected ${unit})`);
      missing.push(`a valid ${field} (${unit})`);
    }
  }
  const { domain } = values;
  if (domain && !isHttpUrl(domain) && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain)) {
    problems.push(`invalid domain "${domain}" (expected a host name or URL)`);
    missing.push('a valid domain');
  }
  // The hosted UI's way back must stay on this site, as `next` does; Cognito also checks it is registered.
  const redirects: Partial<Record<'redirectSignIn' | 'redirectSignOut', string>> = {};
  for (const field of ['redirectSignIn', 'redirectSignOut'] as const) {
    const value = values[field];
    if (!value) continue;
    const url = safeRedirectUrl(value);
    // Kept as written when absolute: Cognito compares it with the registered URL character by character.
    if (url) redirects[field] = /^https?:/i.test(value) ? value : url.href;
    else {
      problems.push(`invalid ${field} "${value}" (expected a URL on this site)`);
      missing.push(`a valid ${field} (a URL on this site)`);
    }
  }
  if (problems.length || !userPoolId || !userPoolClientId) {
    return { ok: false, config: null, problems, missing };
  }

  const config: CognitoConfig = {
    region: values.region ?? userPoolId.split('_')[0],
    userPoolId,
    userPoolClientId,
  };
  if (endpoint) config.endpoint = endpoint;
  if (storage) config.storage = storage as CognitoConfig['storage'];
  if (usernameStyle) config.usernameStyle = usernameStyle as CognitoConfig['usernameStyle'];
  if (values.appName) config.appName = values.appName;
  if (domain) config.domain = domain;
  if (values.scopes) config.scopes = values.scopes;
  Object.assign(config, redirects);
  Object.assign(config, numbers);
  return { ok: true, config, problems: [], missing: [] };
}
