// Our error codes: stable, kebab-case, keyed from Cognito's exception names (never from its English
// text, except where one name covers several situations), so every message can be looked up and
// later translated.
import type { AuthFlow } from '../events.js';
import { message, type MessageRef } from '../messages/message.js';
import { authErrorKey } from './error-messages.js';

export type AuthErrorCode =
  | 'not-configured'
  | 'invalid-input'
  | 'username-exists'
  | 'invalid-password'
  | 'invalid-email'
  | 'code-mismatch'
  | 'code-expired'
  | 'limit-exceeded'
  | 'too-many-requests'
  | 'user-not-confirmed'
  | 'user-not-found'
  | 'not-authorized'
  | 'password-attempts-exceeded'
  | 'user-disabled'
  | 'password-reset-required'
  | 'already-confirmed'
  | 'session-expired'
  | 'signed-out'
  | 'unsupported-challenge'
  | 'passkey-cancelled'
  | 'passkey-not-allowed'
  | 'passkey-unsupported'
  | 'passkey-exists'
  | 'passkey-not-enabled'
  | 'rejected'
  | 'access-denied'
  | 'callback-mismatch'
  | 'network'
  | 'timeout'
  | 'server'
  | 'unknown';

/** Errors that say "try again later" rather than "this was refused". */
export const transientCodes: ReadonlySet<AuthErrorCode> = new Set(['network', 'timeout', 'server', 'too-many-requests']);

/**
 * An error our elements know how to show. `cause` is the service's original error. `text`, when
 * set, is the catalogue message that says more than the code's own (naming a challenge, the
 * site's own reason, a configuration problem); the elements word it when they show it.
 */
export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    override readonly cause?: unknown,
    readonly text?: MessageRef,
  ) {
    super(message);
  }
}

/** An AuthError whose message is the catalogue's `ref`. */
export function authError(code: AuthErrorCode, ref: MessageRef, cause?: unknown): AuthError {
  return new AuthError(code, message(ref.key, ref.params), cause, ref);
}

/** Cognito's exception name → our code, where the name alone decides. */
const codeByException: Record<string, AuthErrorCode> = {
  UsernameExistsException: 'username-exists',
  AliasExistsException: 'username-exists',
  InvalidPasswordException: 'invalid-password',
  CodeMismatchException: 'code-mismatch',
  EnableSoftwareTokenMFAException: 'code-mismatch',
  ExpiredCodeException: 'code-expired',
  LimitExceededException: 'limit-exceeded',
  TooManyFailedAttemptsException: 'limit-exceeded',
  TooManyRequestsException: 'too-many-requests',
  ThrottlingException: 'too-many-requests',
  UserNotConfirmedException: 'user-not-confirmed',
  UserNotFoundException: 'user-not-found',
  // A Lambda trigger of the site refused the request; its message is often meant for the user.
  UserLambdaValidationException: 'rejected',
  PasswordResetRequiredException: 'password-reset-required',
  // A refresh token used again after rotation replaced it: that sign-in is over.
  RefreshTokenReuseException: 'session-expired',
  // An unknown pool or app client: the configuration points at something that does not exist.
  ResourceNotFoundException: 'not-configured',
  InternalErrorException: 'server',
  InternalServerError: 'server',
  ServiceUnavailableException: 'server',
  CodeDeliveryFailureException: 'server',
  // Passkeys (the WebAuthn operations and the WEB_AUTHN challenge).
  WebAuthnNotEnabledException: 'passkey-not-enabled',
  WebAuthnConfigurationMissingException: 'passkey-not-enabled',
  WebAuthnOriginNotAllowedException: 'passkey-not-allowed',
  WebAuthnRelyingPartyMismatchException: 'passkey-not-allowed',
  WebAuthnCredentialNotSupportedException: 'passkey-unsupported',
  // The registration's challenge expired or was used: start again.
  WebAuthnChallengeNotFoundException: 'session-expired',
};

/**
 * Maps a Cognito error (`{ name, message, statusCode }`, as request.ts builds it) to one of our
 * codes. Decided by the exception name; the English message is read only where Cognito reuses one
 * name for different situations (NotAuthorizedException, InvalidParameterException).
 */
export function authErrorCode(err: unknown): AuthErrorCode {
  if (err instanceof AuthError) return err.code;
  const { code, name, message, statusCode } = (err ?? {}) as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    statusCode?: unknown;
  };
  const exception = typeof code === 'string' && code ? code : typeof name === 'string' ? name : '';
  const text = typeof message === 'string' ? message : '';

  if (configurationProblem(exception, text)) return 'not-configured';
  if (exception === 'NotAuthorizedException') {
    if (/password attempts exceeded/i.test(text)) return 'password-attempts-exceeded';
    if (/user is disabled/i.test(text)) return 'user-disabled';
    if (/current status is confirmed/i.test(text)) return 'already-confirmed';
    if (/session is expired|token has (expired|been revoked)|invalid refresh token/i.test(text)) {
      return 'session-expired';
    }
    return 'not-authorized';
  }
  if (exception === 'InvalidParameterException') {
    if (/already confirmed/i.test(text)) return 'already-confirmed';
    if (/email/i.test(text) && /format|should be an email/i.test(text)) return 'invalid-email';
    return 'invalid-input';
  }
  const mapped = codeByException[exception];
  if (mapped) return mapped;
  if (typeof statusCode === 'number' && statusCode >= 500) return 'server';
  return 'unknown';
}

// The app client or pool is set up so these elements cannot work: a message for the developer,
// not "check what you typed".
function configurationProblem(exception: string, text: string): MessageRef | null {
  if (exception === 'InvalidParameterException' && /not enabled for (the )?client|flow not enabled/i.test(text)) {
    return { key: 'config.flow-not-enabled', params: { detail: text.replace(/\.$/, '') } };
  }
  if (exception === 'NotAuthorizedException' && /secret hash|client secret/i.test(text)) return { key: 'config.client-secret' };
  return null;
}

/** "PreSignUp failed with error Only company addresses." → "Only company addresses." */
function triggerReason(text: string): string {
  return text.replace(/^\w+ failed with error\s*/i, '').trim();
}

/** The message that says more than the code's catalogue text, for the errors that have one. */
function specificText(code: AuthErrorCode, err: unknown): MessageRef | undefined {
  const { name, message: text } = (err ?? {}) as { name?: unknown; message?: unknown };
  const exception = typeof name === 'string' ? name : '';
  const words = typeof text === 'string' ? text : '';
  if (code === 'not-configured') return configurationProblem(exception, words) ?? undefined;
  if (code === 'rejected') {
    const reason = triggerReason(words);
    return reason ? { key: 'error.rejected', params: { reason } } : { key: 'error.unknown' };
  }
  return undefined;
}

/**
 * Turns a service error into an AuthError with our code and a human message for `flow`; the
 * original error stays in `cause`. An AuthError passes through unchanged.
 */
export function toAuthError(err: unknown, flow?: AuthFlow): AuthError {
  if (err instanceof AuthError) return err;
  const code = authErrorCode(err);
  const text = specificText(code, err);
  return new AuthError(code, message(text?.key ?? authErrorKey(code, flow), text?.params), err, text);
}
