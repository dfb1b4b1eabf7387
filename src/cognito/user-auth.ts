// Choice-based sign-in: InitiateAuth with USER_AUTH, then the first factor the person picks (a
// passkey, a code by email or text, or a password, sent as SRP where the pool offers it), then
// the same MFA steps as a password sign-in. Cognito's wire: the API reference's InitiateAuth
// (AuthFlow USER_AUTH, PREFERRED_CHALLENGE) and RespondToAuthChallenge (SELECT_CHALLENGE, EMAIL_OTP,
// SMS_OTP, PASSWORD, PASSWORD_SRP, WEB_AUTHN).
import { authError, toAuthError } from './cognito-errors.js';
import { nextStep, respond, unsupported } from './next-step.js';
import { getAssertion } from './passkey-ceremony.js';
import { challengeOf, pendingFor, updateChallenge, type Challenge } from './pending-sign-in.js';
import { request } from './request.js';
import { answerSrp, checkCrypto } from './sign-in.js';
import { prepareEphemeralWhenIdle, takeEphemeral } from './srp/ephemeral.js';
import type { CognitoConfig, PendingSignIn, SignInMethod, UserAuthStep } from './types.js';
import { toUsername } from './username.js';

/** The challenge Cognito names for each method. A password goes as SRP unless only PASSWORD is offered. */
const challengeFor: Record<SignInMethod, string> = {
  passkey: 'WEB_AUTHN',
  'email-code': 'EMAIL_OTP',
  'sms-code': 'SMS_OTP',
  password: 'PASSWORD_SRP',
};

function initiate(config: CognitoConfig, username: string, parameters: Record<string, string>, session?: string) {
  return request(config, 'InitiateAuth', {
    AuthFlow: 'USER_AUTH',
    ClientId: config.userPoolClientId,
    AuthParameters: { USERNAME: username, ...parameters },
    ...(session ? { Session: session } : {}),
  });
}

function contextFor(config: CognitoConfig, email: string, firstFactorDone: boolean) {
  const typedUsername = toUsername(config, email);
  return { username: typedUsername, email: email.trim(), typedUsername, userAuth: true, firstFactorDone };
}

/**
 * Starts choice-based sign-in for `email`. Without `preferred` the pool answers with the methods
 * it offers this user ('select'); with one, that method's step, or 'select' when the user cannot
 * use it.
 */
export async function startUserAuth(config: CognitoConfig, email: string, preferred?: SignInMethod): Promise<UserAuthStep> {
  const context = contextFor(config, email, false);
  // A password travels in the request that names it, so nothing is sent before it is typed.
  if (preferred === 'password') return { step: 'password', pending: pendingFor({ ...context, name: 'PASSWORD_SRP' }) };
  try {
    const answer = await initiate(config, context.typedUsername, preferred ? { PREFERRED_CHALLENGE: challengeFor[preferred] } : {});
    return await nextStep(config, answer, context);
  } catch (err) {
    throw toAuthError(err, 'signin');
  }
}

/** Answers 'select' with the method the person picked. A password is sent with answerPassword. */
export async function chooseSignInMethod(config: CognitoConfig, pending: PendingSignIn, method: SignInMethod): Promise<UserAuthStep> {
  const challenge = challengeOf(pending, 'signin');
  if (method === 'password') return { step: 'password', pending: pendingFor({ ...challenge }) };
  const name = challengeFor[method];
  if (challenge.name !== 'SELECT_CHALLENGE' || !challenge.available?.includes(name)) throw unsupported(name);
  try {
    const answer = await respond(config, 'SELECT_CHALLENGE', challenge.session, { USERNAME: challenge.username, ANSWER: name });
    return await nextStep(config, answer, challenge);
  } catch (err) {
    throw toAuthError(err, 'signin');
  }
}

/** The password answer that fits where the sign-in stands: SRP unless the pool offers only PASSWORD. */
function sendPassword(config: CognitoConfig, challenge: Challenge, password: string, srpA: () => string) {
  const plain = challenge.name === 'PASSWORD' || (challenge.name === 'SELECT_CHALLENGE' && !challenge.available?.includes('PASSWORD_SRP'));
  const factor: Record<string, string> = plain ? { PASSWORD: password } : { SRP_A: srpA() };
  if (!challenge.session) return initiate(config, challenge.typedUsername, { PREFERRED_CHALLENGE: 'PASSWORD_SRP', ...factor });
  if (challenge.name === 'SELECT_CHALLENGE') {
    return respond(config, 'SELECT_CHALLENGE', challenge.session, { USERNAME: challenge.username, ANSWER: plain ? 'PASSWORD' : 'PASSWORD_SRP', ...factor });
  }
  return respond(config, challenge.name, challenge.session, { USERNAME: challenge.username, ...factor });
}

/** Answers the 'password' step; resolves to done or the MFA step that follows. */
export async function answerPassword(config: CognitoConfig, pending: PendingSignIn, password: string): Promise<UserAuthStep> {
  const challenge = challengeOf(pending, 'signin');
  try {
    checkCrypto();
    const srp = await takeEphemeral();
    const answer = await sendPassword(config, challenge, password, () => srp.A.toString(16));
    if (answer.ChallengeName === 'PASSWORD_VERIFIER') {
      const { answer: verified, userId } = await answerSrp(config, srp, answer, password);
      return await nextStep(config, verified, { ...challenge, username: userId, firstFactorDone: true });
    }
    // SELECT_CHALLENGE here: the user has no password, so the pool offers what they do have.
    return await nextStep(config, answer, { ...challenge, firstFactorDone: answer.ChallengeName !== 'SELECT_CHALLENGE' });
  } catch (err) {
    prepareEphemeralWhenIdle();
    // The Session was spent on the wrong password: a retry starts a new USER_AUTH with it.
    updateChallenge(pending, { ...challenge, name: 'PASSWORD_SRP', session: undefined });
    throw toAuthError(err, 'signin');
  }
}

/** Answers the 'email-code' or 'sms-code' step with the code that was sent. */
export async function answerSignInCode(config: CognitoConfig, pending: PendingSignIn, code: string): Promise<UserAuthStep> {
  const challenge = challengeOf(pending, 'mfa');
  const texted = challenge.name === 'SMS_OTP';
  try {
    const answer = await respond(config, challenge.name, challenge.session, {
      USERNAME: challenge.username,
      [texted ? 'SMS_OTP_CODE' : 'EMAIL_OTP_CODE']: code.trim(),
    });
    return await nextStep(config, answer, { ...challenge, firstFactorDone: true });
  } catch (err) {
    const failed = toAuthError(err, 'mfa');
    if (failed.code !== 'code-mismatch') throw failed;
    throw authError('code-mismatch', { key: texted ? 'error.mfa-sms.code-mismatch' : 'error.mfa-email.code-mismatch' }, err);
  }
}

/**
 * Answers the 'passkey' step: asks the browser for the passkey, then sends its assertion. When the
 * person cancels (AuthError 'passkey-cancelled'), the step stays open and can be tried again.
 */
export async function answerPasskey(config: CognitoConfig, pending: PendingSignIn): Promise<UserAuthStep> {
  const challenge = challengeOf(pending, 'signin');
  if (!challenge.requestOptions) throw unsupported(challenge.name);
  const credential = await getAssertion(challenge.requestOptions);
  try {
    const answer = await respond(config, 'WEB_AUTHN', challenge.session, { USERNAME: challenge.username, CREDENTIAL: JSON.stringify(credential) });
    return await nextStep(config, answer, { ...challenge, firstFactorDone: true });
  } catch (err) {
    const failed = toAuthError(err, 'signin');
    if (failed.code !== 'not-authorized') throw failed;
    throw authError('not-authorized', { key: 'error.passkey.not-authorized' }, err);
  }
}

/**
 * Signs in right after ConfirmSignUp with the Session it returned: the confirmed code was the
 * first factor, so no second code or password is asked (within the session's few minutes).
 */
export async function signInAfterConfirm(config: CognitoConfig, email: string, session: string): Promise<UserAuthStep> {
  const context = contextFor(config, email, true);
  try {
    return await nextStep(config, await initiate(config, context.typedUsername, {}, session), context);
  } catch (err) {
    throw toAuthError(err, 'signin');
  }
}
