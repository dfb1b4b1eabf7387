// Registration: SignUp, ConfirmSignUp, ResendConfirmationCode.
import { toAuthError } from './cognito-errors.js';
import { request } from './request.js';
import type { CodeDelivery, CognitoConfig } from './types.js';
import { toDelivery, toUsername } from './username.js';

/**
 * Registers a user with their email (plus any extra attributes); a code goes to the email. Without
 * a password the account is passwordless (pools that allow USER_AUTH with codes or passkeys).
 * `session`, when the app client allows USER_AUTH, carries on to confirmSignUp and then signs the
 * user in (signInAfterConfirm).
 */
export async function signUp(
  config: CognitoConfig,
  input: { email: string; password?: string; attributes?: Record<string, string> },
): Promise<{ username: string; confirmed: boolean; delivery: CodeDelivery | null; session: string | null }> {
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
      ...(input.password ? { Password: input.password } : {}),
      UserAttributes: attributes,
    });
    return { username, confirmed: result.UserConfirmed === true, delivery: toDelivery(result.CodeDeliveryDetails), session: result.Session ?? null };
  } catch (err) {
    throw toAuthError(err, 'register');
  }
}

/**
 * Confirms a registration with the emailed code. Given SignUp's `session`, resolves to the Session
 * that signs the user in without another code (signInAfterConfirm); else to null.
 */
export async function confirmSignUp(config: CognitoConfig, email: string, code: string, session?: string | null): Promise<{ session: string | null }> {
  try {
    const result = await request(config, 'ConfirmSignUp', {
      ClientId: config.userPoolClientId,
      Username: toUsername(config, email),
      ConfirmationCode: code.trim(),
      // As the workshop does: the email is this user's from now on, even if another unconfirmed
      // account listed it.
      ForceAliasCreation: true,
      ...(session ? { Session: session } : {}),
    });
    return { session: result.Session ?? null };
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
