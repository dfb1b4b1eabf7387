// The only module that imports amazon-cognito-identity-js. It turns the SDK's callbacks into
// promises, its classes into the plain objects of types.ts, and its errors into AuthErrors, so
// elements and the store can run against AWS, the local pool or a sinon stub alike.
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import type { AuthFlow } from '../events.js';
import { AuthError, authErrorCode, toAuthError, type AuthErrorCode } from './cognito-errors.js';
import { authErrorMessage } from './error-messages.js';
import { memoryStorage } from './memory-storage.js';
import { prepareEphemeralWhenIdle } from './srp/ephemeral.js';
import { nativeSrpSignIn } from './srp/native-srp-sign-in.js';
import type { CodeDelivery, CognitoConfig, PendingSignIn, SessionUser, SignInStep } from './types.js';

type MfaType = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA';

/** What an open challenge needs; kept out of PendingSignIn so elements cannot reach the SDK. */
interface PendingRecord {
  user: CognitoUser;
  email: string;
  mfaType?: MfaType;
}

const pendingRecords = new WeakMap<PendingSignIn, PendingRecord>();
const pools = new Map<string, CognitoUserPool>();

/** Errors that say "try again later" rather than "you are not signed in". */
const transientCodes: ReadonlySet<AuthErrorCode> = new Set([
  'network',
  'server',
  'too-many-requests',
  'limit-exceeded',
]);

function storageFor(config: CognitoConfig): ICognitoStorage | undefined {
  if (config.storage === 'session') return window.sessionStorage;
  if (config.storage === 'memory') return memoryStorage();
  return undefined; // the SDK's default: localStorage (with its own in-memory fallback)
}

/** One CognitoUserPool per pool, client, endpoint and storage, so every call shares its cache. */
function poolFor(config: CognitoConfig): CognitoUserPool {
  const key = [config.userPoolId, config.userPoolClientId, config.endpoint ?? '', config.storage ?? 'local'].join('|');
  let pool = pools.get(key);
  if (!pool) {
    try {
      pool = new CognitoUserPool({
        UserPoolId: config.userPoolId,
        ClientId: config.userPoolClientId,
        endpoint: config.endpoint || undefined,
        Storage: storageFor(config),
      });
    } catch (err) {
      // The SDK checks the ids itself ("Invalid UserPoolId format."); resolveConfig() normally
      // catches this first, but a hand-made config may not have gone through it.
      throw new AuthError('not-configured', `${authErrorMessage('not-configured')} (${String((err as Error).message)})`, err);
    }
    pools.set(key, pool);
  }
  return pool;
}

/** The pool username for what the person typed (the workshop's `a-at-b.c` style on request). */
function toUsername(config: CognitoConfig, email: string): string {
  const typed = email.trim();
  // String.replace with a string pattern changes only the first '@', exactly as the workshop does.
  return config.usernameStyle === 'at-to-dash' ? typed.replace('@', '-at-') : typed;
}

function userFor(config: CognitoConfig, email: string): CognitoUser {
  return new CognitoUser({ Username: toUsername(config, email), Pool: poolFor(config), Storage: storageFor(config) });
}

function toDelivery(details: unknown): CodeDelivery | null {
  const d = details as { Destination?: string; DeliveryMedium?: string; AttributeName?: string } | undefined;
  if (!d?.Destination) return null;
  return {
    destination: d.Destination,
    medium: d.DeliveryMedium === 'SMS' ? 'SMS' : 'EMAIL',
    attribute: d.AttributeName ?? (d.DeliveryMedium === 'SMS' ? 'phone_number' : 'email'),
  };
}

/** The store's view of a session: the ID token's claims, never the tokens themselves. */
function toSessionUser(session: CognitoUserSession): SessionUser {
  const claims = session.getIdToken().decodePayload() as Record<string, unknown>;
  return {
    username: String(claims['cognito:username'] ?? claims.sub ?? ''),
    sub: String(claims.sub ?? ''),
    email: typeof claims.email === 'string' ? claims.email : null,
    claims,
    expiresAt: Number(claims.exp ?? 0),
  };
}

/** onSuccess for every sign-in path: a malformed token must reject, not leave the promise hanging. */
function finishSignIn(resolve: (step: SignInStep) => void, reject: (err: AuthError) => void, flow: AuthFlow) {
  return (session: CognitoUserSession) => {
    try {
      resolve({ step: 'done', user: toSessionUser(session) });
    } catch (err) {
      reject(toAuthError(err, flow));
    }
  };
}

function pendingFor(record: PendingRecord, username: string): PendingSignIn {
  const pending = Object.freeze({ username }) as unknown as PendingSignIn;
  pendingRecords.set(pending, record);
  return pending;
}

function recordOf(pending: PendingSignIn, flow: AuthFlow): PendingRecord {
  const record = pendingRecords.get(pending);
  if (!record) throw new AuthError('session-expired', authErrorMessage('session-expired', flow));
  return record;
}

/** "otpauth://totp/Issuer:account?secret=…" as authenticator apps read it (Key Uri Format). */
function otpauthUri(issuer: string, account: string, secret: string): string {
  // encodeURIComponent, not URLSearchParams: some authenticator apps show a '+' for a space.
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}

function totpIssuer(config: CognitoConfig, pool: CognitoUserPool): string {
  return config.appName || globalThis.location?.hostname || pool.getUserPoolName();
}

function parseList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * The SDK's sign-in callbacks mapped to one SignInStep. Used for authenticateUser and for
 * completeNewPasswordChallenge, which can lead to the same challenges.
 */
function signInCallbacks(
  config: CognitoConfig,
  record: PendingRecord,
  username: string,
  flow: AuthFlow,
  resolve: (step: SignInStep) => void,
  reject: (err: AuthError) => void,
): IAuthenticationCallback {
  const { user } = record;
  const fail = (err: unknown) => reject(toAuthError(err, flow));
  const callbacks: IAuthenticationCallback = {
    onSuccess: finishSignIn(resolve, reject, flow),
    onFailure: fail,
    newPasswordRequired: (_userAttributes, requiredAttributes) =>
      resolve({
        step: 'new-password',
        pending: pendingFor(record, username),
        requiredAttributes: parseList(requiredAttributes),
      }),
    mfaRequired: (_challengeName, parameters: Record<string, string> | undefined) =>
      resolve({
        step: 'sms',
        pending: pendingFor({ ...record, mfaType: 'SMS_MFA' }, username),
        destination: parameters?.CODE_DELIVERY_DESTINATION ?? '',
      }),
    totpRequired: () =>
      resolve({ step: 'totp', pending: pendingFor({ ...record, mfaType: 'SOFTWARE_TOKEN_MFA' }, username) }),
    mfaSetup: () =>
      user.associateSoftwareToken({
        associateSecretCode: (secret) =>
          resolve({
            step: 'totp-setup',
            pending: pendingFor({ ...record, mfaType: 'SOFTWARE_TOKEN_MFA' }, username),
            secret,
            otpauthUri: otpauthUri(totpIssuer(config, poolFor(config)), record.email, secret),
          }),
        onFailure: fail,
      }),
    // Prefer an authenticator app over SMS when the pool lets the user choose.
    selectMFAType: (_challengeName, parameters: Record<string, string> | undefined) => {
      const choices = parseList(parameters?.MFAS_CAN_CHOOSE);
      const answer: MfaType = choices.includes('SOFTWARE_TOKEN_MFA') || !choices.length ? 'SOFTWARE_TOKEN_MFA' : 'SMS_MFA';
      user.sendMFASelectionAnswer(answer, callbacks);
    },
    customChallenge: () =>
      reject(new AuthError('unknown', 'This user pool asks for a custom challenge, which these elements do not support.')),
  };
  return callbacks;
}

function sessionOf(user: CognitoUser): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) => {
    user.getSession((err: Error | null, session: CognitoUserSession | null) => {
      if (err || !session) reject(err ?? new Error('No session'));
      else resolve(session);
    });
  });
}

/**
 * The signed-in user's session from storage, refreshed with the refresh token when expired.
 * null when nobody is signed in or the session cannot be renewed (revoked, expired refresh
 * token); an AuthError when the service could not be reached, so a network blip does not look
 * like a sign-out.
 */
async function storedSession(config: CognitoConfig): Promise<{ user: CognitoUser; session: CognitoUserSession } | null> {
  const user = poolFor(config).getCurrentUser();
  if (!user) return null;
  try {
    return { user, session: await sessionOf(user) };
  } catch (err) {
    if (transientCodes.has(authErrorCode(err))) throw toAuthError(err);
    return null;
  }
}

/**
 * The Cognito adapter. Every method takes the resolved configuration first, maps the typed
 * email to the pool's username itself, returns plain objects and throws AuthError. One object,
 * so tests can `sinon.stub(cognito, 'signIn')`.
 */
export const cognito = {
  /** Registers a user with their email (plus any extra attributes); a code goes to the email. */
  async signUp(
    config: CognitoConfig,
    input: { email: string; password: string; attributes?: Record<string, string> },
  ): Promise<{ username: string; confirmed: boolean; delivery: CodeDelivery | null }> {
    const username = toUsername(config, input.email);
    const attributes = [new CognitoUserAttribute({ Name: 'email', Value: input.email.trim() })];
    for (const [name, value] of Object.entries(input.attributes ?? {})) {
      if (name !== 'email' && value !== '') attributes.push(new CognitoUserAttribute({ Name: name, Value: value }));
    }
    return new Promise((resolve, reject) => {
      poolFor(config).signUp(username, input.password, attributes, [], (err, result) => {
        if (err || !result) return reject(toAuthError(err, 'register'));
        resolve({ username, confirmed: result.userConfirmed, delivery: toDelivery(result.codeDeliveryDetails) });
      });
    });
  },

  /** Confirms a registration with the emailed code. */
  async confirmSignUp(config: CognitoConfig, email: string, code: string): Promise<void> {
    return new Promise((resolve, reject) => {
      // forceAliasCreation true, as the workshop does: the email is this user's from now on.
      userFor(config, email).confirmRegistration(code.trim(), true, (err) => {
        if (err) reject(toAuthError(err, 'verify'));
        else resolve();
      });
    });
  },

  /** Sends a new sign-up code. */
  async resendSignUpCode(config: CognitoConfig, email: string): Promise<CodeDelivery | null> {
    return new Promise((resolve, reject) => {
      userFor(config, email).resendConfirmationCode((err, result) => {
        if (err) reject(toAuthError(err, 'resend-code'));
        else resolve(toDelivery((result as { CodeDeliveryDetails?: unknown } | undefined)?.CodeDeliveryDetails));
      });
    });
  },

  /**
   * Computes the next sign-in's ephemeral SRP pair in idle time, so a submit costs one
   * exponentiation. Call when a sign-in form appears.
   */
  prepareSignIn(): void {
    prepareEphemeralWhenIdle();
  },

  /** Signs in with SRP (USER_SRP_AUTH); returns 'done' or the challenge to answer next. */
  async signIn(config: CognitoConfig, email: string, password: string): Promise<SignInStep> {
    const user = userFor(config, email);
    const username = toUsername(config, email);
    const record: PendingRecord = { user, email: email.trim() };
    return new Promise((resolve, reject) => {
      // Native BigInt SRP instead of the SDK's big-integer maths (issue 6); same requests, and
      // the SDK caches the session and carries on any challenge exactly as authenticateUser does.
      nativeSrpSignIn(
        user,
        new AuthenticationDetails({ Username: username, Password: password }),
        signInCallbacks(config, record, username, 'signin', resolve, reject),
      );
    });
  },

  /** Answers NEW_PASSWORD_REQUIRED (a temporary password) with a new one and required attributes. */
  async completeNewPassword(
    config: CognitoConfig,
    pending: PendingSignIn,
    newPassword: string,
    attributes: Record<string, string>,
  ): Promise<SignInStep> {
    const record = recordOf(pending, 'new-password');
    return new Promise((resolve, reject) => {
      record.user.completeNewPasswordChallenge(
        newPassword,
        attributes,
        signInCallbacks(config, record, pending.username, 'new-password', resolve, reject),
      );
    });
  },

  /** Answers an SMS_MFA or SOFTWARE_TOKEN_MFA challenge with the 6-digit code. */
  async answerMfaCode(_config: CognitoConfig, pending: PendingSignIn, code: string): Promise<SignInStep> {
    const record = recordOf(pending, 'mfa');
    return new Promise((resolve, reject) => {
      record.user.sendMFACode(
        code.trim(),
        {
          onSuccess: finishSignIn(resolve, reject, 'mfa'),
          onFailure: (err) => reject(toAuthError(err, 'mfa')),
        },
        record.mfaType ?? 'SOFTWARE_TOKEN_MFA',
      );
    });
  },

  /** Finishes MFA_SETUP: checks the first code from the authenticator app, then signs in. */
  async verifyTotpSetup(_config: CognitoConfig, pending: PendingSignIn, code: string): Promise<SignInStep> {
    const record = recordOf(pending, 'mfa');
    return new Promise((resolve, reject) => {
      record.user.verifySoftwareToken(code.trim(), 'Authenticator app', {
        onSuccess: finishSignIn(resolve, reject, 'mfa'),
        onFailure: (err) => reject(toAuthError(err, 'mfa')),
      });
    });
  },

  /** Sends a password-reset code. */
  async forgotPassword(config: CognitoConfig, email: string): Promise<CodeDelivery | null> {
    return new Promise((resolve, reject) => {
      userFor(config, email).forgotPassword({
        onSuccess: (data: { CodeDeliveryDetails?: unknown } | undefined) => resolve(toDelivery(data?.CodeDeliveryDetails)),
        onFailure: (err) => reject(toAuthError(err, 'forgot-password')),
      });
    });
  },

  /** Sets a new password with the emailed reset code. */
  async confirmForgotPassword(config: CognitoConfig, email: string, code: string, newPassword: string): Promise<void> {
    return new Promise((resolve, reject) => {
      userFor(config, email).confirmPassword(code.trim(), newPassword, {
        onSuccess: () => resolve(),
        onFailure: (err) => reject(toAuthError(err, 'forgot-password')),
      });
    });
  },

  /** The signed-in user from the SDK's storage, refreshing an expired session; null if none. */
  async currentUser(config: CognitoConfig): Promise<SessionUser | null> {
    const stored = await storedSession(config);
    return stored ? toSessionUser(stored.session) : null;
  },

  /** The raw ID and access tokens, refreshed first if expired; null when signed out. */
  async getTokens(config: CognitoConfig): Promise<{ idToken: string; accessToken: string } | null> {
    const stored = await storedSession(config);
    if (!stored) return null;
    return {
      idToken: stored.session.getIdToken().getJwtToken(),
      accessToken: stored.session.getAccessToken().getJwtToken(),
    };
  },

  /**
   * Signs out. Local: revokes the refresh token (RevokeToken, when the tokens allow it) and
   * clears the stored tokens; the tokens are cleared even if revocation fails. Global:
   * GlobalSignOut, which ends every session of the user on every device, then clears storage;
   * if that request fails for a transient reason the local session is kept so it can be retried.
   */
  async signOut(config: CognitoConfig, options: { global: boolean }): Promise<void> {
    const user = poolFor(config).getCurrentUser();
    if (!user) return;
    if (!options.global) {
      await new Promise<void>((resolve) => user.signOut(() => resolve()));
      user.signOut(); // clears storage also when getSession failed before revocation
      return;
    }
    try {
      await sessionOf(user);
    } catch (err) {
      if (transientCodes.has(authErrorCode(err))) throw toAuthError(err, 'signout');
      user.signOut(); // already invalid everywhere: only the local copy is left to clear
      return;
    }
    await new Promise<void>((resolve, reject) => {
      user.globalSignOut({
        onSuccess: () => resolve(),
        onFailure: (err) => {
          if (transientCodes.has(authErrorCode(err))) return reject(toAuthError(err, 'signout'));
          user.signOut();
          resolve();
        },
      });
    });
  },
};
