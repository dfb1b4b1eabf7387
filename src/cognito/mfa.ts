// Authenticator-app set-up during sign-in (MFA_SETUP): AssociateSoftwareToken gives the secret,
// VerifySoftwareToken checks the first code; both carry the challenge's Session, not a token.
import { AuthError } from './cognito-errors.js';
import { authErrorMessage } from './error-messages.js';
import { request } from './request.js';
import type { CognitoConfig } from './types.js';

/** A new TOTP secret for the user in this sign-in, and the Session to continue with. */
export async function associateSoftwareToken(config: CognitoConfig, session: string): Promise<{ secret: string; session: string }> {
  const result = await request(config, 'AssociateSoftwareToken', { Session: session });
  if (!result.SecretCode || !result.Session) throw new AuthError('server', authErrorMessage('server'));
  return { secret: result.SecretCode, session: result.Session };
}

/** Checks the first code from the app; resolves to the Session that answers MFA_SETUP. */
export async function verifySoftwareToken(config: CognitoConfig, session: string, code: string): Promise<string> {
  const result = await request(config, 'VerifySoftwareToken', {
    Session: session,
    UserCode: code.trim(),
    FriendlyDeviceName: 'Authenticator app',
  });
  if (result.Status !== 'SUCCESS' || !result.Session) throw new AuthError('code-mismatch', authErrorMessage('code-mismatch'));
  return result.Session;
}

/** "otpauth://totp/Issuer:account?secret=…" as authenticator apps read it (Key Uri Format). */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  // encodeURIComponent, not URLSearchParams: some authenticator apps show a '+' for a space.
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}

/** The issuer authenticator apps show beside the account: the configured app name, `<meta name="application-name">`, else the host name. */
export const totpIssuer = (config: CognitoConfig) =>
  config.appName || document.querySelector<HTMLMetaElement>('meta[name="application-name"]')?.content.trim() || location.hostname;
