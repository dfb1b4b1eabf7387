// `METHODS=passkey,email,sms,password npm start`: the ways the demo's pool lets people sign in,
// named as a person would, mapped to Cognito's first auth factors (the pool's
// Policies.SignInPolicy.AllowedFirstAuthFactors). demo/passwordless.html offers them.
import type { FirstAuthFactor } from '../../local-pool/index.js';

const FACTORS: Record<string, FirstAuthFactor> = {
  passkey: 'WEB_AUTHN',
  email: 'EMAIL_OTP',
  'email-code': 'EMAIL_OTP',
  sms: 'SMS_OTP',
  'sms-code': 'SMS_OTP',
  password: 'PASSWORD',
};

export const METHOD_NAMES = ['passkey', 'email', 'sms', 'password'];

/** The first factors for a comma (or space) list of method names; throws naming an unknown one. */
export function firstFactorsFor(list: string): FirstAuthFactor[] {
  const names = list
    .split(/[\s,]+/)
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) throw new Error(`METHODS names no method (use ${METHOD_NAMES.join(', ')})`);
  const factors = names.map((name) => {
    const factor = FACTORS[name];
    if (!factor) throw new Error(`METHODS: unknown method "${name}" (use ${METHOD_NAMES.join(', ')})`);
    return factor;
  });
  return [...new Set(factors)];
}
