// The signed-in user's own attributes: read them (GetUser), change them (UpdateUserAttributes,
// and DeleteUserAttributes for cleared ones), and verify a new email or phone number with its code
// (GetUserAttributeVerificationCode, VerifyUserAttribute). API reference:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html
import { accessToken } from './access-token.js';
import { toAuthError } from './cognito-errors.js';
import { request } from './request.js';
import type { CodeDelivery, CognitoConfig, MfaFactor } from './types.js';
import { toDelivery } from './username.js';

/** What GetUser says about the signed-in user: attributes and MFA settings. */
export interface UserDetails {
  attributes: Record<string, string>;
  /** The MFA factors the user has turned on. */
  mfa: MfaFactor[];
  preferredMfa: MfaFactor | null;
}

const factorOf: Readonly<Record<string, MfaFactor>> = { SOFTWARE_TOKEN_MFA: 'totp', SMS_MFA: 'sms', EMAIL_OTP: 'email' };

/** The signed-in user's attributes and MFA settings (GetUser; retried, since reading twice is harmless). */
export async function getUserDetails(config: CognitoConfig): Promise<UserDetails> {
  try {
    const result = await request(config, 'GetUser', { AccessToken: await accessToken(config) }, { retries: 1 });
    const attributes: Record<string, string> = {};
    for (const { Name, Value } of result.UserAttributes ?? []) if (Name) attributes[Name] = Value ?? '';
    const mfa = (result.UserMFASettingList ?? []).map((name) => factorOf[name]).filter((factor): factor is MfaFactor => Boolean(factor));
    return { attributes, mfa, preferredMfa: factorOf[result.PreferredMfaSetting ?? ''] ?? null };
  } catch (err) {
    throw toAuthError(err);
  }
}

/**
 * Saves changed attributes: an empty value removes the attribute. Resolves to where codes went: a
 * new email or phone number is verified with one (see verifyUserAttribute).
 */
export async function updateUserAttributes(config: CognitoConfig, changes: Readonly<Record<string, string>>): Promise<CodeDelivery[]> {
  try {
    const token = await accessToken(config);
    const set = Object.entries(changes).filter(([, value]) => value !== '');
    const cleared = Object.keys(changes).filter((name) => changes[name] === '');
    let deliveries: CodeDelivery[] = [];
    if (set.length) {
      const result = await request(config, 'UpdateUserAttributes', { AccessToken: token, UserAttributes: set.map(([Name, Value]) => ({ Name, Value })) });
      deliveries = (result.CodeDeliveryDetailsList ?? []).map(toDelivery).filter((delivery): delivery is CodeDelivery => delivery !== null);
    }
    // Cognito removes attributes with DeleteUserAttributes; an empty value is not a removal there.
    if (cleared.length) await request(config, 'DeleteUserAttributes', { AccessToken: token, UserAttributeNames: cleared });
    return deliveries;
  } catch (err) {
    throw toAuthError(err);
  }
}

/** Sends a new code for `name` (to the new value while a change waits for its code). */
export async function sendAttributeCode(config: CognitoConfig, name: 'email' | 'phone_number'): Promise<CodeDelivery | null> {
  try {
    const result = await request(config, 'GetUserAttributeVerificationCode', { AccessToken: await accessToken(config), AttributeName: name });
    return toDelivery(result.CodeDeliveryDetails);
  } catch (err) {
    throw toAuthError(err);
  }
}

/** Checks the code for `name`: the attribute is then verified (and a waiting new value in place). */
export async function verifyUserAttribute(config: CognitoConfig, name: 'email' | 'phone_number', code: string): Promise<void> {
  try {
    await request(config, 'VerifyUserAttribute', { AccessToken: await accessToken(config), AttributeName: name, Code: code });
  } catch (err) {
    throw toAuthError(err);
  }
}
