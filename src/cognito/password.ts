// Forgotten passwords: ForgotPassword sends a code, ConfirmForgotPassword sets the new password.
import { toAuthError } from './cognito-errors.js';
import { request } from './request.js';
import type { CodeDelivery, CognitoConfig } from './types.js';
import { toDelivery, toUsername } from './username.js';

/** Sends a password-reset code. */
export async function forgotPassword(config: CognitoConfig, email: string): Promise<CodeDelivery | null> {
  try {
    const result = await request(config, 'ForgotPassword', {
      ClientId: config.userPoolClientId,
      Username: toUsername(config, email),
    });
    return toDelivery(result.CodeDeliveryDetails);
  } catch (err) {
    throw toAuthError(err, 'forgot-password');
  }
}

/** Sets a new password with the emailed reset code. */
export async function confirmForgotPassword(config: CognitoConfig, email: string, code: string, newPassword: string): Promise<void> {
  try {
    await request(config, 'ConfirmForgotPassword', {
      ClientId: config.userPoolClientId,
      Username: toUsername(config, email),
      ConfirmationCode: code.trim(),
      Password: newPassword,
    });
  } catch (err) {
    throw toAuthError(err, 'forgot-password');
  }
}
