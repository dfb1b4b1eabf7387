// Admin operations a local pool needs for fixtures (protocol §3.9). Signatures are not checked.
import { randomInt } from 'node:crypto';
import { err, invalidParameter, notAuthorized } from '../errors.js';
import { Input } from '../input.js';
import { checkPassword, generatePassword } from '../policy.js';
import {
  checkAttributes,
  checkPoolId,
  checkUsernameShape,
  deliver,
  isEmail,
  mfaSettings,
  newUser,
  sendCode,
  userDoesNotExist,
  userRecord,
  type Pool,
} from '../pool.js';
import { makeVerifier } from '../srp.js';
import type { User } from '../store.js';
import { changeAttributes, revokeUser } from './user.js';

function adminUser(pool: Pool, input: Input): User {
  checkPoolId(pool, input.string('UserPoolId'));
  const user = pool.store.find(input.string('Username'));
  if (!user) throw userDoesNotExist();
  return user;
}

function sendTemporaryPassword(pool: Pool, user: User, password: string, mediums: string[]) {
  const wantsSms = mediums.includes('SMS') && user.attributes.phone_number;
  const wantsEmail = (mediums.length === 0 || mediums.includes('EMAIL')) && user.attributes.email;
  if (wantsEmail) deliver(pool, user, 'email', 'temporary-password', password);
  if (wantsSms) deliver(pool, user, 'phone_number', 'temporary-password', password);
}

export async function adminCreateUser(pool: Pool, input: Input) {
  checkPoolId(pool, input.string('UserPoolId'));
  const username = input.string('Username');
  const action = input.optionalString('MessageAction');
  const mediums = Array.isArray(input.body.DesiredDeliveryMediums)
    ? (input.body.DesiredDeliveryMediums as unknown[]).filter((m): m is string => typeof m === 'string')
    : [];
  const policy = pool.config.passwordPolicy;
  const temporary = input.optionalString('TemporaryPassword') ?? generatePassword(policy, (n) => randomInt(0, n));
  checkPassword(policy, temporary, 'signup');

  if (action === 'RESEND') {
    const user = pool.store.find(username);
    if (!user) throw userDoesNotExist();
    if (user.status !== 'FORCE_CHANGE_PASSWORD')
      throw err('UnsupportedUserStateException', 'Resend not possible. ' + `${user.username} status is not FORCE_CHANGE_PASSWORD.`);
    Object.assign(user, makeVerifier(pool.config.poolName, user.username, temporary));
    user.temporaryPasswordExpiresAt = Date.now() + pool.config.limits.temporaryPasswordTtlMs;
    sendTemporaryPassword(pool, user, temporary, mediums);
    await pool.store.save();
    return { User: { ...userRecord(user), ...mfaSettings(user) } };
  }
  if (action !== undefined && action !== 'SUPPRESS')
    throw invalidParameter(
      `1 validation error detected: Value '${action}' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]`,
    );

  checkUsernameShape(username);
  if (pool.config.emailAsUsername && !isEmail(username)) throw invalidParameter('Username should be an email.');
  const given = input.attributes('UserAttributes');
  checkAttributes(pool, given, 'create');
  const attributes: Record<string, string> = {};
  for (const { Name, Value } of given) if (Name !== 'sub') attributes[Name] = Value;
  if (pool.config.emailAsUsername) attributes.email = username;
  if (pool.store.find(username)) throw err('UsernameExistsException', 'User account already exists');
  const user = newUser(pool, username, attributes, temporary);
  user.status = 'FORCE_CHANGE_PASSWORD';
  user.temporaryPasswordExpiresAt = Date.now() + pool.config.limits.temporaryPasswordTtlMs;
  pool.store.add(user);
  if (action !== 'SUPPRESS') sendTemporaryPassword(pool, user, temporary, mediums);
  await pool.store.save();
  return { User: { ...userRecord(user), ...mfaSettings(user) } };
}

export async function adminConfirmSignUp(pool: Pool, input: Input) {
  const user = adminUser(pool, input);
  if (user.status !== 'UNCONFIRMED') throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  user.status = 'CONFIRMED';
  user.modifiedAt = Date.now();
  await pool.store.save();
  return {};
}

export function adminGetUser(pool: Pool, input: Input) {
  const user = adminUser(pool, input);
  const { Attributes, ...record } = userRecord(user);
  return { ...record, UserAttributes: Attributes, ...mfaSettings(user) };
}

export async function adminSetUserPassword(pool: Pool, input: Input) {
  const user = adminUser(pool, input);
  const password = input.string('Password');
  const permanent = input.optionalBoolean('Permanent') ?? false;
  checkPassword(pool.config.passwordPolicy, password, 'signup');
  Object.assign(user, makeVerifier(pool.config.poolName, user.username, password));
  user.status = permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
  user.temporaryPasswordExpiresAt = permanent ? null : Date.now() + pool.config.limits.temporaryPasswordTtlMs;
  user.signInFailures = { count: 0, lastFailureAt: 0, lockedUntil: 0 };
  user.modifiedAt = Date.now();
  await pool.store.save();
  return {};
}

/** Forces a reset: sign-in answers PasswordResetRequiredException until ConfirmForgotPassword. */
export async function adminResetUserPassword(pool: Pool, input: Input) {
  const user = adminUser(pool, input);
  const via = user.attributes.email_verified === 'true' ? 'email' : user.attributes.phone_number_verified === 'true' ? 'phone_number' : null;
  if (!via) throw invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
  user.status = 'RESET_REQUIRED';
  revokeUser(pool, user);
  sendCode(pool, user, 'forgotPassword', 'forgot-password', pool.config.limits.forgotPasswordCodeTtlMs, via);
  user.modifiedAt = Date.now();
  await pool.store.save();
  return {};
}

/** Returns {} as Cognito does; a changed email or phone number is unverified and gets a code unless the call sets `*_verified`. */
export async function adminUpdateUserAttributes(pool: Pool, input: Input) {
  const user = adminUser(pool, input);
  await changeAttributes(pool, user, input.attributes('UserAttributes'), 'admin');
  return {};
}

export async function adminDeleteUser(pool: Pool, input: Input) {
  const user = adminUser(pool, input);
  pool.store.remove(user);
  await pool.store.save();
  return {};
}

export async function adminSetEnabled(pool: Pool, input: Input, enabled: boolean) {
  const user = adminUser(pool, input);
  user.enabled = enabled;
  if (!enabled) revokeUser(pool, user);
  user.modifiedAt = Date.now();
  await pool.store.save();
  return {};
}

export async function adminUserGlobalSignOut(pool: Pool, input: Input) {
  revokeUser(pool, adminUser(pool, input));
  await pool.store.save();
  return {};
}
