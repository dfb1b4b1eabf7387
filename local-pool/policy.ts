import { err } from './errors.js';

export interface PasswordPolicy {
  minLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
}

/** Cognito's default policy (8+ characters, upper, lower, digit, symbol). */
export const defaultPasswordPolicy: PasswordPolicy = {
  minLength: 8,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: true,
};

// Cognito's symbol set (protocol §6.1); a space counts too when it is not at either end.
const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';

/**
 * Parses the CLI form of a policy: a comma list of `min=N`, `upper`, `lower`, `digit` (or
 * `number`) and `symbol`. Classes not listed are not required; `default` = Cognito's default.
 * E.g. `--password-policy min=10,upper,lower,digit,symbol` or `--password-policy min=6`.
 */
export function parsePasswordPolicy(text: string): PasswordPolicy {
  if (text.trim() === 'default') return { ...defaultPasswordPolicy };
  const policy: PasswordPolicy = {
    minLength: 8,
    requireUppercase: false,
    requireLowercase: false,
    requireNumbers: false,
    requireSymbols: false,
  };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const min = /^min(?:length)?=(\d+)$/i.exec(part);
    if (min) policy.minLength = Number(min[1]);
    else if (/^upper(case)?$/i.test(part)) policy.requireUppercase = true;
    else if (/^lower(case)?$/i.test(part)) policy.requireLowercase = true;
    else if (/^(digit|digits|number|numbers)$/i.test(part)) policy.requireNumbers = true;
    else if (/^(symbol|symbols)$/i.test(part)) policy.requireSymbols = true;
    else throw new Error(`unknown password-policy item "${part}" (use min=N,upper,lower,digit,symbol)`);
  }
  if (policy.minLength < 6 || policy.minLength > 99) throw new Error('password-policy min must be 6..99');
  return policy;
}

/** The first rule a password breaks, in the order length, upper, lower, numeric, symbol (§6.1). */
export function policyViolation(policy: PasswordPolicy, password: string): string | null {
  if ([...password].length < policy.minLength) return 'Password not long enough';
  if (policy.requireUppercase && !/\p{Lu}/u.test(password)) return 'Password must have uppercase characters';
  if (policy.requireLowercase && !/\p{Ll}/u.test(password)) return 'Password must have lowercase characters';
  if (policy.requireNumbers && !/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (policy.requireSymbols && ![...password].some((c) => SYMBOLS.includes(c))) return 'Password must have symbol characters';
  return null;
}

/**
 * Throws Cognito's InvalidPasswordException. `form` picks the prefix Cognito uses: 'signup' for
 * SignUp and admin-set passwords, 'change' for reset, new-password challenge and change-password.
 */
export function checkPassword(policy: PasswordPolicy, password: string, form: 'signup' | 'change') {
  checkPasswordShape(password);
  const reason = policyViolation(policy, password);
  if (!reason) return;
  const prefix = form === 'signup' ? 'Password did not conform with policy: ' : 'Password does not conform to policy: ';
  throw err('InvalidPasswordException', prefix + reason);
}

/** The input-model check every password field gets before the policy (§3.1). */
export function checkPasswordShape(password: string, field = 'password') {
  if (password.length > 256) {
    throw err(
      'InvalidParameterException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  }
  if (!/^[\S]+.*[\S]+$/su.test(password)) {
    throw err(
      'InvalidParameterException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$`,
    );
  }
}

/** A random password that satisfies the policy (AdminCreateUser without TemporaryPassword). */
export function generatePassword(policy: PasswordPolicy, random: (n: number) => number): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%&*+-=?@^_'];
  const all = sets.join('');
  const chars = sets.map((s) => s[random(s.length)]);
  while (chars.length < Math.max(policy.minLength, 12)) chars.push(all[random(all.length)]);
  return chars.join('');
}
