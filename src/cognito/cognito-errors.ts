// Our error codes: stable, kebab-case, keyed from Cognito's exception names (never from the SDK's
// English text), so every message can be looked up and later translated.

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
  | 'password-reset-required'
  | 'already-confirmed'
  | 'session-expired'
  | 'signed-out'
  | 'network'
  | 'server'
  | 'unknown';

/** An error our elements know how to show. `cause` is the SDK's or pool's original error. */
export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
