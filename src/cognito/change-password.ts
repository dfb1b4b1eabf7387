// ChangePassword: the signed-in user's current password and a new one. Cognito checks the current
// one (NotAuthorizedException when wrong, LimitExceededException after too many tries) and the
// pool's policy (InvalidPasswordException). Other sessions stay signed in, as in Cognito.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html
import { signedInTokens } from './signed-in-tokens.js';
import { toAuthError } from './cognito-errors.js';
import { request } from './request.js';
import type { CognitoConfig } from './types.js';

export async function changePassword(config: CognitoConfig, previous: string, proposed: string): Promise<void> {
  try {
    const { accessToken } = await signedInTokens(config);
    await request(config, 'ChangePassword', { AccessToken: accessToken, PreviousPassword: previous, ProposedPassword: proposed });
  } catch (err) {
    throw toAuthError(err, 'change-password');
  }
}
