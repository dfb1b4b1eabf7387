// What each user can sign in with: the pool's first factors (auth-factors.ts) met by the user's
// password, verified email and phone number, passkeys, and MFA settings.
import type { Pool } from './pool.js';
import type { User } from './store.js';
import { userHasPasskeys } from './webauthn.js';

/** A pool whose first factors include a passwordless one: users may then sign up without a password. */
export function allowsPasswordless(pool: Pool): boolean {
  return pool.config.firstAuthFactors.some((factor) => factor !== 'PASSWORD');
}

/**
 * Whether the user has a password of their own. A passwordless sign-up gets an unusable random
 * verifier (so SRP and password checks simply fail) and remembers its salt; any later password
 * (ForgotPassword, AdminSetUserPassword, a new-password challenge) makes a new salt.
 */
export function hasPassword(user: User): boolean {
  return user.passwordlessSalt === undefined || user.passwordlessSalt !== user.salt;
}

const verified = (user: User, attribute: 'email' | 'phone_number') =>
  Boolean(user.attributes[attribute]) && user.attributes[`${attribute}_verified`] === 'true';

/**
 * The USER_AUTH challenges a user can answer, in the order Cognito lists AvailableChallenges:
 * only factors the pool allows and the user has (a password, a verified email, a verified phone
 * number, a passkey). `null` user: an unknown one, offered what a password-and-email user would be,
 * so the answer does not tell that the user does not exist.
 */
export function availableChallenges(pool: Pool, user: User | null): string[] {
  const allowed = pool.config.firstAuthFactors;
  const list: string[] = [];
  if (allowed.includes('PASSWORD') && (!user || hasPassword(user))) list.push('PASSWORD_SRP', 'PASSWORD');
  if (allowed.includes('EMAIL_OTP') && (!user || verified(user, 'email'))) list.push('EMAIL_OTP');
  if (allowed.includes('SMS_OTP') && user && verified(user, 'phone_number')) list.push('SMS_OTP');
  if (allowed.includes('WEB_AUTHN') && user && userHasPasskeys(user)) list.push('WEB_AUTHN');
  return list;
}

/**
 * GetUserAuthFactors' ConfiguredUserAuthFactors: the first factors available to the user with
 * USER_AUTH, plus MFA factors the user has turned on (SOFTWARE_TOKEN is MFA only).
 */
export function configuredAuthFactors(pool: Pool, user: User): string[] {
  const first = availableChallenges(pool, user);
  const list: string[] = [];
  if (first.includes('PASSWORD')) list.push('PASSWORD');
  if (first.includes('EMAIL_OTP') || user.mfa.emailEnabled) list.push('EMAIL_OTP');
  if (first.includes('SMS_OTP') || user.mfa.smsEnabled) list.push('SMS_OTP');
  if (first.includes('WEB_AUTHN')) list.push('WEB_AUTHN');
  if (user.mfa.totpEnabled) list.push('SOFTWARE_TOKEN');
  return list;
}
