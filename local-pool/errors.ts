/** A Cognito service error: answered as `400 {"__type", "message"}` (500 for InternalErrorException). */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const err = (type: string, message: string) => new CognitoError(type, message);

export const notAuthorized = (message: string) => err('NotAuthorizedException', message);
export const invalidParameter = (message: string) => err('InvalidParameterException', message);

export const incorrectPassword = () => notAuthorized('Incorrect username or password.');
export const codeMismatch = () => err('CodeMismatchException', 'Invalid verification code provided, please try again.');
export const expiredCode = () => err('ExpiredCodeException', 'Invalid code provided, please request a code again.');
export const attemptLimit = () => err('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
export const mfaCodeMismatch = () => err('CodeMismatchException', 'Invalid code or auth state for the user.');
export const sessionExpired = () => notAuthorized('Invalid session for the user, session is expired.');
/**
 * A refresh token that rotation replaced, sent again after the grace period. AWS documents the
 * type, not the message (API_GetTokensFromRefreshToken); this one says what happened.
 */
export const refreshTokenReused = () => err('RefreshTokenReuseException', 'Refresh Token has been rotated and can no longer be used.');
