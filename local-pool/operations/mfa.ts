// AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference (protocol §3.6).
import { err, invalidParameter, sessionExpired } from '../errors.js';
import { Input } from '../input.js';
import { checkNotLimited, checkPoolId, countFailure, userDoesNotExist, type Pool } from '../pool.js';
import type { ChallengeSession } from '../sessions.js';
import type { MfaName, User } from '../store.js';
import { newTotpSecret, totpStep } from '../totp.js';
import { authenticate } from './user.js';

/** Exactly one of AccessToken (signed in) or Session (the MFA_SETUP challenge). */
async function target(pool: Pool, input: Input): Promise<{ user: User; sessionId: string | null; session: ChallengeSession | null }> {
  const sessionId = input.optionalString('Session');
  const hasToken = input.optionalString('AccessToken') !== undefined;
  if (hasToken === (sessionId !== undefined)) throw invalidParameter('Exactly one of AccessToken or Session must be provided.');
  if (hasToken) return { user: await authenticate(pool, input), sessionId: null, session: null };
  const session = pool.sessions.get(sessionId as string);
  if (!session || session.challenge !== 'MFA_SETUP') throw sessionExpired();
  const user = pool.store.users.get(session.userKey);
  if (!user) throw sessionExpired();
  return { user, sessionId: sessionId as string, session };
}

export async function associateSoftwareToken(pool: Pool, input: Input) {
  const { user, sessionId, session } = await target(pool, input);
  const secret = newTotpSecret();
  if (session && sessionId) {
    return { SecretCode: secret, Session: pool.sessions.renew(sessionId, { ...session, pendingSecret: secret, verified: false }) };
  }
  user.mfa.totpPendingSecret = secret;
  await pool.store.save();
  return { SecretCode: secret };
}

export async function verifySoftwareToken(pool: Pool, input: Input) {
  const { user, sessionId, session } = await target(pool, input);
  const code = input.string('UserCode');
  const secret = session ? session.pendingSecret : user.mfa.totpPendingSecret;
  if (!secret) throw err('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been associated; call AssociateSoftwareToken first.');
  checkNotLimited(user, 'verifySoftwareToken');
  const step = totpStep(secret, code);
  if (step === null) {
    try {
      countFailure(pool, user, 'verifySoftwareToken', err('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA'));
    } finally {
      await pool.store.save();
    }
  }
  delete user.codeAttempts.verifySoftwareToken;
  user.mfa.totpSecret = secret;
  // The code just used cannot sign in too: the new secret starts with its step spent.
  user.mfa.totpUsedStep = step;
  user.mfa.totpPendingSecret = null;
  if (session && sessionId) {
    // Set up during sign-in (MFA_SETUP): the factor is on and preferred at once.
    user.mfa.totpEnabled = true;
    user.mfa.preferred = 'SOFTWARE_TOKEN_MFA';
    await pool.store.save();
    return { Status: 'SUCCESS', Session: pool.sessions.renew(sessionId, { ...session, pendingSecret: undefined, verified: true }) };
  }
  await pool.store.save();
  return { Status: 'SUCCESS' };
}

const ENABLED_KEY = { SMS_MFA: 'smsEnabled', SOFTWARE_TOKEN_MFA: 'totpEnabled', EMAIL_OTP: 'emailEnabled' } as const;

function applySetting(pool: Pool, user: User, name: MfaName, settings: Input | undefined) {
  if (!settings) return;
  const enabled = settings.optionalBoolean('Enabled');
  const preferred = settings.optionalBoolean('PreferredMfa');
  const key = ENABLED_KEY[name];
  if (enabled === true || preferred === true) {
    if (name === 'SOFTWARE_TOKEN_MFA' && !user.mfa.totpSecret) throw invalidParameter('User has not verified software token mfa');
    if (name === 'SMS_MFA' && !user.attributes.phone_number) throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
    if (name === 'EMAIL_OTP') {
      // Email MFA is a pool setting (mfaFactors EMAIL), and its codes go to the user's verified email.
      if (!pool.config.mfaFactors.includes('EMAIL')) throw invalidParameter('Email MFA is not enabled for this user pool.');
      if (!user.attributes.email || user.attributes.email_verified !== 'true') {
        throw invalidParameter('User does not have delivery config set to turn on EMAIL_OTP');
      }
    }
    user.mfa[key] = true;
  }
  if (enabled === false) user.mfa[key] = false;
  if (preferred === true) user.mfa.preferred = name;
  if ((preferred === false || enabled === false) && user.mfa.preferred === name) user.mfa.preferred = null;
}

/** SMSMfaSettings, SoftwareTokenMfaSettings and EmailMfaSettings, each checked before any is applied. */
async function applySettings(pool: Pool, user: User, input: Input) {
  const before = structuredClone(user.mfa);
  try {
    applySetting(pool, user, 'SMS_MFA', input.object('SMSMfaSettings'));
    applySetting(pool, user, 'SOFTWARE_TOKEN_MFA', input.object('SoftwareTokenMfaSettings'));
    applySetting(pool, user, 'EMAIL_OTP', input.object('EmailMfaSettings'));
  } catch (error) {
    user.mfa = before;
    throw error;
  }
  user.modifiedAt = Date.now();
  await pool.store.save();
  return {};
}

export async function setUserMfaPreference(pool: Pool, input: Input) {
  return applySettings(pool, await authenticate(pool, input), input);
}

export async function adminSetUserMfaPreference(pool: Pool, input: Input) {
  checkPoolId(pool, input.string('UserPoolId'));
  const user = pool.store.find(input.string('Username'));
  if (!user) throw userDoesNotExist();
  return applySettings(pool, user, input);
}
