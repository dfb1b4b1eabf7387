// The answer to a one-time code sent during sign-in: EMAIL_OTP or SMS_OTP as the first factor
// (USER_AUTH), EMAIL_OTP as MFA, and EMAIL_OTP confirming MFA set-up by email. A wrong code counts
// as a failed sign-in, as wrong MFA codes do (after five, Cognito's lockout); an expired one ends
// the session, and the client starts the sign-in again for a new code (Cognito has no resend).
import { expiredCode, mfaCodeMismatch, notAuthorized } from '../errors.js';
import type { Pool } from '../pool.js';
import type { ChallengeSession } from '../sessions.js';
import type { User } from '../store.js';
import { issueTokens, wrongMfaCode } from './auth.js';

export async function answerOtp(pool: Pool, user: User | null, code: string, sessionId: string, record: ChallengeSession) {
  const otp = record.otp;
  if (!otp) throw notAuthorized('Invalid session for the user.');
  if (otp.expiresAt <= Date.now()) {
    pool.sessions.delete(sessionId);
    throw expiredCode();
  }
  if (code !== otp.code || !user) {
    if (user) return wrongMfaCode(pool, user, sessionId);
    // An unknown user (simulated session) is refused the same way, up to the same lockout.
    otp.failures += 1;
    if (otp.failures >= pool.config.limits.lockoutThreshold) {
      pool.sessions.delete(sessionId);
      throw notAuthorized('Password attempts exceeded');
    }
    throw mfaCodeMismatch();
  }
  pool.sessions.delete(sessionId);
  if (record.role === 'mfa-setup') {
    // The code proves the address: email MFA is on, preferred, and the email verified.
    user.attributes.email_verified = 'true';
    user.mfa.emailEnabled = true;
    user.mfa.preferred = 'EMAIL_OTP';
    user.modifiedAt = Date.now();
  }
  return issueTokens(pool, user, record.clientId);
}
