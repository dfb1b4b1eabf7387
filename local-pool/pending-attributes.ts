// Cognito's "keep original attribute value active when an update is pending" (the pool's
// UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate): a new email or phone
// number waits beside the user until its code is entered; the old value, still verified, keeps
// signing in and receiving messages meanwhile.
// AWS: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserAttributeUpdateSettingsType.html
import { err } from './errors.js';
import type { Pool } from './pool.js';
import type { User } from './store.js';

/** The attributes that can wait for verification. */
export type VerifiedAttribute = 'email' | 'phone_number';
export const VERIFIED_ATTRIBUTES: readonly VerifiedAttribute[] = ['email', 'phone_number'];

/**
 * Whether a change of `name` to `value` waits for its code: the pool requires it for that
 * attribute, the current value is verified (an unverified one has nothing worth keeping), and the
 * value is new.
 */
export function waitsForVerification(pool: Pool, user: User, name: string, value: string): name is VerifiedAttribute {
  if (!(pool.config.verifyBeforeUpdate as readonly string[]).includes(name) || !value) return false;
  return user.attributes[`${name}_verified`] === 'true' && Boolean(user.attributes[name]) && user.attributes[name] !== value;
}

/** The value waiting for `name`'s code, if any. */
export function pendingValue(user: User, name: string): string | undefined {
  return user.pendingAttributes?.[name as VerifiedAttribute];
}

export function holdPending(user: User, name: VerifiedAttribute, value: string) {
  user.pendingAttributes = { ...user.pendingAttributes, [name]: value };
}

/** Forgets a pending change (the user set the attribute back, or to an unverified flow). */
export function dropPending(user: User, name: string) {
  if (!user.pendingAttributes?.[name as VerifiedAttribute]) return;
  const { [name as VerifiedAttribute]: _dropped, ...rest } = user.pendingAttributes;
  user.pendingAttributes = Object.keys(rest).length ? rest : undefined;
}

/**
 * Puts the pending value in place, verified. Another account may have taken the email while the
 * code was on its way: Cognito then refuses with AliasExistsException and keeps the old one.
 */
export function applyPending(pool: Pool, user: User, name: VerifiedAttribute) {
  const value = pendingValue(user, name);
  if (!value) return;
  if (name === 'email' && pool.config.emailAsUsername) {
    const owner = pool.store.findByEmail(value);
    if (owner && owner !== user) throw err('AliasExistsException', 'An account with the given email already exists.');
  }
  pool.store.reindex(user, () => {
    user.attributes[name] = value;
    user.attributes[`${name}_verified`] = 'true';
    dropPending(user, name);
  });
  user.modifiedAt = Date.now();
}
