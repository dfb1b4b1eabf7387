// The signed-in user's MFA settings: an authenticator app added with an access token
// (AssociateSoftwareToken, VerifySoftwareToken), factors turned on or off and one preferred
// (SetUserMFAPreference). API reference:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html
import { accessToken } from './access-token.js';
import { authError, toAuthError } from './cognito-errors.js';
import { otpauthUri, totpIssuer } from './mfa.js';
import { malformed } from './next-step.js';
import { request } from './request.js';
import type { CognitoConfig, MfaFactor } from './types.js';

/** A factor's new setting: `enabled` turns it on or off; `preferred` makes it the one asked for. */
export interface MfaChange {
  enabled?: boolean;
  preferred?: boolean;
}

const settingsName: Readonly<Record<MfaFactor, string>> = {
  totp: 'SoftwareTokenMfaSettings',
  sms: 'SMSMfaSettings',
  email: 'EmailMfaSettings',
};

/** Changes one or more factors in one SetUserMFAPreference. */
export async function setMfaPreference(config: CognitoConfig, changes: Partial<Record<MfaFactor, MfaChange>>): Promise<void> {
  const input: Record<string, unknown> = {};
  for (const [factor, change] of Object.entries(changes) as [MfaFactor, MfaChange][]) {
    input[settingsName[factor]] = {
      ...(change.enabled === undefined ? {} : { Enabled: change.enabled }),
      ...(change.preferred === undefined ? {} : { PreferredMfa: change.preferred }),
    };
  }
  try {
    await request(config, 'SetUserMFAPreference', { AccessToken: await accessToken(config), ...input });
  } catch (err) {
    throw toAuthError(err);
  }
}

/** A new authenticator-app secret for the signed-in user, with the otpauth:// link apps read. */
export async function startTotpSetup(config: CognitoConfig, account: string): Promise<{ secret: string; otpauthUri: string }> {
  try {
    const result = await request(config, 'AssociateSoftwareToken', { AccessToken: await accessToken(config) });
    if (!result.SecretCode) throw malformed('AssociateSoftwareToken without SecretCode');
    return { secret: result.SecretCode, otpauthUri: otpauthUri(totpIssuer(config), account, result.SecretCode) };
  } catch (err) {
    throw toAuthError(err);
  }
}

/**
 * Checks the first code from the app, then turns the app on (preferred when `preferred`): two
 * requests, since Cognito keeps a verified app off until SetUserMFAPreference says otherwise.
 */
export async function finishTotpSetup(config: CognitoConfig, code: string, preferred: boolean): Promise<void> {
  try {
    const token = await accessToken(config);
    const result = await request(config, 'VerifySoftwareToken', { AccessToken: token, UserCode: code, FriendlyDeviceName: 'Authenticator app' });
    if (result.Status !== 'SUCCESS') throw authError('code-mismatch', { key: 'error.mfa.code-mismatch' });
    await request(config, 'SetUserMFAPreference', {
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true, ...(preferred ? { PreferredMfa: true } : {}) },
    });
  } catch (err) {
    throw toAuthError(err);
  }
}
