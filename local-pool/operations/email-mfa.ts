// Email MFA (EMAIL_OTP as an MFA challenge) and the choice between MFA factors: which factors a
// user's sign-in may ask for, SELECT_MFA_TYPE, MFA_SETUP by email, and GetUserAuthFactors.
// AWS: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
// and https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html
import { err, invalidParameter } from '../errors.js';
import { Input } from '../input.js';
import { checkPoolId, deliver, isEmail, mfaSettings, sixDigits, userDoesNotExist, type Pool } from '../pool.js';
import type { ChallengeSession } from '../sessions.js';
import type { MfaName, User } from '../store.js';
import { configuredAuthFactors } from '../user-factors.js';
import { challenge, mfaCodeChallenge } from './auth.js';
import { answerOtp } from './otp-answer.js';
import { authenticate } from './user.js';

export const emailMfaOffered = (pool: Pool) => pool.config.mfaFactors.includes('EMAIL');

/**
 * The MFA factors a sign-in of `user` may ask for: those the pool offers and the user has turned
 * on. With MFA required, a user with a phone number and no other factor gets SMS, as Cognito does.
 */
export function selectableMfa(pool: Pool, user: User): MfaName[] {
  const { mfaFactors, mfa } = pool.config;
  const totp = mfaFactors.includes('TOTP') && user.mfa.totpEnabled && user.mfa.totpSecret !== null;
  const email = mfaFactors.includes('EMAIL') && user.mfa.emailEnabled === true && Boolean(user.attributes.email);
  const sms = mfaFactors.includes('SMS') && Boolean(user.attributes.phone_number) && (user.mfa.smsEnabled || (mfa === 'ON' && !totp && !email));
  const names: MfaName[] = [];
  if (sms) names.push('SMS_MFA');
  if (totp) names.push('SOFTWARE_TOKEN_MFA');
  if (email) names.push('EMAIL_OTP');
  return names;
}

/** MFA_SETUP's MFAS_CAN_SETUP: TOTP and, in pools that offer it, email. */
export function mfaSetupFactors(pool: Pool): string[] {
  const names: string[] = [];
  if (pool.config.mfaFactors.includes('TOTP')) names.push('SOFTWARE_TOKEN_MFA');
  if (emailMfaOffered(pool)) names.push('EMAIL_OTP');
  return names.length ? names : ['SMS_MFA'];
}

/** Sends the email MFA code and answers the EMAIL_OTP challenge (`role` says what a right code then does). */
function emailCodeChallenge(pool: Pool, user: User, role: 'mfa' | 'mfa-setup') {
  const code = sixDigits();
  const delivery = deliver(pool, user, 'email', 'email-mfa', code);
  const otp = { code, expiresAt: Date.now() + pool.config.limits.signInCodeTtlMs, failures: 0 };
  return challenge(pool, user, 'EMAIL_OTP', { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: delivery.Destination }, { otp, role });
}

export function startMfaChallenge(pool: Pool, user: User, name: MfaName) {
  return name === 'EMAIL_OTP' ? emailCodeChallenge(pool, user, 'mfa') : mfaCodeChallenge(pool, user, name);
}

/** EMAIL_OTP_CODE, or EMAIL_MFA_CODE, the name the API reference also uses. */
export const emailCode = (responses: Record<string, string>) =>
  responses.EMAIL_OTP_CODE === undefined && responses.EMAIL_MFA_CODE !== undefined ? responses.EMAIL_MFA_CODE : Input.required(responses, 'EMAIL_OTP_CODE');

/** RespondToAuthChallenge for SELECT_MFA_TYPE, EMAIL_OTP (MFA or set-up) and MFA_SETUP with EMAIL. */
export async function respondToEmailMfa(pool: Pool, name: string, user: User, responses: Record<string, string>, sessionId: string, session: ChallengeSession) {
  if (name === 'EMAIL_OTP') return answerOtp(pool, user, emailCode(responses), sessionId, session);
  if (name === 'SELECT_MFA_TYPE') {
    const given = Input.required(responses, 'ANSWER');
    // The API reference calls email MFA EMAIL_MFA here; the challenge itself is EMAIL_OTP.
    const answer = given === 'EMAIL_MFA' ? 'EMAIL_OTP' : given;
    const choices = (session.choices ?? []) as MfaName[];
    if (!choices.includes(answer as MfaName)) throw invalidParameter(`Invalid ANSWER ${given}: the MFA choices are ${choices.join(', ')}.`);
    pool.sessions.delete(sessionId);
    return startMfaChallenge(pool, user, answer as MfaName);
  }
  // MFA_SETUP by email: the address to use (the user's own), then a code to it.
  if (!emailMfaOffered(pool)) throw invalidParameter('Email MFA is not enabled for this user pool.');
  const email = responses.EMAIL;
  if (!isEmail(email)) throw invalidParameter('Invalid email address format.');
  const current = user.attributes.email;
  if (current && current.toLowerCase() !== email.toLowerCase()) {
    throw invalidParameter("EMAIL must be the user's email address; change it with UpdateUserAttributes after signing in.");
  }
  if (!current) {
    const owner = pool.store.findByEmail(email);
    if (owner && owner !== user) throw err('AliasExistsException', 'An account with the given email already exists.');
    pool.store.reindex(user, () => {
      user.attributes.email = email;
      user.attributes.email_verified = 'false';
    });
  }
  pool.sessions.delete(sessionId);
  return emailCodeChallenge(pool, user, 'mfa-setup');
}

function authFactors(pool: Pool, user: User) {
  return { Username: user.username, ...mfaSettings(user), ConfiguredUserAuthFactors: configuredAuthFactors(pool, user) };
}

export async function getUserAuthFactors(pool: Pool, input: Input) {
  return authFactors(pool, await authenticate(pool, input));
}

export function adminGetUserAuthFactors(pool: Pool, input: Input) {
  checkPoolId(pool, input.string('UserPoolId'));
  const user = pool.store.find(input.string('Username'));
  if (!user) throw userDoesNotExist();
  return authFactors(pool, user);
}
