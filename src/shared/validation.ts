// Browser-side checks run before any request is sent.

// Deliberately loose: one @, something on each side, a dot in the domain, no spaces. The pool is
// the real judge; this only catches typos before a round trip.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

/** Whether `value` looks like an email address. */
export function isEmailShaped(value: string): boolean {
  return EMAIL_SHAPE.test(value);
}

/** The 6-digit codes Cognito emails (sign-up and password reset). */
export function isSixDigitCode(value: string): boolean {
  return /^\d{6}$/.test(value);
}

/** A code as typed or pasted ("039 884", "039-884") → the digits Cognito wants ("039884"). */
export function normalizeCode(value: string): string {
  return value.replace(/[\s\u00a0-]/g, '');
}
