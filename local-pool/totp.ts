// TOTP per RFC 6238 (SHA-1, 6 digits, 30 s) with one step of tolerance, via otpauth; each code once.
import { Secret, TOTP } from 'otpauth';
import type { User } from './store.js';

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The time step (30-second period since 1970) a code belongs to, if it is within one step of now. */
export function totpStep(secretBase32: string, code: string): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const totp = new TOTP({ secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30 });
  const timestamp = Date.now();
  const delta = totp.validate({ token: code, timestamp, window: 1 });
  return delta === null ? null : totp.counter({ timestamp }) + delta;
}

/**
 * Accepts a code of the user's authenticator once: a code of a step at or before the last one
 * accepted is a replay and fails (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt
 * of the same OTP"). The caller saves the user.
 */
export function useTotpCode(user: User, code: string): boolean {
  const step = user.mfa.totpSecret ? totpStep(user.mfa.totpSecret, code) : null;
  if (step === null || step <= (user.mfa.totpUsedStep ?? -1)) return false;
  user.mfa.totpUsedStep = step;
  return true;
}
