// The signed-in user's access token for the operations it authorises, renewed first when about
// to expire; AuthError 'signed-out' when nobody is signed in.
import { authError } from './cognito-errors.js';
import { freshTokens } from './refresh.js';
import type { CognitoConfig } from './types.js';

export async function accessToken(config: CognitoConfig): Promise<string> {
  const tokens = await freshTokens(config);
  if (!tokens) throw authError('signed-out', { key: 'error.signed-out' });
  return tokens.accessToken;
}
