// The signed-in user's stored tokens (renewed first when about to expire) for an operation the access
// token authorises and that needs the username too; AuthError 'signed-out' when nobody is signed in.
import { authError } from './cognito-errors.js';
import { freshTokens } from './refresh.js';
import type { StoredTokens } from './token-storage.js';
import type { CognitoConfig } from './types.js';

export async function signedInTokens(config: CognitoConfig): Promise<StoredTokens> {
  const tokens = await freshTokens(config);
  if (!tokens) throw authError('signed-out', { key: 'error.signed-out' });
  return tokens;
}
