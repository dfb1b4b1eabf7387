// How SDK errors become our codes. The SDK builds its errors as `Error` with name = code = the
// exception name (Client.js), so these are shaped exactly like that; the same codes are checked
// end to end against the local pool in cognito-client.test.ts.
import { expect } from '@open-wc/testing';
import { AuthError, authErrorCode, toAuthError } from '../../../src/cognito/cognito-errors.js';
import { authErrorMessage } from '../../../src/cognito/error-messages.js';
import { en } from '../../../src/messages/en.js';

function serviceError(code: string, message = ''): Error {
  const err = new Error(message);
  Object.assign(err, { name: code, code });
  return err;
}

describe('authErrorCode', () => {
  const cases: Array<[string, string, string]> = [
    ['UsernameExistsException', 'An account with the given email already exists.', 'username-exists'],
    ['InvalidPasswordException', 'Password did not conform with policy: Password not long enough', 'invalid-password'],
    ['InvalidParameterException', 'Username should be an email.', 'invalid-email'],
    ['InvalidParameterException', 'Invalid email address format.', 'invalid-email'],
    ['InvalidParameterException', 'User is already confirmed.', 'already-confirmed'],
    ['InvalidParameterException', 'Attributes did not conform to the schema', 'invalid-input'],
    ['CodeMismatchException', 'Invalid verification code provided, please try again.', 'code-mismatch'],
    ['ExpiredCodeException', 'Invalid code provided, please request a code again.', 'code-expired'],
    ['LimitExceededException', 'Attempt limit exceeded, please try after some time.', 'limit-exceeded'],
    ['TooManyFailedAttemptsException', '', 'limit-exceeded'],
    ['TooManyRequestsException', 'Too many requests', 'too-many-requests'],
    ['UserNotConfirmedException', 'User is not confirmed.', 'user-not-confirmed'],
    ['UserNotFoundException', 'User does not exist.', 'user-not-found'],
    ['NotAuthorizedException', 'Incorrect username or password.', 'not-authorized'],
    ['NotAuthorizedException', 'Password attempts exceeded', 'password-attempts-exceeded'],
    ['NotAuthorizedException', 'User is disabled.', 'user-disabled'],
    ['NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED', 'already-confirmed'],
    ['NotAuthorizedException', 'Invalid session for the user, session is expired.', 'session-expired'],
    ['NotAuthorizedException', 'Refresh Token has been revoked', 'session-expired'],
    ['PasswordResetRequiredException', 'Password reset required for the user', 'password-reset-required'],
    ['ResourceNotFoundException', 'User pool client abc does not exist.', 'not-configured'],
    ['InternalErrorException', 'Internal error', 'server'],
    ['RefreshTokenReuseException', 'Refresh token has been reused', 'session-expired'],
    ['SomethingNewException', 'who knows', 'unknown'],
  ];
  for (const [exception, message, code] of cases) {
    it(`maps ${exception}${message ? ` "${message}"` : ''} to ${code}`, () => {
      expect(authErrorCode(serviceError(exception, message))).to.equal(code);
    });
  }

  it('maps a 5xx whose type only came from the x-amzn-errortype header to server', () => {
    const err = serviceError('SomeFault', '503');
    Object.assign(err, { statusCode: 503 });
    expect(authErrorCode(err)).to.equal('server');
  });
});

describe('toAuthError', () => {
  it('keeps the original error as the cause and words the message for the flow', () => {
    const original = serviceError('UsernameExistsException', 'An account with the given email already exists.');
    const err = toAuthError(original, 'register');
    expect(err).to.be.instanceOf(AuthError);
    expect(err.code).to.equal('username-exists');
    expect(err.cause).to.equal(original);
    expect(err.message).to.equal('An account with this email already exists. Sign in instead, or reset your password.');
  });

  it('passes an AuthError through unchanged', () => {
    const err = new AuthError('network', 'x');
    expect(toAuthError(err, 'signin')).to.equal(err);
  });

  it('says a retry may help for server and network failures', () => {
    expect(toAuthError(new TypeError('x'), 'signin').message).to.match(/again/i);
    expect(toAuthError(serviceError('NetworkError', 'Network error'), 'signin').message).to.match(/try again/i);
  });
});

describe('error messages', () => {
  it('has a message for every code', () => {
    const codes = ['not-configured', 'invalid-input', 'code-mismatch', 'network', 'timeout', 'server', 'unknown', 'rejected'] as const;
    for (const code of codes) expect(authErrorMessage(code), code).to.equal(en[`error.${code}`]);
  });

  it('words a flow-specific message where one exists and falls back otherwise', () => {
    expect(authErrorMessage('user-not-found', 'signin')).to.equal('Incorrect email or password.');
    expect(authErrorMessage('code-expired', 'signin')).to.equal(en['error.code-expired']);
  });
});
