// Where the tokens live, in exactly amazon-cognito-identity-js's layout, so a page that uses the
// SDK directly sees the user our elements signed in, and we see a user the SDK signed in:
//   CognitoIdentityServiceProvider.<clientId>.LastAuthUser            = <username>
//   CognitoIdentityServiceProvider.<clientId>.<username>.idToken       (and accessToken, refreshToken)
//   CognitoIdentityServiceProvider.<clientId>.<username>.clockDrift    = now − iat, in seconds
// (the SDK's CognitoUser.cacheTokens and clearCachedUser; Amplify v6 reads the same keys).
import { claimsOf } from './jwt-claims.js';
import { memoryStorage } from './memory-storage.js';
import type { CognitoConfig } from './types.js';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface StoredTokens {
  /** The pool's username the tokens were stored under (USER_ID_FOR_SRP after an SRP sign-in). */
  username: string;
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Seconds this device's clock is ahead of the pool's, measured when the tokens arrived. */
  clockDrift: number;
}

const prefixOf = (config: CognitoConfig) => `CognitoIdentityServiceProvider.${config.userPoolClientId}`;

/**
 * localStorage (or sessionStorage) when the browser allows it, else the page's memory, as the SDK
 * does. Reading the property is what throws where storage is blocked (sandboxed frames, some
 * privacy settings); current browsers no longer refuse writes in private windows.
 */
function usable(get: () => Storage): KeyValueStorage | null {
  try {
    return get();
  } catch {
    return null;
  }
}

let probed: Partial<Record<'local' | 'session', KeyValueStorage | null>> = {};

export function storageFor(config: CognitoConfig): KeyValueStorage {
  const kind = config.storage ?? 'local';
  if (kind === 'memory') return memoryStorage();
  if (!(kind in probed)) probed[kind] = usable(() => (kind === 'session' ? sessionStorage : localStorage));
  return probed[kind] ?? memoryStorage();
}

/** The stored tokens of the last user who signed in with this app client, or null. */
export function readTokens(config: CognitoConfig): StoredTokens | null {
  const storage = storageFor(config);
  const prefix = prefixOf(config);
  const username = storage.getItem(`${prefix}.LastAuthUser`);
  if (!username) return null;
  const item = (name: string) => storage.getItem(`${prefix}.${username}.${name}`);
  const idToken = item('idToken');
  const accessToken = item('accessToken');
  const refreshToken = item('refreshToken');
  if (!idToken || !accessToken || !refreshToken) return null;
  return { username, idToken, accessToken, refreshToken, clockDrift: Number(item('clockDrift')) || 0 };
}

/** The SDK's clock drift: now − the earlier of the two tokens' `iat`, in whole seconds. */
function clockDriftOf(idToken: string, accessToken: string): number {
  const issuedAt = Math.min(Number(claimsOf(idToken).iat), Number(claimsOf(accessToken).iat));
  return Number.isFinite(issuedAt) ? Math.floor(Date.now() / 1000) - issuedAt : 0;
}

/** Stores a complete token set (a refresh that sent no new refresh token passes the old one). */
export function writeTokens(config: CognitoConfig, tokens: Omit<StoredTokens, 'clockDrift'>): StoredTokens {
  const storage = storageFor(config);
  const prefix = `${prefixOf(config)}.${tokens.username}`;
  const clockDrift = clockDriftOf(tokens.idToken, tokens.accessToken);
  // Other tabs see these writes one by one: the refresh token and drift go first, so a set that
  // looks fresh (new ID and access tokens) is complete.
  storage.setItem(`${prefix}.refreshToken`, tokens.refreshToken);
  storage.setItem(`${prefix}.clockDrift`, String(clockDrift));
  storage.setItem(`${prefix}.idToken`, tokens.idToken);
  storage.setItem(`${prefix}.accessToken`, tokens.accessToken);
  storage.setItem(`${prefixOf(config)}.LastAuthUser`, tokens.username);
  return { ...tokens, clockDrift };
}

/** Forgets the signed-in user's tokens (and the SDK's cached GetUser answer for them). */
export function clearTokens(config: CognitoConfig): void {
  const storage = storageFor(config);
  const prefix = prefixOf(config);
  const username = storage.getItem(`${prefix}.LastAuthUser`);
  if (username) {
    for (const name of ['idToken', 'accessToken', 'refreshToken', 'clockDrift', 'userData']) {
      storage.removeItem(`${prefix}.${username}.${name}`);
    }
  }
  storage.removeItem(`${prefix}.LastAuthUser`);
}

/**
 * Seconds until the first of the two tokens expires, on the pool's clock (the SDK's
 * CognitoUserSession.isValid: now − clockDrift < exp for both). Negative once expired.
 */
export function secondsLeft(tokens: StoredTokens, now = Date.now()): number {
  const expires = Math.min(Number(claimsOf(tokens.idToken).exp), Number(claimsOf(tokens.accessToken).exp));
  if (!Number.isFinite(expires)) return -1;
  return expires - (Math.floor(now / 1000) - tokens.clockDrift);
}

/** For tests: forget which storages were found usable. */
export function resetStorageProbe(): void {
  probed = {};
}
