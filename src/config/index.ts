// Configuration: resolving it for an element, setting it for the page, and checking redirects.
export { configure, onConfigChange, type PartialConfig } from './config-sources.js';
export { resolveConfig, type ConfigResult } from './resolve-config.js';
export { safeRedirectUrl } from './safe-redirect.js';
