// Registration: SignUp, ConfirmSignUp, ResendConfirmationCode.
import { toAuthError } from './cognito-errors.js';
import { request } from './request.js';
import type { CodeDelivery, CognitoConfig } from './types.js';
import { toDelivery, toUsername } from './username.js';

/** Registers a user with their email (plus any extra attributes); a code goes to the email. */
export async function signUp(
  config: CognitoConfig,
  input: { email: string; password: string; attributes?: Record<string, string> },
): Promise<{ username: string; confirmed: boolean; delivery: CodeDelivery | null }> {
  const username = toUsername(config, input.email);
  const attributes = [{ Name: 'email', Value: input.email.trim() }];
  for (const [name, value] of Object.entries(input.attributes ?? {})) {
    if (name !== 'email' && value !== '') attributes.push({ Name: name, Value: value });
  }
  try {
    // Never retried: a SignUp that reached the pool and is sent again answers "already exists".
    const result = await request(config, 'SignUp', {
      ClientId: config.userPoolClientId,
      Username: username,
      Password: input.password,
      UserAttributes: attributes,
    });
    return { username, confirmed: result.UserConfirmed === true, delivery: toDelivery(result.CodeDeliveryDetails) };
  } catch (err) {
    throw toAuthError(err, 'register');
  }
}

/** Confirms a registration with the emailed code. */
export async function confirmSignUp(config: CognitoConfig, email: string, code: string): Promise<void> {
  try {
    await request(config, 'ConfirmSignUp', {
      ClientId: config.userPoolClientId,
      Username: toUsername(config, email),
      ConfirmationCode: code.trim(),
      // As the workshop does: the email is this user's from now on, even if another unconfirmed
      // account listed it.
      ForceAliasCreation: true,
    });
  } catch (err) {
    throw toAuthError(err, 'verify');
  }
}

/** Sends a new sign-up code. */
export async function resendSignUpCode(config: CognitoConfig, email: string): Promise<CodeDelivery | null> {
  try {
    const result = await request(config, 'ResendConfirmationCode', {
      ClientId: config.userPoolClientId,
      Username: toUsername(config, email),
    });
    return toDelivery(result.CodeDeliveryDetails);
  } catch (err) {
    throw toAuthError(err, 'resend-code');
  }
}
