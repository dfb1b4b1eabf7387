// What the signed-in user can sign in with: GetUserAuthFactors, authorised by the access token
// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html).
// An account page reads it to show only what applies: no password section for a user who has none.
import { authError, toAuthError } from './cognito-errors.js';
import { freshTokens } from './refresh.js';
import { request } from './request.js';
import type { CognitoConfig } from './types.js';

/** The user's configured factors, as Cognito names them. */
export interface UserAuthFactors {
  /** First factors and MFA set up for the user: `PASSWORD`, `EMAIL_OTP`, `SMS_OTP`, `WEB_AUTHN`, `SOFTWARE_TOKEN`. */
  configured: string[];
  /** MFA turned on for the user: `SMS_MFA`, `EMAIL_OTP`, `SOFTWARE_TOKEN_MFA`. */
  mfa: string[];
  preferredMfa: string | null;
}

export async function getUserAuthFactors(config: CognitoConfig): Promise<UserAuthFactors> {
  try {
    const tokens = await freshTokens(config);
    if (!tokens) throw authError('signed-out', { key: 'error.signed-out' });
    const answer = await request(config, 'GetUserAuthFactors', { AccessToken: tokens.accessToken }, { retries: 2 });
    return {
      configured: answer.ConfiguredUserAuthFactors ?? [],
      mfa: answer.UserMFASettingList ?? [],
      preferredMfa: answer.PreferredMfaSetting ?? null,
    };
  } catch (err) {
    throw toAuthError(err);
  }
}
