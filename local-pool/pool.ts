// The pool's state and the helpers every operation shares.
import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { CognitoError, attemptLimit, codeMismatch, err, expiredCode, invalidParameter, notAuthorized } from './errors.js';
import type { AttributeType } from './input.js';
import { Mailbox, maskEmail, maskPhone, type MessageKind } from './mailbox.js';
import type { PoolConfig } from './options.js';
import type { Sessions } from './sessions.js';
import { makeVerifier } from './srp.js';
import { Store, type CodePurpose, type User } from './store.js';
import type { TokenIssuer } from './tokens.js';

export interface Pool {
  config: PoolConfig;
  store: Store;
  mailbox: Mailbox;
  tokens: TokenIssuer;
  sessions: Sessions;
}

export interface CodeDeliveryDetails {
  Destination: string;
  DeliveryMedium: 'EMAIL' | 'SMS';
  AttributeName: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;
// Cognito's username pattern, from its input model.
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

export const isEmail = (text: string) => EMAIL.test(text) && text.length <= 2048;

export function checkClient(pool: Pool, clientId: string) {
  if (clientId !== pool.config.clientId) throw err('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
}

export function checkPoolId(pool: Pool, poolId: string) {
  // Cognito's input model: a malformed id is a validation error, a well-formed unknown one is not found.
  if (poolId.length > 55 || !/^[\w-]+_[0-9a-zA-Z]+$/.test(poolId)) {
    throw invalidParameter(
      `1 validation error detected: Value '${poolId}' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+`,
    );
  }
  if (poolId !== pool.config.poolId) throw err('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
}

export function checkUsernameShape(username: string) {
  if (username.length > 128) {
    throw invalidParameter("1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128");
  }
  if (!USERNAME.test(username)) {
    throw invalidParameter(
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    );
  }
}

/** "Username/client id combination not found." (code and recovery operations, LEGACY). */
export const userNotFoundForCode = () => err('UserNotFoundException', 'Username/client id combination not found.');
export const userDoesNotExist = () => err('UserNotFoundException', 'User does not exist.');

/**
 * Validates attributes for SignUp, AdminCreateUser ('create': immutable ones may be set) and every
 * later change ('update'): the pool's schema (names, mutability, types, lengths; schema.ts), then
 * Cognito's formats for email and phone_number.
 */
export function checkAttributes(pool: Pool, attributes: AttributeType[], when: 'create' | 'update') {
  pool.config.schema.check(attributes, when);
  for (const { Name, Value } of attributes) {
    if (Name === 'email' && !isEmail(Value)) throw invalidParameter('Invalid email address format.');
    if (Name === 'phone_number' && !PHONE.test(Value)) throw invalidParameter('Invalid phone number format.');
  }
}

/** Cognito's refusal of a sign-up that lacks required attributes. */
export function checkRequired(pool: Pool, attributes: Record<string, string>) {
  const missing = pool.config.requiredAttributes.filter((name) => !attributes[name]);
  if (missing.length > 0) {
    throw invalidParameter(`Attributes did not conform to the schema: ${missing.map((name) => `${name}: The attribute is required`).join(', ')}`);
  }
}

export function newUser(pool: Pool, username: string, attributes: Record<string, string>, password: string): User {
  const sub = randomUUID();
  const name = pool.config.emailAsUsername ? sub : username;
  const now = Date.now();
  return {
    username: name,
    attributes: { ...attributes, sub },
    status: 'UNCONFIRMED',
    enabled: true,
    ...makeVerifier(pool.config.poolName, name, password),
    createdAt: now,
    modifiedAt: now,
    temporaryPasswordExpiresAt: null,
    codes: {},
    codeAttempts: {},
    signInFailures: { count: 0, lastFailureAt: 0, lockedUntil: 0 },
    mfa: { totpSecret: null, totpPendingSecret: null, totpEnabled: false, smsEnabled: false, preferred: null },
  };
}

export const sixDigits = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * "Sends" a code to the user's email (else phone) and remembers it for `purpose`. `to`: another
 * address for that attribute than the user's current one (a change waiting for its code).
 */
export function sendCode(
  pool: Pool,
  user: User,
  purpose: CodePurpose,
  kind: MessageKind,
  ttlMs: number,
  via?: 'email' | 'phone_number',
  to?: string,
): CodeDeliveryDetails | null {
  const attribute = via ?? (user.attributes.email ? 'email' : user.attributes.phone_number ? 'phone_number' : null);
  if (!attribute || !(to ?? user.attributes[attribute])) return null;
  const code = sixDigits();
  const previous = user.codes[purpose];
  user.codes[purpose] = {
    code,
    expiresAt: Date.now() + ttlMs,
    attribute,
    superseded: previous ? [previous.code, ...previous.superseded].slice(0, 5) : [],
  };
  return deliver(pool, user, attribute, kind, code, to);
}

export function deliver(pool: Pool, user: User, attribute: string, kind: MessageKind, code: string, address?: string): CodeDeliveryDetails {
  const to = address ?? user.attributes[attribute];
  if (attribute === 'email') {
    pool.mailbox.send(to, 'email', kind, code);
    return { Destination: maskEmail(to), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  }
  pool.mailbox.send(to, 'sms', kind, code);
  return { Destination: maskPhone(to), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
}

/** A plausible CodeDeliveryDetails for an unknown user when existence errors are prevented. */
export function simulatedDelivery(typed: string): CodeDeliveryDetails {
  return isEmail(typed)
    ? { Destination: maskEmail(typed), DeliveryMedium: 'EMAIL', AttributeName: 'email' }
    : { Destination: maskEmail(`${typed}@example.com`), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}

/**
 * Checks a code for `purpose`: LimitExceeded while locked out, Expired when none was requested,
 * it expired or was superseded, CodeMismatch otherwise; counts failures (§6.3). The caller saves.
 */
export function useCode(pool: Pool, user: User, purpose: CodePurpose, code: string) {
  const now = Date.now();
  const attempts = (user.codeAttempts[purpose] ??= { failures: 0, lockedUntil: 0 });
  if (attempts.lockedUntil > now) throw attemptLimit();
  const record = user.codes[purpose];
  if (!record) throw expiredCode();
  if (record.code !== code) {
    if (record.superseded.includes(code)) throw expiredCode();
    attempts.failures += 1;
    if (attempts.failures >= pool.config.limits.codeAttemptLimit) {
      attempts.failures = 0;
      attempts.lockedUntil = now + pool.config.limits.codeLockoutMs;
    }
    throw codeMismatch();
  }
  if (record.expiresAt <= now) throw expiredCode();
  delete user.codes[purpose];
  delete user.codeAttempts[purpose];
  return record;
}

/** The same limit for other repeated wrong answers (ChangePassword's previous password). */
export function countFailure(pool: Pool, user: User, purpose: string, error: CognitoError): never {
  const attempts = (user.codeAttempts[purpose] ??= { failures: 0, lockedUntil: 0 });
  attempts.failures += 1;
  if (attempts.failures >= pool.config.limits.codeAttemptLimit) {
    attempts.failures = 0;
    attempts.lockedUntil = Date.now() + pool.config.limits.codeLockoutMs;
  }
  throw error;
}

export function checkNotLimited(user: User, purpose: string) {
  if ((user.codeAttempts[purpose]?.lockedUntil ?? 0) > Date.now()) throw attemptLimit();
}

/** Sign-in lockout (§6.3): "Password attempts exceeded" while locked. */
export function checkSignInAllowed(user: User) {
  if (!user.enabled) throw notAuthorized('User is disabled.');
  if (user.signInFailures.lockedUntil > Date.now()) throw notAuthorized('Password attempts exceeded');
}

export function recordSignInFailure(pool: Pool, user: User) {
  const { lockoutThreshold, lockoutBaseMs, lockoutMaxMs } = pool.config.limits;
  const now = Date.now();
  const failures = user.signInFailures;
  if (now - failures.lastFailureAt > lockoutMaxMs) failures.count = 0;
  failures.count += 1;
  failures.lastFailureAt = now;
  if (failures.count >= lockoutThreshold) {
    failures.lockedUntil = now + Math.min(lockoutBaseMs * 2 ** (failures.count - lockoutThreshold), lockoutMaxMs);
  }
}

export function recordSignInSuccess(user: User) {
  user.signInFailures = { count: 0, lastFailureAt: 0, lockedUntil: 0 };
}

/** Attributes as Cognito lists them: [{Name, Value}], sub first. */
export function attributeList(user: User): AttributeType[] {
  const { sub, ...rest } = user.attributes;
  return [{ Name: 'sub', Value: sub }, ...Object.entries(rest).map(([Name, Value]) => ({ Name, Value }))];
}

export function mfaSettings(user: User) {
  const list: string[] = [];
  if (user.mfa.smsEnabled) list.push('SMS_MFA');
  if (user.mfa.totpEnabled) list.push('SOFTWARE_TOKEN_MFA');
  if (user.mfa.emailEnabled) list.push('EMAIL_OTP');
  return {
    ...(list.length ? { UserMFASettingList: list } : {}),
    ...(user.mfa.preferred ? { PreferredMfaSetting: user.mfa.preferred } : {}),
  };
}

/** The AdminGetUser / ListUsers shape; dates are epoch seconds. */
export function userRecord(user: User) {
  return {
    Username: user.username,
    Attributes: attributeList(user),
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.modifiedAt / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** A stable fake id and salt for an unknown user's simulated SRP challenge (§6.4). */
export function fakeUser(pool: Pool, typed: string) {
  pool.store.fakeUserSecret ??= randomBytes(32).toString('hex');
  const digest = createHmac('sha256', pool.store.fakeUserSecret).update(`${pool.config.poolId}\0${typed.toLowerCase()}`).digest();
  const hex = digest.subarray(0, 16).toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return { userId: pool.config.emailAsUsername ? id : typed, salt: digest.subarray(16, 32).toString('hex') };
}

export { CognitoError };
