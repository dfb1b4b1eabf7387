// Sign-in as an explicit state machine over InitiateAuth (USER_SRP_AUTH) and RespondToAuthChallenge.
// Every answer Cognito can give ends in exactly one place: tokens (stored only when all three
// arrived), a step the elements show (new password, TOTP, SMS, authenticator set-up), an answer we
// send ourselves (SELECT_MFA_TYPE), or AuthError 'unsupported-challenge' naming the challenge.
// So a sign-in always settles, whatever the pool is set up to ask.
import type { AuthFlow } from '../events.js';
import { AuthError, authError, toAuthError } from './cognito-errors.js';
import { authErrorMessage } from './error-messages.js';
import { associateSoftwareToken, otpauthUri, verifySoftwareToken } from './mfa.js';
import { request, type ChallengeAnswer } from './request.js';
import { toSessionUser } from './session-user.js';
import { prepareEphemeralWhenIdle, takeEphemeral } from './srp/ephemeral.js';
import { answerPasswordVerifier } from './srp/srp-client.js';
import { writeTokens } from './token-storage.js';
import type { CognitoConfig, PendingSignIn, SignInStep } from './types.js';
import { toUsername } from './username.js';

/** What an open challenge needs to be answered; kept out of PendingSignIn so elements cannot reach it. */
interface Challenge {
  /** The challenge being answered. */
  name: 'NEW_PASSWORD_REQUIRED' | 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP';
  /** Cognito's single-use Session for the next answer. */
  session: string;
  /** The pool's username (USER_ID_FOR_SRP), which is also the storage key for the tokens. */
  username: string;
  /** What the person typed, for the authenticator app's label. */
  email: string;
  /** The username as typed (mapped to the pool's style), which PendingSignIn shows. */
  typedUsername: string;
  /** MFA_SETUP only: the first code was accepted, so a retry answers the challenge directly. */
  verified?: boolean;
}

const challenges = new WeakMap<PendingSignIn, Challenge>();

// Answers that would loop (a pool that keeps asking to choose) stop here instead.
const maxAutomaticAnswers = 3;

function pendingFor(challenge: Challenge): PendingSignIn {
  const pending = Object.freeze({ username: challenge.typedUsername }) as unknown as PendingSignIn;
  challenges.set(pending, challenge);
  return pending;
}

function challengeOf(pending: PendingSignIn, flow: AuthFlow): Challenge {
  const challenge = challenges.get(pending);
  if (!challenge) throw new AuthError('session-expired', authErrorMessage('session-expired', flow));
  return challenge;
}

function parseList(value: string | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(value ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** An answer that breaks the protocol: shown as the service's fault; `what` is kept for developers. */
const malformed = (what: string) => new AuthError('server', authErrorMessage('server'), what);

/** The catalogue's message, naming the challenge so the site owner knows what to switch off. */
function unsupported(name: string): AuthError {
  return authError('unsupported-challenge', { key: 'error.unsupported-challenge', params: { challenge: name } });
}

function respond(config: CognitoConfig, name: string, session: string | undefined, responses: Record<string, string>) {
  return request(config, 'RespondToAuthChallenge', {
    ClientId: config.userPoolClientId,
    ChallengeName: name,
    Session: session,
    ChallengeResponses: responses,
  });
}

// What an authenticator app lists the account under: the site's name, so "localhost" or a bare
// host name is the last resort. `<meta name="application-name">` is the platform's way to name a web app.
const totpIssuer = (config: CognitoConfig) =>
  config.appName || document.querySelector<HTMLMetaElement>('meta[name="application-name"]')?.content.trim() || location.hostname;

/** One of Cognito's answers -> the next SignInStep. */
async function nextStep(
  config: CognitoConfig,
  answer: ChallengeAnswer,
  context: Pick<Challenge, 'username' | 'email' | 'typedUsername'>,
  answered = 0,
): Promise<SignInStep> {
  const result = answer.AuthenticationResult;
  if (result) {
    const { IdToken: idToken, AccessToken: accessToken, RefreshToken: refreshToken } = result;
    if (!idToken || !accessToken || !refreshToken) {
      throw malformed('incomplete tokens');
    }
    const tokens = writeTokens(config, { username: context.username, idToken, accessToken, refreshToken });
    return { step: 'done', user: toSessionUser(tokens) };
  }

  const name = answer.ChallengeName ?? '';
  const parameters = answer.ChallengeParameters ?? {};
  const username = parameters.USER_ID_FOR_SRP || context.username;
  const session = answer.Session;
  if (!name) throw malformed('no tokens, no challenge');
  if (!session) throw malformed(`${name} without a Session`);
  const open = (challengeName: Challenge['name'], challengeSession = session) =>
    pendingFor({ ...context, name: challengeName, session: challengeSession, username });

  switch (name) {
    case 'NEW_PASSWORD_REQUIRED':
      return {
        step: 'new-password',
        pending: open(name),
        // Listed as "userAttributes.name"; the answer sends them back with the same prefix.
        requiredAttributes: parseList(parameters.requiredAttributes).map((attribute) => attribute.replace(/^userAttributes\./, '')),
      };
    case 'SMS_MFA':
      return { step: 'sms', pending: open(name), destination: parameters.CODE_DELIVERY_DESTINATION ?? '' };
    case 'SOFTWARE_TOKEN_MFA':
      return { step: 'totp', pending: open(name) };
    case 'MFA_SETUP': {
      const canSetUp = parseList(parameters.MFAS_CAN_SETUP);
      if (canSetUp.length && !canSetUp.includes('SOFTWARE_TOKEN_MFA')) throw unsupported(`MFA_SETUP with ${canSetUp.join(', ')}`);
      const { secret, session: setupSession } = await associateSoftwareToken(config, session);
      return {
        step: 'totp-setup',
        pending: open(name, setupSession),
        secret,
        otpauthUri: otpauthUri(totpIssuer(config), context.email, secret),
      };
    }
    case 'SELECT_MFA_TYPE': {
      // Prefer an authenticator app over SMS when the pool lets the user choose.
      const choices = parseList(parameters.MFAS_CAN_CHOOSE);
      const choice = choices.includes('SOFTWARE_TOKEN_MFA') || !choices.length ? 'SOFTWARE_TOKEN_MFA' : choices.includes('SMS_MFA') ? 'SMS_MFA' : '';
      if (!choice || answered >= maxAutomaticAnswers) throw unsupported(`SELECT_MFA_TYPE with ${choices.join(', ') || 'no choices'}`);
      const next = await respond(config, name, session, { USERNAME: username, ANSWER: choice });
      return nextStep(config, next, { ...context, username }, answered + 1);
    }
    default:
      // EMAIL_OTP, SMS_OTP, WEB_AUTHN, SELECT_CHALLENGE, PASSWORD, PASSWORD_SRP, CUSTOM_CHALLENGE,
      // DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER, ADMIN_NO_SRP_AUTH, a second PASSWORD_VERIFIER,
      // and any name Cognito adds later.
      throw unsupported(name);
  }
}

/** Signs in with SRP (USER_SRP_AUTH); returns 'done' or the step to complete next. */
export async function signIn(config: CognitoConfig, email: string, password: string): Promise<SignInStep> {
  const typedUsername = toUsername(config, email);
  const context = { username: typedUsername, email: email.trim(), typedUsername };
  try {
    if (!globalThis.crypto?.subtle) {
      // WebCrypto exists only in secure contexts; Cognito's SRP needs its SHA-256 and HMAC.
      throw authError('not-configured', { key: 'config.needs-https' });
    }
    const { a, A } = await takeEphemeral();
    const challenge = await request(config, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: typedUsername, SRP_A: A.toString(16) },
    });
    if (challenge.ChallengeName !== 'PASSWORD_VERIFIER') return await nextStep(config, challenge, context);
    const parameters = challenge.ChallengeParameters ?? {};
    const { USER_ID_FOR_SRP: userId, SRP_B: srpB, SALT: salt, SECRET_BLOCK: secretBlock } = parameters;
    if (!userId || !srpB || !salt || !secretBlock) throw malformed('incomplete SRP challenge');
    // From here on the pool's internal name replaces the typed one, in the maths and in storage.
    const { timestamp, signature } = await answerPasswordVerifier({
      a,
      A,
      poolName: config.userPoolId.split('_')[1],
      userId,
      password,
      srpB,
      salt,
      secretBlock,
      now: new Date(),
    });
    const answer = await respond(config, 'PASSWORD_VERIFIER', challenge.Session, {
      USERNAME: userId,
      PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: signature,
    });
    return await nextStep(config, answer, { ...context, username: userId });
  } catch (err) {
    // Most likely a wrong password: have the next attempt's pair ready too.
    prepareEphemeralWhenIdle();
    throw toAuthError(err, 'signin');
  }
}

/** Answers NEW_PASSWORD_REQUIRED (a temporary password) with a new one and required attributes. */
export async function completeNewPassword(
  config: CognitoConfig,
  pending: PendingSignIn,
  newPassword: string,
  attributes: Record<string, string>,
): Promise<SignInStep> {
  const challenge = challengeOf(pending, 'new-password');
  const responses: Record<string, string> = { USERNAME: challenge.username, NEW_PASSWORD: newPassword };
  for (const [name, value] of Object.entries(attributes)) responses[`userAttributes.${name}`] = value;
  try {
    const answer = await respond(config, 'NEW_PASSWORD_REQUIRED', challenge.session, responses);
    return await nextStep(config, answer, challenge);
  } catch (err) {
    throw toAuthError(err, 'new-password');
  }
}

/** Answers an SMS_MFA or SOFTWARE_TOKEN_MFA challenge with the 6-digit code. */
export async function answerMfaCode(config: CognitoConfig, pending: PendingSignIn, code: string): Promise<SignInStep> {
  const challenge = challengeOf(pending, 'mfa');
  const field = challenge.name === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'SOFTWARE_TOKEN_MFA_CODE';
  try {
    const answer = await respond(config, challenge.name, challenge.session, { USERNAME: challenge.username, [field]: code.trim() });
    return await nextStep(config, answer, challenge);
  } catch (err) {
    throw toAuthError(err, 'mfa');
  }
}

/** Finishes MFA_SETUP: checks the first code from the authenticator app, then signs in. */
export async function verifyTotpSetup(config: CognitoConfig, pending: PendingSignIn, code: string): Promise<SignInStep> {
  const challenge = challengeOf(pending, 'mfa');
  try {
    let { session } = challenge;
    if (!challenge.verified) {
      session = await verifySoftwareToken(config, session, code);
      // The old session is spent: a retry after a failure below starts from the new one.
      challenges.set(pending, { ...challenge, session, verified: true });
    }
    const answer = await respond(config, 'MFA_SETUP', session, { USERNAME: challenge.username });
    return await nextStep(config, answer, challenge);
  } catch (err) {
    throw toAuthError(err, 'mfa');
  }
}
