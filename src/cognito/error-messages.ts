// Human messages for our error codes, keyed by code (and, where the flow changes what helps, by
// flow), never by Cognito's English text, so a page can later swap in its own language.
import type { AuthErrorCode } from './cognito-errors.js';
import type { AuthFlow } from '../events.js';

const retryLater = 'Please wait a moment and try again.';

/** The message for each code when the flow adds nothing. */
export const errorMessages: Record<AuthErrorCode, string> = {
  'not-configured': 'Sign-in is not set up correctly on this site (the user pool or app client was not found).',
  'invalid-input': 'Some of the information entered was not accepted. Check it and try again.',
  'username-exists': 'An account with this email already exists. Sign in instead, or reset your password.',
  'invalid-password': 'This password does not meet the password requirements.',
  'invalid-email': 'Enter a valid email address.',
  'code-mismatch': 'That code is not right. Check the code and try again.',
  'code-expired': 'That code has expired. Request a new code and try again.',
  'limit-exceeded': `Too many attempts. ${retryLater}`,
  'too-many-requests': `Too many requests right now. ${retryLater}`,
  'user-not-confirmed': 'This account has not been verified yet. Enter the code we emailed you to verify it.',
  'user-not-found': 'There is no account with this email.',
  'not-authorized': 'Incorrect email or password.',
  'password-attempts-exceeded': 'Too many failed sign-in attempts. Wait a few minutes before trying again, or reset your password.',
  'user-disabled': 'This account has been disabled. Contact the site owner.',
  'password-reset-required': 'You need to reset your password before you can sign in.',
  'already-confirmed': 'This account is already verified. You can sign in.',
  'session-expired': 'Your session has expired. Please sign in again.',
  'signed-out': 'You are not signed in.',
  'unsupported-challenge': 'This user pool asks for a sign-in step these elements cannot show yet. Contact the site owner.',
  network: 'Could not reach the sign-in service. Check your connection and try again.',
  timeout: 'The sign-in service did not answer in time. Check your connection and try again.',
  server: 'The sign-in service had a problem. Trying again in a moment may help.',
  unknown: 'Something went wrong. Please try again.',
};

/** Where a flow needs different words for the same code. */
export const flowErrorMessages: Partial<Record<AuthFlow, Partial<Record<AuthErrorCode, string>>>> = {
  register: {
    'invalid-input': 'The sign-up details were not accepted. Check them and try again.',
  },
  verify: {
    'user-not-found': 'There is no account with this email. Check the address, or register first.',
    'not-authorized': 'This account cannot be verified. It may already be verified: try signing in.',
    'limit-exceeded': 'Too many wrong codes. Wait a few minutes, then request a new code.',
  },
  'resend-code': {
    'user-not-found': 'There is no account with this email. Check the address, or register first.',
    'limit-exceeded': `Too many codes requested. ${retryLater}`,
  },
  signin: {
    'user-not-found': 'Incorrect email or password.',
  },
  'new-password': {
    'not-authorized': 'This sign-in took too long. Please sign in again.',
    'session-expired': 'This sign-in took too long. Please sign in again.',
    'invalid-input': 'Some required details are missing or not accepted. Check them and try again.',
  },
  mfa: {
    'not-authorized': 'This sign-in took too long. Please sign in again.',
    'session-expired': 'This sign-in took too long. Please sign in again.',
    'code-mismatch': 'That code is not right. Enter the current code from your app or message.',
  },
  'forgot-password': {
    'user-not-found': 'There is no account with this email.',
    'not-authorized': 'The password cannot be reset for this account.',
    'limit-exceeded': `Too many attempts. ${retryLater}`,
    'invalid-password': 'The new password does not meet the password requirements.',
  },
  signout: {
    'signed-out': 'You are already signed out.',
    network: 'Could not reach the sign-in service to sign you out. You are still signed in: check your connection and try again.',
    timeout: 'The sign-in service did not answer in time, so you are still signed in. Check your connection and try again.',
    server: 'The sign-in service could not sign you out just now. You are still signed in: try again in a moment.',
    'too-many-requests': 'Too many requests right now, so you are still signed in. Please wait a moment and try again.',
  },
};

/** The human message for `code`, worded for `flow` when that matters. */
export function authErrorMessage(code: AuthErrorCode, flow?: AuthFlow): string {
  return (flow && flowErrorMessages[flow]?.[code]) || errorMessages[code];
}
