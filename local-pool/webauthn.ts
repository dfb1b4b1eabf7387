// Passkeys (WebAuthn) for USER_AUTH: the hooks the choice-based sign-in calls. This is the
// placeholder the passkey work replaces (registration, the stored credentials and verification
// with a WebAuthn server library); until then no user has a passkey, so USER_AUTH never offers
// WEB_AUTHN, and a client that asks for it anyway is told so.
import { CognitoError } from './errors.js';
import type { Pool } from './pool.js';
import type { User } from './store.js';

/** Whether the user has registered at least one passkey (WEB_AUTHN is then offered). */
export function userHasPasskeys(_user: User): boolean {
  return false;
}

/**
 * The WEB_AUTHN challenge for a user: `requestOptions` (a PublicKeyCredentialRequestOptionsJSON,
 * sent as CREDENTIAL_REQUEST_OPTIONS) and the challenge the answer must sign, which the sign-in
 * session keeps.
 */
export function webAuthnChallenge(_pool: Pool, _user: User): Promise<{ requestOptions: object; expectedChallenge: string }> {
  return Promise.reject(notYet());
}

/** Verifies a WEB_AUTHN answer (`credentialJson`: an AuthenticationResponseJSON); throws Cognito's error if it fails. */
export function answerWebAuthn(_pool: Pool, _user: User, _credentialJson: string, _expectedChallenge: string): Promise<void> {
  return Promise.reject(notYet());
}

const notYet = () => new CognitoError('WebAuthnNotEnabledException', 'Passkey sign-in is not available in this local pool yet.');
