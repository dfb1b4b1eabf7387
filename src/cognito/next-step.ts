// One of Cognito's answers to InitiateAuth or RespondToAuthChallenge -> the next step. Every answer
// ends in exactly one place: tokens (stored only when all three arrived), a step the elements
// show, an answer we send ourselves (SELECT_MFA_TYPE, email MFA set-up), or AuthError
// 'unsupported-challenge' naming the challenge. So a sign-in always settles, whatever the pool is
// set up to ask. Challenge names: the API reference's RespondToAuthChallenge, ChallengeNameType.
import { AuthError, authError } from './cognito-errors.js';
import { authErrorMessage } from './error-messages.js';
import { readDeviceKeys } from './device-keys.js';
import { claimsOf } from './jwt-claims.js';
import { associateSoftwareToken, otpauthUri, totpIssuer } from './mfa.js';
import { pendingFor, type SignInContext } from './pending-sign-in.js';
import { request, type ChallengeAnswer } from './request.js';
import { toSessionUser } from './session-user.js';
import { writeTokens } from './token-storage.js';
import type { CognitoConfig, MfaFactor, SignInMethod, UserAuthStep } from './types.js';

// Answers that would loop (a pool that keeps asking to choose) stop here instead.
const maxAutomaticAnswers = 3;

export function parseList(value: string | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(value ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** An answer that breaks the protocol: shown as the service's fault; `what` is kept for developers. */
export const malformed = (what: string) => new AuthError('server', authErrorMessage('server'), what);

/** The catalogue's message, naming the challenge so the site owner knows what to switch off. */
export function unsupported(name: string): AuthError {
  return authError('unsupported-challenge', { key: 'error.unsupported-challenge', params: { challenge: name } });
}

export function respond(config: CognitoConfig, name: string, session: string | undefined, responses: Record<string, string>) {
  return request(config, 'RespondToAuthChallenge', {
    ClientId: config.userPoolClientId,
    ChallengeName: name,
    Session: session,
    ChallengeResponses: responses,
  });
}

/** Cognito's first-factor challenges (AvailableChallenges) in our words. */
const methodOf: Record<string, SignInMethod> = {
  WEB_AUTHN: 'passkey',
  EMAIL_OTP: 'email-code',
  SMS_OTP: 'sms-code',
  PASSWORD_SRP: 'password',
  PASSWORD: 'password',
};

/** The methods on offer, each once, in Cognito's order; unknown names left out. */
export function methodsOf(available: string[]): SignInMethod[] {
  return [...new Set(available.map((name) => methodOf[name]).filter(Boolean))];
}

// What an authenticator app lists the account under: the site's name, so "localhost" or a bare
// host name is the last resort. `<meta name="application-name">` is the platform's way to name a web app.
const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+$/.test(text);

/** SELECT_MFA_TYPE's MFAS_CAN_CHOOSE names (the API reference's; EMAIL_OTP is email MFA) in our words. */
export const mfaFactorOf: Readonly<Record<string, MfaFactor>> = { SOFTWARE_TOKEN_MFA: 'totp', SMS_MFA: 'sms', EMAIL_OTP: 'email' };

/** The factors on offer, each once, in Cognito's order; unknown names left out. */
function mfaFactorsOf(choices: string[]): MfaFactor[] {
  return [...new Set(choices.map((choice) => mfaFactorOf[choice]).filter(Boolean))];
}

/** SELECT_MFA_TYPE's ANSWER for `factor`. */
export function mfaAnswer(factor: MfaFactor): string {
  return Object.keys(mfaFactorOf).find((name) => mfaFactorOf[name] === factor) ?? 'SOFTWARE_TOKEN_MFA';
}

export async function nextStep(config: CognitoConfig, answer: ChallengeAnswer, context: SignInContext, answered = 0): Promise<UserAuthStep> {
  const result = answer.AuthenticationResult;
  if (result) {
    const { IdToken: idToken, AccessToken: accessToken, RefreshToken: refreshToken } = result;
    if (!idToken || !accessToken || !refreshToken) {
      throw malformed('incomplete tokens');
    }
    // USER_AUTH's passwordless answers name no USER_ID_FOR_SRP: the access token's username is the
    // pool's own name for the user, as the SDK stores it.
    const claimed = context.userAuth ? claimsOf(accessToken).username : undefined;
    const username = typeof claimed === 'string' && claimed ? claimed : context.username;
    const tokens = writeTokens(config, { username, idToken, accessToken, refreshToken });
    // Device tracking: confirm the device this sign-in created, so it is listed and can be
    // remembered. Its failure does not undo the sign-in (the next one creates another device).
    if (result.NewDeviceMetadata) {
      const metadata = result.NewDeviceMetadata;
      await import('./devices.js').then((devices) => devices.confirmNewDevice(config, username, accessToken, metadata)).catch(() => undefined);
    }
    return { step: 'done', user: toSessionUser(tokens) };
  }

  const name = answer.ChallengeName ?? '';
  const parameters = answer.ChallengeParameters ?? {};
  const username = parameters.USER_ID_FOR_SRP || parameters.USERNAME || context.username;
  const session = answer.Session;
  if (!name) throw malformed('no tokens, no challenge');
  if (!session) throw malformed(`${name} without a Session`);
  const open = (challengeName: string, extra: { session?: string; available?: string[]; requestOptions?: string } = {}) =>
    pendingFor({ ...context, username, name: challengeName, session, ...extra });
  const destination = parameters.CODE_DELIVERY_DESTINATION ?? '';

  switch (name) {
    case 'NEW_PASSWORD_REQUIRED':
      return {
        step: 'new-password',
        pending: open(name),
        // Listed as "userAttributes.name"; the answer sends them back with the same prefix.
        requiredAttributes: parseList(parameters.requiredAttributes).map((attribute) => attribute.replace(/^userAttributes\./, '')),
      };
    case 'SMS_MFA':
      return { step: 'sms', pending: open(name), destination };
    case 'SOFTWARE_TOKEN_MFA':
      return { step: 'totp', pending: open(name) };
    case 'EMAIL_OTP':
      // The same challenge is a sign-in code before the first factor and email MFA after it.
      if (!context.firstFactorDone) return { step: 'email-code', pending: open(name), destination };
      return { step: 'email', pending: open(name), destination };
    case 'MFA_SETUP': {
      const canSetUp = parseList(parameters.MFAS_CAN_SETUP);
      if (!canSetUp.length || canSetUp.includes('SOFTWARE_TOKEN_MFA')) {
        const { secret, session: setupSession } = await associateSoftwareToken(config, session);
        return {
          step: 'totp-setup',
          pending: open(name, { session: setupSession }),
          secret,
          otpauthUri: otpauthUri(totpIssuer(config), context.email, secret),
        };
      }
      // Email MFA is set up with the address the person signed in with; Cognito then mails a code.
      if (canSetUp.includes('EMAIL_OTP') && looksLikeEmail(context.email) && answered < maxAutomaticAnswers) {
        const next = await respond(config, name, session, { USERNAME: username, EMAIL: context.email });
        return nextStep(config, next, { ...context, username }, answered + 1);
      }
      throw unsupported(`MFA_SETUP with ${canSetUp.join(', ')}`);
    }
    case 'SELECT_MFA_TYPE': {
      const choices = parseList(parameters.MFAS_CAN_CHOOSE);
      // No list at all: the authenticator app, as Cognito's own SDK assumes.
      const factors: MfaFactor[] = choices.length ? mfaFactorsOf(choices) : ['totp'];
      if (factors.length > 1) return { step: 'select-mfa', pending: open(name), factors };
      // One factor we can answer: nothing to ask the person.
      if (!factors.length || answered >= maxAutomaticAnswers) throw unsupported(`SELECT_MFA_TYPE with ${choices.join(', ') || 'no choices'}`);
      const next = await respond(config, name, session, { USERNAME: username, ANSWER: mfaAnswer(factors[0]) });
      return nextStep(config, next, { ...context, username }, answered + 1);
    }
  }
  if (context.userAuth) {
    switch (name) {
      case 'SELECT_CHALLENGE': {
        const available = answer.AvailableChallenges ?? parseList(parameters.AvailableChallenges);
        const methods = methodsOf(available);
        if (!methods.length) throw unsupported(`SELECT_CHALLENGE with ${available.join(', ') || 'no choices'}`);
        return { step: 'select', pending: open(name, { available }), methods };
      }
      case 'SMS_OTP':
        return { step: 'sms-code', pending: open(name), destination };
      case 'PASSWORD':
      case 'PASSWORD_SRP':
        return { step: 'password', pending: open(name) };
      case 'WEB_AUTHN': {
        const requestOptions = parameters.CREDENTIAL_REQUEST_OPTIONS;
        if (!requestOptions) throw malformed('WEB_AUTHN without CREDENTIAL_REQUEST_OPTIONS');
        return { step: 'passkey', pending: open(name, { requestOptions }) };
      }
    }
  }
  if (name === 'DEVICE_SRP_AUTH' && readDeviceKeys(config, username) && answered < maxAutomaticAnswers) {
    // A remembered device proves itself in place of MFA (it named itself with DEVICE_KEY).
    const devices = await import('./devices.js');
    return nextStep(config, await devices.answerDeviceChallenge(config, username, session), { ...context, username }, answered + 1);
  }
  // CUSTOM_CHALLENGE, DEVICE_SRP_AUTH where this browser keeps no device keys, DEVICE_PASSWORD_VERIFIER,
  // ADMIN_NO_SRP_AUTH, a second PASSWORD_VERIFIER, the USER_AUTH challenges outside USER_AUTH, and any
  // name Cognito adds later.
  throw unsupported(name);
}
