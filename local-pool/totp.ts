// TOTP per RFC 6238 (SHA-1, 6 digits, 30 s) with one step of tolerance, via otpauth.
import { Secret, TOTP } from 'otpauth';

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export function totpMatches(secretBase32: string, code: string): boolean {
  if (!/^[0-9]{6}$/.test(code)) return false;
  const totp = new TOTP({ secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.validate({ token: code, window: 1 }) !== null;
}
