// DeleteUser: the signed-in user deletes their own account. Cognito ends every session of the user
// with it; here the stored tokens and this device's remembered-device keys are forgotten too.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html
import { signedInTokens } from './signed-in-tokens.js';
import { toAuthError } from './cognito-errors.js';
import { forgetDeviceKeys } from './device-keys.js';
import { request } from './request.js';
import { clearTokens } from './token-storage.js';
import type { CognitoConfig } from './types.js';

/** Deletes the signed-in user's account; resolves to the username it had. */
export async function deleteUser(config: CognitoConfig): Promise<{ username: string }> {
  try {
    const { accessToken, username } = await signedInTokens(config);
    await request(config, 'DeleteUser', { AccessToken: accessToken });
    clearTokens(config);
    forgetDeviceKeys(config, username);
    return { username };
  } catch (err) {
    throw toAuthError(err, 'delete-account');
  }
}
