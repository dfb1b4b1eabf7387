// AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference (protocol §3.6).
import { err, invalidParameter, sessionExpired } from '../errors.js';
import { Input } from '../input.js';
import { checkNotLimited, countFailure, type Pool } from '../pool.js';
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

function applySetting(user: User, name: MfaName, settings: Input | undefined) {
  if (!settings) return;
  const enabled = settings.optionalBoolean('Enabled');
  const preferred = settings.optionalBoolean('PreferredMfa');
  const key = name === 'SMS_MFA' ? 'smsEnabled' : 'totpEnabled';
  if (enabled === true || preferred === true) {
    if (name === 'SOFTWARE_TOKEN_MFA' && !user.mfa.totpSecret) throw invalidParameter('User has not verified software token mfa');
    if (name === 'SMS_MFA' && !user.attributes.phone_number) throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
    user.mfa[key] = true;
  }
  if (enabled === false) user.mfa[key] = false;
  if (preferred === true) user.mfa.preferred = name;
  if ((preferred === false || enabled === false) && user.mfa.preferred === name) user.mfa.preferred = null;
}

export async function setUserMfaPreference(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  applySetting(user, 'SMS_MFA', input.object('SMSMfaSettings'));
  applySetting(user, 'SOFTWARE_TOKEN_MFA', input.object('SoftwareTokenMfaSettings'));
  user.modifiedAt = Date.now();
  await pool.store.save();
  return {};
}
