// Helpers for browser tests that talk to the local user pool the test runner starts
// (web-test-runner.config.mjs puts its address in window.__localPool). Everything here goes over
// real HTTP to the pool: the mailbox, fault injection and reset are the pool's /_local/ routes.
import { Secret, TOTP } from 'otpauth';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { memoryStorage } from '../../../src/cognito/memory-storage.js';
import type { CognitoConfig } from '../../../src/cognito/types.js';

/** The part of Storage the helpers use (the adapter's memory storage has it too). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** What the runner hands the page: the pool's base URL (ends with '/'), pool id and client id. */
export interface LocalPoolInfo {
  url: string;
  poolId: string;
  clientId: string;
}

/** One message the pool "sent" (it keeps them instead of emailing or texting). */
export interface PoolMessage {
  to: string;
  channel: 'email' | 'sms';
  kind: 'sign-up' | 'forgot-password' | 'sms-mfa' | 'email-mfa' | 'sign-in-code' | 'temporary-password' | 'verify-attribute';
  code: string;
  sentAt: string;
}

/** A fault the pool injects into its next matching responses. */
export interface PoolFault {
  /** Cognito operation name (e.g. 'SignUp', 'InitiateAuth'); absent = every operation. */
  operation?: string;
  /**
   * 'answer' sends `body` (with `status`) instead of running the operation, to forge what the pool
   * never sends, e.g. `{ ChallengeName: 'EMAIL_OTP', Session: 'x', ChallengeParameters: {} }`.
   */
  kind: 'http-500' | 'throttle' | 'drop' | 'delay' | 'answer';
  /** How many requests it hits; absent = the pool's default. */
  times?: number;
  delayMs?: number;
  /** 'answer' only (and required there): the JSON object answered as is. */
  body?: Record<string, unknown>;
  /** 'answer' only: its HTTP status, 200-599 (default 200). */
  status?: number;
}

/**
 * Which local pool: 'default' (email as username, MFA off: window.__localPool) or another pool
 * the runner starts with different options, listed in window.__localPools ('mfa': MFA ON;
 * 'attributes': name required besides email; 'rotation': refresh token rotation, no grace period;
 * 'userAuth': every first factor (password, email and text codes, passkeys); 'emailMfa': MFA ON by email only;
 * 'passkeyOrigins': passkeys accepted from another origin than the tests' page; 'classic': an app
 * client without ALLOW_USER_AUTH; 'devices' / 'devicesOptIn': device tracking, always / user opt-in).
 */
export type PoolName =
  'default' | 'mfa' | 'attributes' | 'rotation' | 'userAuth' | 'emailMfa' | 'mfaChoice' | 'passkeyOrigins' | 'classic' | 'devices' | 'devicesOptIn';

declare global {
  interface Window {
    __localPool: LocalPoolInfo;
    __localPools?: Partial<Record<PoolName, LocalPoolInfo>>;
  }
}

/** Whether the runner started the pool `name`. */
export function hasLocalPool(name: PoolName): boolean {
  return name === 'default' ? Boolean(window.__localPool) : Boolean(window.__localPools?.[name]);
}

/** The local pool's address and ids. */
export function localPool(name: PoolName = 'default'): LocalPoolInfo {
  const info = name === 'default' ? window.__localPool : window.__localPools?.[name];
  if (!info) throw new Error(`The test runner did not start the local pool "${name}" (window.__localPool${name === 'default' ? '' : `s.${name}`})`);
  return info;
}

/**
 * A CognitoConfig for the local pool. Storage defaults to 'local' (the product's default, and
 * what a page using the SDK directly reads); pass 'memory' or 'session' to keep a test apart.
 */
export function poolConfig(options: Pick<CognitoConfig, 'storage' | 'usernameStyle'> & { pool?: PoolName } = {}): CognitoConfig {
  const { url, poolId, clientId } = localPool(options.pool);
  return {
    region: poolId.split('_')[0],
    userPoolId: poolId,
    userPoolClientId: clientId,
    endpoint: url,
    storage: options.storage ?? 'local',
    usernameStyle: options.usernameStyle ?? 'as-typed',
  };
}

async function poolRequest(path: string, init?: RequestInit, pool: PoolName | URL = 'default'): Promise<Response> {
  const response = await fetch(new URL(path, pool instanceof URL ? pool : localPool(pool).url), init);
  if (!response.ok) {
    throw new Error(`${init?.method ?? 'GET'} ${path}: HTTP ${response.status} ${await response.text()}`);
  }
  return response;
}

/**
 * Removes the SDK's keys (`CognitoIdentityServiceProvider.*`) from localStorage, sessionStorage
 * and the adapter's in-memory storage, so no session leaks from one test into the next.
 */
export function clearStoredSessions(): void {
  for (const storage of [localStorage, sessionStorage, memoryStorage()]) {
    for (const key of keysOf(storage)) {
      if (key.startsWith('CognitoIdentityServiceProvider.')) storage.removeItem(key);
    }
  }
}

/** Every key in `storage`. */
export function keysOf(storage: KeyValueStorage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null) keys.push(key);
  }
  return keys;
}

/** Forgets every user, code, fault and logged request in the pool, and clears stored sessions in this page. */
export async function resetPool(pool: PoolName = 'default'): Promise<void> {
  await poolRequest('_local/reset', { method: 'POST' }, pool);
  clearStoredSessions();
}

/** Every message the pool sent to `to` (an email address or phone number), oldest first. */
export async function messagesTo(to: string, pool: PoolName | URL = 'default'): Promise<PoolMessage[]> {
  const response = await poolRequest(`_local/messages?to=${encodeURIComponent(to)}`, undefined, pool);
  const messages = (await response.json()) as PoolMessage[];
  return messages.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

/** The newest code of `kind` sent to `to` by `pool` (a name, or its URL); throws if there is none. */
export async function latestCode(to: string, kind: PoolMessage['kind'] = 'sign-up', pool: PoolName | URL = 'default'): Promise<string> {
  const matching = (await messagesTo(to, pool)).filter((message) => message.kind === kind);
  const latest = matching.at(-1);
  if (!latest) throw new Error(`The local pool sent no ${kind} code to ${to}`);
  return latest.code;
}

/** Makes the pool fail its next matching request(s) as described. */
export async function injectFault(fault: PoolFault, pool: PoolName = 'default'): Promise<void> {
  await poolRequest('_local/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fault) }, pool);
}

/** Removes every injected fault. */
export async function clearFaults(pool: PoolName = 'default'): Promise<void> {
  await poolRequest('_local/faults', { method: 'DELETE' }, pool);
}

/**
 * The Cognito requests the pool received (all, or those for `operation`), oldest first, with the
 * status it answered (0 while unanswered, or when a 'drop' fault cut the connection).
 */
export async function poolRequests(operation?: string, pool: PoolName = 'default'): Promise<Array<{ operation: string; at: string; status: number }>> {
  const query = operation ? `?operation=${encodeURIComponent(operation)}` : '';
  const response = await poolRequest(`_local/requests${query}`, undefined, pool);
  return (await response.json()) as Array<{ operation: string; at: string; status: number }>;
}

/** Empties the pool's request log (resetPool does too). */
export async function clearPoolRequests(pool: PoolName = 'default'): Promise<void> {
  await poolRequest('_local/requests', { method: 'DELETE' }, pool);
}

let emailCounter = 0;
/** An address no other test uses: `<prefix>-<time>-<n>@example.com`. */
export function uniqueEmail(prefix = 'user'): string {
  emailCounter += 1;
  const random = Math.random().toString(36).slice(2, 7);
  return `${prefix}-${Date.now().toString(36)}${random}-${emailCounter}@example.com`;
}

/** A password that satisfies the pool's default policy. */
export const strongPassword = 'Correct-Horse-9-Battery';

/**
 * Signs a user up through the adapter and confirms them with the code from the pool's mailbox.
 * Returns what a test needs to sign in.
 */
export async function createConfirmedUser(
  email: string = uniqueEmail(),
  password: string = strongPassword,
  config: CognitoConfig = poolConfig(),
): Promise<{ email: string; password: string; username: string }> {
  const { username } = await cognito.signUp(config, { email, password });
  const mailbox = config.endpoint ? new URL(config.endpoint) : 'default';
  await cognito.confirmSignUp(config, email, await latestCode(email, 'sign-up', mailbox));
  return { email, password, username };
}

/**
 * Makes the session stored for `config` look expired to the SDK (without touching the tokens):
 * it shifts the stored clockDrift so that "now" is past both tokens' exp. The next getSession()
 * then refreshes with the refresh token, as it would an hour later.
 */
export function expireStoredSession(config: CognitoConfig, storage: KeyValueStorage = storageFor(config)): void {
  const prefix = `CognitoIdentityServiceProvider.${config.userPoolClientId}`;
  const user = storage.getItem(`${prefix}.LastAuthUser`);
  if (!user) throw new Error('No stored session to expire');
  storage.setItem(`${prefix}.${user}.clockDrift`, String(-2 * 24 * 3600));
}

/** The storage the adapter uses for `config`. */
export function storageFor(config: CognitoConfig): KeyValueStorage {
  if (config.storage === 'session') return sessionStorage;
  if (config.storage === 'memory') return memoryStorage();
  return localStorage;
}

/**
 * An Authorization header shaped like SigV4's: the pool wants one on Admin operations, as Cognito
 * does, and does not check the signature (there is no secret to check it against).
 */
const SIGV4_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=AKIDLOCALPOOLTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000';

/**
 * Calls one of the pool's operations directly, admin operations included (signed with a dummy
 * SigV4 header; the runner lets this page's origin call them), e.g.
 * `poolOperation('AdminDisableUser', { Username })`. UserPoolId is added.
 */
export async function poolOperation<T = Record<string, unknown>>(
  operation: string,
  body: Record<string, unknown> = {},
  pool: PoolName = 'default',
): Promise<T> {
  const { url, poolId } = localPool(pool);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      Authorization: SIGV4_AUTHORIZATION,
    },
    body: JSON.stringify({ UserPoolId: poolId, ...body }),
  });
  const data = (await response.json()) as T;
  if (!response.ok) throw new Error(`${operation}: HTTP ${response.status} ${JSON.stringify(data)}`);
  return data;
}

/**
 * Creates a user as an administrator would (AdminCreateUser): status FORCE_CHANGE_PASSWORD, so
 * signing in with `temporaryPassword` leads to the NEW_PASSWORD_REQUIRED step.
 */
export async function createUserWithTemporaryPassword(
  email: string = uniqueEmail('admin-created'),
  temporaryPassword = 'Temporary-Pass-1',
  attributes: Record<string, string> = {},
): Promise<{ email: string; temporaryPassword: string }> {
  await poolOperation('AdminCreateUser', {
    Username: email,
    TemporaryPassword: temporaryPassword,
    MessageAction: 'SUPPRESS',
    UserAttributes: Object.entries({ email, ...attributes }).map(([Name, Value]) => ({ Name, Value })),
  });
  return { email, temporaryPassword };
}

/**
 * The TOTP code an authenticator app shows for `secret` (base32) now, or `steps` periods of 30 s
 * later (the pool accepts one step either side; a later step avoids reusing a code just used).
 */
export function totpCode(secret: string, steps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });
}
