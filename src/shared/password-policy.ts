// The pool's password policy, checked in the browser so people see what is missing before a
// request is sent. It cannot be read from the pool without AWS credentials, so the page states it
// (attributes on <auth-register>); the default is Cognito's default policy.
import { inSentence, message } from '../messages/message.js';

export type PasswordRule = 'length' | 'upper' | 'lower' | 'digit' | 'symbol';

export interface PasswordPolicy {
  minLength: number;
  require: ReadonlySet<Exclude<PasswordRule, 'length'>>;
}

export interface RuleResult {
  rule: PasswordRule | 'outer-space';
  label: string;
  met: boolean;
}

const REQUIREMENTS = ['upper', 'lower', 'digit', 'symbol'] as const;

/** Cognito's default policy: 8 characters, upper, lower, number and symbol. */
export const DEFAULT_POLICY: PasswordPolicy = { minLength: 8, require: new Set(REQUIREMENTS) };

// The symbols Cognito counts (its docs list them; a space counts unless at either end).
const SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ');

const tests: Record<Exclude<PasswordRule, 'length'>, (password: string) => boolean> = {
  upper: (p) => /[A-Z]/.test(p),
  lower: (p) => /[a-z]/.test(p),
  digit: (p) => /[0-9]/.test(p),
  symbol: (p) => [...p.trim()].some((c) => SYMBOLS.has(c)),
};

/**
 * Reads a policy from attribute values: `minLength` (Cognito allows 6–99) and `require`, a
 * space-separated list of `upper lower digit symbol` (empty string: none; null: the default).
 */
export function parsePolicy(minLength: number | null | undefined, require: string | null | undefined): PasswordPolicy {
  const length = Number.isFinite(minLength) && minLength! >= 1 ? Math.floor(minLength!) : DEFAULT_POLICY.minLength;
  if (require == null) return { minLength: length, require: DEFAULT_POLICY.require };
  const words = require
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  const unknown = words.filter((w) => !(REQUIREMENTS as readonly string[]).includes(w));
  if (unknown.length) console.warn(`cognito-auth-elements: unknown password-require value(s): ${unknown.join(', ')}`);
  return { minLength: length, require: new Set(REQUIREMENTS.filter((r) => words.includes(r))) };
}

/** Each rule of `policy` with whether `password` meets it, in Cognito's order. */
export function checkPassword(policy: PasswordPolicy, password: string): RuleResult[] {
  const length = message('checklist.length', { count: policy.minLength });
  const results: RuleResult[] = [{ rule: 'length', label: length, met: password.length >= policy.minLength }];
  for (const rule of REQUIREMENTS) {
    if (policy.require.has(rule)) results.push({ rule, label: message(`checklist.${rule}`), met: tests[rule](password) });
  }
  return results;
}

/** A one-line summary for screen readers, e.g. "Password: 3 of 5 requirements met." */
export function summarize(results: RuleResult[]): string {
  const met = results.filter((r) => r.met).length;
  if (met === results.length) return message('checklist.summary.all');
  const missing = results.filter((r) => !r.met).map((r) => inSentence(r.label));
  return message('checklist.summary.some', { met, total: results.length, missing: missing.join(', ') });
}

/** Cognito refuses a password that starts or ends with a space (one inside is a symbol). */
export function hasOuterSpace(password: string): boolean {
  return password !== password.replace(/^\s+|\s+$/g, '');
}
