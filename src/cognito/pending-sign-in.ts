// The open challenge behind each PendingSignIn handle. Kept in a WeakMap, not on the handle, so
// elements can hand a PendingSignIn back but never read or forge Cognito's Session.
import type { AuthFlow } from '../events.js';
import { AuthError } from './cognito-errors.js';
import { authErrorMessage } from './error-messages.js';
import type { PendingSignIn } from './types.js';

/** Where a sign-in stands, for the answers that depend on it. */
export interface SignInContext {
  /** The pool's username (USER_ID_FOR_SRP, or USERNAME), which is also the storage key for the tokens. */
  username: string;
  /** What the person typed, for the authenticator app's label and email MFA set-up. */
  email: string;
  /** The username as typed (mapped to the pool's style), which PendingSignIn shows. */
  typedUsername: string;
  /** Choice-based sign-in (USER_AUTH): its first-factor challenges are steps, not unsupported. */
  userAuth: boolean;
  /** The first factor was answered, so an EMAIL_OTP challenge is email MFA, not a sign-in code. */
  firstFactorDone: boolean;
}

/** What an open challenge needs to be answered. */
export interface Challenge extends SignInContext {
  /** The challenge being answered (SELECT_CHALLENGE when a password step still has to choose). */
  name: string;
  /** Cognito's single-use Session for the next answer; absent for a password step not yet sent. */
  session?: string;
  /** MFA_SETUP only: the first code was accepted, so a retry answers the challenge directly. */
  verified?: boolean;
  /** SELECT_CHALLENGE: Cognito's AvailableChallenges. */
  available?: string[];
  /** WEB_AUTHN: CREDENTIAL_REQUEST_OPTIONS, the JSON string of the assertion's options. */
  requestOptions?: string;
}

const challenges = new WeakMap<PendingSignIn, Challenge>();

export function pendingFor(challenge: Challenge): PendingSignIn {
  const pending = Object.freeze({ username: challenge.typedUsername }) as unknown as PendingSignIn;
  challenges.set(pending, challenge);
  return pending;
}

export function challengeOf(pending: PendingSignIn, flow: AuthFlow): Challenge {
  const challenge = challenges.get(pending);
  if (!challenge) throw new AuthError('session-expired', authErrorMessage('session-expired', flow));
  return challenge;
}

/** Replaces what `pending` stands for (a Session was spent and a new one handed out). */
export function updateChallenge(pending: PendingSignIn, challenge: Challenge): void {
  challenges.set(pending, challenge);
}
