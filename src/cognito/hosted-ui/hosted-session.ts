// Whether the stored session came from the hosted UI: then the domain has a session of its own
// (a cookie on the domain, which signs the visitor in again without a password), and signing out
// must end it too, through /logout. Kept beside the tokens, in the same storage, per app client.
import { storageFor } from '../token-storage.js';
import type { CognitoConfig } from '../types.js';

const keyOf = (config: CognitoConfig) => `cognito-auth-elements.hosted-ui.${config.userPoolClientId}`;

export function markHostedSession(config: CognitoConfig): void {
  storageFor(config).setItem(keyOf(config), '1');
}

export function isHostedSession(config: CognitoConfig): boolean {
  return storageFor(config).getItem(keyOf(config)) !== null;
}

export function forgetHostedSession(config: CognitoConfig): void {
  storageFor(config).removeItem(keyOf(config));
}
