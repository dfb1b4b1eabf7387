// Choice-based sign-in: InitiateAuth with AuthFlow USER_AUTH and the challenges it leads to
// (SELECT_CHALLENGE, PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP, WEB_AUTHN), and the sign-in that
// follows ConfirmSignUp with its Session. MFA follows a password only: a one-time code, a passkey
// or the confirmed sign-up code is the whole sign-in, as in Cognito, where MFA adds a factor "to
// sign in your users who have passwords as their primary authentication factor".
// AWS: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
// and https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
import { err, invalidParameter, sessionExpired } from '../errors.js';
import { Input } from '../input.js';
import { checkSignInAllowed, deliver, simulatedDelivery, sixDigits, userDoesNotExist, type Pool } from '../pool.js';
import type { ChallengeName, ChallengeSession } from '../sessions.js';
import { Store, type User } from '../store.js';
import { availableChallenges } from '../user-factors.js';
import { answerWebAuthn, webAuthnChallenge } from '../webauthn.js';
import { answerOtp } from './otp-answer.js';
import { issueTokens, passwordAuth, startSrp } from './auth.js';

const FIRST_FACTOR_CHALLENGES = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

/** The challenges whose answers this module handles (RespondToAuthChallenge routes them here). */
export const USER_AUTH_CHALLENGES = new Set(['SELECT_CHALLENGE', 'PASSWORD', 'PASSWORD_SRP', 'SMS_OTP', 'WEB_AUTHN']);

/** Who a sign-in step is for: a real user, or the name an unknown user was typed as. */
type Subject = { user: User; typed: string } | { user: null; typed: string };

function session(pool: Pool, subject: Subject, challenge: ChallengeName, extra: Partial<ChallengeSession> = {}): string {
  return pool.sessions.add({
    challenge,
    userKey: subject.user ? Store.key(subject.user.username) : '',
    clientId: pool.config.clientId,
    ...(subject.user ? {} : { simulated: { typed: subject.typed } }),
    ...extra,
  });
}

/** The USERNAME challenge parameter: the internal username (a UUID in email pools), as Cognito answers it. */
const usernameOf = (subject: Subject) => (subject.user ? subject.user.username : subject.typed);

export async function userAuth(pool: Pool, params: Record<string, string>, signUpSession: string | undefined) {
  const typed = Input.required(params, 'USERNAME');
  const user = pool.store.find(typed) ?? null;
  if (signUpSession !== undefined) return signInAfterSignUp(pool, user, signUpSession);
  const preferred = params.PREFERRED_CHALLENGE;
  if (preferred !== undefined && !FIRST_FACTOR_CHALLENGES.includes(preferred)) {
    throw invalidParameter(`Invalid PREFERRED_CHALLENGE ${preferred}: use one of ${FIRST_FACTOR_CHALLENGES.join(', ')}.`);
  }
  if (!user && pool.config.existenceErrors === 'LEGACY') throw userDoesNotExist();
  if (user) {
    checkSignInAllowed(user);
    if (user.status === 'UNCONFIRMED') throw err('UserNotConfirmedException', 'User is not confirmed.');
  }
  const subject: Subject = user ? { user, typed } : { user: null, typed };
  const available = availableChallenges(pool, user);
  if (available.length === 0) throw invalidParameter('The user has no sign-in method that this user pool allows.');
  // A preferred factor the user cannot use is not an error: the choice comes back with what they can (AWS does not document this case).
  if (preferred && available.includes(preferred)) return startChallenge(pool, subject, preferred, params);
  return {
    ChallengeName: 'SELECT_CHALLENGE',
    Session: session(pool, subject, 'SELECT_CHALLENGE', { choices: available }),
    ChallengeParameters: {},
    AvailableChallenges: available,
  };
}

/**
 * Starts the chosen first factor. A password or SRP_A already in the request (PREFERRED_CHALLENGE
 * or SELECT_CHALLENGE with it) is checked at once; without one, the PASSWORD or PASSWORD_SRP
 * challenge asks for it.
 */
async function startChallenge(pool: Pool, subject: Subject, name: string, given: Record<string, string>): Promise<object> {
  const username = usernameOf(subject);
  switch (name) {
    case 'PASSWORD':
      if (given.PASSWORD === undefined) return { ChallengeName: 'PASSWORD', Session: session(pool, subject, 'PASSWORD'), ChallengeParameters: {} };
      return passwordAuth(pool, { USERNAME: subject.typed, PASSWORD: given.PASSWORD });
    case 'PASSWORD_SRP': {
      if (given.SRP_A === undefined) return { ChallengeName: 'PASSWORD_SRP', Session: session(pool, subject, 'PASSWORD_SRP'), ChallengeParameters: {} };
      const started = startSrp(pool, { USERNAME: subject.typed, SRP_A: given.SRP_A });
      // Unlike USER_SRP_AUTH, Cognito answers this one with a Session, which the client sends back with PASSWORD_VERIFIER.
      return { ...started, Session: session(pool, subject, 'PASSWORD_VERIFIER') };
    }
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return sendSignInCode(pool, subject, name);
    default: {
      // WEB_AUTHN: offered only to users with a passkey, so never to an unknown user.
      if (!subject.user) throw invalidParameter('WEB_AUTHN is not available for this user.');
      const { requestOptions, expectedChallenge } = await webAuthnChallenge(pool, subject.user);
      return {
        ChallengeName: 'WEB_AUTHN',
        Session: session(pool, subject, 'WEB_AUTHN', { webAuthnChallenge: expectedChallenge }),
        ChallengeParameters: { USERNAME: username, CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(requestOptions) },
      };
    }
  }
}

/** EMAIL_OTP / SMS_OTP as a first factor: a code to the verified address, or a simulated delivery for an unknown user. */
function sendSignInCode(pool: Pool, subject: Subject, name: 'EMAIL_OTP' | 'SMS_OTP') {
  const code = sixDigits();
  const attribute = name === 'EMAIL_OTP' ? 'email' : 'phone_number';
  const delivery = subject.user ? deliver(pool, subject.user, attribute, 'sign-in-code', code) : simulatedDelivery(subject.typed);
  const otp = { code, expiresAt: Date.now() + pool.config.limits.signInCodeTtlMs, failures: 0 };
  return {
    ChallengeName: name,
    Session: session(pool, subject, name, { otp, role: 'first-factor' }),
    ChallengeParameters: {
      USERNAME: usernameOf(subject),
      CODE_DELIVERY_DELIVERY_MEDIUM: delivery.DeliveryMedium,
      CODE_DELIVERY_DESTINATION: delivery.Destination,
    },
  };
}

/** The session's user, or (simulated sessions) null; Cognito's expired-session error if the user has gone. */
function sessionSubject(pool: Pool, record: ChallengeSession): Subject {
  if (record.simulated) return { user: null, typed: record.simulated.typed };
  const user = pool.store.users.get(record.userKey);
  if (!user) throw sessionExpired();
  checkSignInAllowed(user);
  return { user, typed: user.username };
}

/** RespondToAuthChallenge for SELECT_CHALLENGE, PASSWORD, PASSWORD_SRP, SMS_OTP (and EMAIL_OTP via otp-answer.ts), WEB_AUTHN. */
export async function respondToUserAuth(pool: Pool, name: string, responses: Record<string, string>, sessionId: string, record: ChallengeSession) {
  const subject = sessionSubject(pool, record);
  switch (name) {
    case 'SELECT_CHALLENGE': {
      const answer = Input.required(responses, 'ANSWER');
      if (!(record.choices ?? []).includes(answer)) {
        throw invalidParameter(`Invalid ANSWER ${answer}: the available challenges are ${(record.choices ?? []).join(', ')}.`);
      }
      pool.sessions.delete(sessionId);
      return startChallenge(pool, subject, answer, responses);
    }
    case 'PASSWORD':
      pool.sessions.delete(sessionId);
      return passwordAuth(pool, { USERNAME: subject.typed, PASSWORD: Input.required(responses, 'PASSWORD') });
    case 'PASSWORD_SRP':
      pool.sessions.delete(sessionId);
      return startChallenge(pool, subject, 'PASSWORD_SRP', { SRP_A: Input.required(responses, 'SRP_A') });
    case 'SMS_OTP':
      return answerOtp(pool, subject.user, Input.required(responses, 'SMS_OTP_CODE'), sessionId, record);
    default: {
      const credential = Input.required(responses, 'CREDENTIAL');
      if (!subject.user || !record.webAuthnChallenge) throw sessionExpired();
      // One assertion per challenge: the session goes whatever the outcome, as a replayed answer must not get a second try.
      pool.sessions.delete(sessionId);
      await answerWebAuthn(pool, subject.user, credential, record.webAuthnChallenge);
      return issueTokens(pool, subject.user, record.clientId);
    }
  }
}

/**
 * InitiateAuth USER_AUTH with the Session ConfirmSignUp returned: the confirmed code was the first
 * factor, so tokens come at once. Only once, within the session's lifetime, for the user it was
 * made for; otherwise Cognito's expired-session error.
 */
async function signInAfterSignUp(pool: Pool, user: User | null, sessionId: string) {
  const record = pool.sessions.get(sessionId);
  if (!record || record.challenge !== 'SIGN_UP' || !record.signedUp || !user || record.userKey !== Store.key(user.username)) throw sessionExpired();
  pool.sessions.delete(sessionId);
  checkSignInAllowed(user);
  return issueTokens(pool, user, record.clientId);
}
