// Sign-in as an explicit state machine over InitiateAuth (USER_SRP_AUTH) and RespondToAuthChallenge,
// and the answers to the steps after the first factor. Where each of Cognito's answers leads is
// next-step.ts; choice-based sign-in (USER_AUTH) is user-auth.ts.
import { authError, toAuthError } from './cognito-errors.js';
import { forgetDeviceKeys, readDeviceKeys } from './device-keys.js';
import { verifySoftwareToken } from './mfa.js';
import { malformed, mfaAnswer, nextStep, respond, unsupported } from './next-step.js';
import { challengeOf, updateChallenge } from './pending-sign-in.js';
import { request, type ChallengeAnswer } from './request.js';
import { prepareEphemeralWhenIdle, takeEphemeral } from './srp/ephemeral.js';
import { answerPasswordVerifier } from './srp/srp-client.js';
import type { CognitoConfig, MfaFactor, PendingSignIn, SignInStep, UserAuthStep } from './types.js';
import { toUsername } from './username.js';

/** The steps after the first factor; a first-factor step here means the pool broke the protocol. */
export function afterFirstFactor(step: UserAuthStep): SignInStep {
  if (step.step === 'select' || step.step === 'password' || step.step === 'passkey' || step.step === 'email-code' || step.step === 'sms-code') {
    throw unsupported(step.step);
  }
  return step;
}

/** Answers PASSWORD_VERIFIER with the SRP proof of `password`; resolves to Cognito's next answer. */
export async function answerSrp(
  config: CognitoConfig,
  srp: Awaited<ReturnType<typeof takeEphemeral>>,
  challenge: ChallengeAnswer,
  password: string,
): Promise<{ answer: ChallengeAnswer; userId: string }> {
  const parameters = challenge.ChallengeParameters ?? {};
  const { USER_ID_FOR_SRP: userId, SRP_B: srpB, SALT: salt, SECRET_BLOCK: secretBlock } = parameters;
  if (!userId || !srpB || !salt || !secretBlock) throw malformed('incomplete SRP challenge');
  // From here on the pool's internal name replaces the typed one, in the maths and in storage.
  const { timestamp, signature } = await answerPasswordVerifier({
    a: srp.a,
    A: srp.A,
    poolName: config.userPoolId.split('_')[1],
    userId,
    password,
    srpB,
    salt,
    secretBlock,
    now: new Date(),
  });
  const responses: Record<string, string> = {
    USERNAME: userId,
    PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: signature,
  };
  // A device this browser confirmed for the user (device tracking) names itself, as the SDK does.
  const deviceKey = readDeviceKeys(config, userId)?.deviceKey;
  if (!deviceKey) return { answer: await respond(config, 'PASSWORD_VERIFIER', challenge.Session, responses), userId };
  try {
    return { answer: await respond(config, 'PASSWORD_VERIFIER', challenge.Session, { ...responses, DEVICE_KEY: deviceKey }), userId };
  } catch (err) {
    // A device forgotten elsewhere: the SDK's answer, once more without it (and its keys dropped).
    const cause = (err as { cause?: { name?: string; message?: string } }).cause;
    if (cause?.name !== 'ResourceNotFoundException' || !/device/i.test(cause.message ?? '')) throw err;
    forgetDeviceKeys(config, userId);
    return { answer: await respond(config, 'PASSWORD_VERIFIER', challenge.Session, responses), userId };
  }
}

/** WebCrypto exists only in secure contexts; Cognito's SRP needs its SHA-256 and HMAC. */
export function checkCrypto(): void {
  if (!globalThis.crypto?.subtle) throw authError('not-configured', { key: 'config.needs-https' });
}

/** Signs in with SRP (USER_SRP_AUTH); returns 'done' or the step to complete next. */
export async function signIn(config: CognitoConfig, email: string, password: string): Promise<SignInStep> {
  const typedUsername = toUsername(config, email);
  const context = { username: typedUsername, email: email.trim(), typedUsername, userAuth: false, firstFactorDone: true };
  try {
    checkCrypto();
    const srp = await takeEphemeral();
    const challenge = await request(config, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: typedUsername, SRP_A: srp.A.toString(16) },
    });
    if (challenge.ChallengeName !== 'PASSWORD_VERIFIER') return afterFirstFactor(await nextStep(config, challenge, context));
    const { answer, userId } = await answerSrp(config, srp, challenge, password);
    return afterFirstFactor(await nextStep(config, answer, { ...context, username: userId }));
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
    return afterFirstFactor(await nextStep(config, answer, challenge));
  } catch (err) {
    throw toAuthError(err, 'new-password');
  }
}

/** The ChallengeResponses field that carries each MFA challenge's code. */
const codeField: Record<string, string> = { SMS_MFA: 'SMS_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE', SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE' };

/** Answers an SMS_MFA, EMAIL_OTP (email MFA) or SOFTWARE_TOKEN_MFA challenge with the 6-digit code. */
export async function answerMfaCode(config: CognitoConfig, pending: PendingSignIn, code: string): Promise<SignInStep> {
  const challenge = challengeOf(pending, 'mfa');
  const field = codeField[challenge.name] ?? 'SOFTWARE_TOKEN_MFA_CODE';
  try {
    const answer = await respond(config, challenge.name, challenge.session, { USERNAME: challenge.username, [field]: code.trim() });
    return afterFirstFactor(await nextStep(config, answer, challenge));
  } catch (err) {
    const failed = toAuthError(err, 'mfa');
    // An emailed code: "check the latest email", not the authenticator app's wording.
    if (failed.code === 'code-mismatch' && challenge.name === 'EMAIL_OTP') throw authError('code-mismatch', { key: 'error.mfa-email.code-mismatch' }, err);
    throw failed;
  }
}

/** Answers SELECT_MFA_TYPE with the factor the person picked; resolves to its code step. */
export async function chooseMfaFactor(config: CognitoConfig, pending: PendingSignIn, factor: MfaFactor): Promise<SignInStep> {
  const challenge = challengeOf(pending, 'mfa');
  try {
    const answer = await respond(config, challenge.name, challenge.session, { USERNAME: challenge.username, ANSWER: mfaAnswer(factor) });
    return afterFirstFactor(await nextStep(config, answer, challenge));
  } catch (err) {
    throw toAuthError(err, 'mfa');
  }
}

/** Finishes MFA_SETUP: checks the first code from the authenticator app, then signs in. */
export async function verifyTotpSetup(config: CognitoConfig, pending: PendingSignIn, code: string): Promise<SignInStep> {
  const challenge = challengeOf(pending, 'mfa');
  try {
    let { session = '' } = challenge;
    if (!challenge.verified) {
      session = await verifySoftwareToken(config, session, code);
      // The old session is spent: a retry after a failure below starts from the new one.
      updateChallenge(pending, { ...challenge, session, verified: true });
    }
    const answer = await respond(config, 'MFA_SETUP', session, { USERNAME: challenge.username });
    return afterFirstFactor(await nextStep(config, answer, challenge));
  } catch (err) {
    throw toAuthError(err, 'mfa');
  }
}
