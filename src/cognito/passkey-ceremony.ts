// The browser's half of a passkey: navigator.credentials.create() / get() with Cognito's JSON
// options, their answer as Cognito's JSON, and the browser's refusals as our codes. WebAuthn names
// its failures by DOMException name (https://www.w3.org/TR/webauthn-3/#sctn-createCredential):
// NotAllowedError covers both "cancelled" and "timed out" (and, by design, "no authenticator"),
// so they cannot be told apart and share one message.
import { AuthError, authError, type AuthErrorCode } from './cognito-errors.js';
import { authErrorMessage } from './error-messages.js';
import { malformed } from './next-step.js';
import {
  creationOptionsFromJSON,
  credentialToJSON,
  requestOptionsFromJSON,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from './webauthn-json.js';

const byDomException: Record<string, AuthErrorCode> = {
  NotAllowedError: 'passkey-cancelled',
  AbortError: 'passkey-cancelled',
  SecurityError: 'passkey-not-allowed',
  NotSupportedError: 'passkey-unsupported',
  // create() only: the authenticator already holds a passkey from excludeCredentials.
  InvalidStateError: 'passkey-exists',
};

function refusal(err: unknown) {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  const code = byDomException[name] ?? 'unknown';
  return new AuthError(code, authErrorMessage(code), err);
}

/** Throws when this page cannot ask for a passkey at all. */
function checkPasskeysUsable(): void {
  // Passkeys need a secure context (https, or localhost); elsewhere navigator.credentials is missing.
  if (!globalThis.isSecureContext) throw authError('passkey-not-allowed', { key: 'error.passkey-not-allowed' });
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) throw authError('passkey-unsupported', { key: 'error.passkey-unsupported' });
}

/** Asks the authenticator for an assertion; `requestOptions` is the WEB_AUTHN challenge's JSON string. */
export async function getAssertion(requestOptions: string): Promise<AuthenticationResponseJSON> {
  let publicKey: PublicKeyCredentialRequestOptions;
  try {
    publicKey = requestOptionsFromJSON(JSON.parse(requestOptions) as PublicKeyCredentialRequestOptionsJSON);
  } catch (err) {
    throw malformed(`CREDENTIAL_REQUEST_OPTIONS: ${String(err)}`);
  }
  checkPasskeysUsable();
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.get({ publicKey });
  } catch (err) {
    throw refusal(err);
  }
  if (!credential) throw authError('passkey-cancelled', { key: 'error.passkey-cancelled' });
  return credentialToJSON(credential as PublicKeyCredential) as AuthenticationResponseJSON;
}

/** Has the authenticator create a passkey from StartWebAuthnRegistration's options. */
export async function createCredential(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
  let publicKey: PublicKeyCredentialCreationOptions;
  try {
    publicKey = creationOptionsFromJSON(options);
  } catch (err) {
    throw malformed(`CredentialCreationOptions: ${String(err)}`);
  }
  checkPasskeysUsable();
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.create({ publicKey });
  } catch (err) {
    throw refusal(err);
  }
  if (!credential) throw authError('passkey-cancelled', { key: 'error.passkey-cancelled' });
  return credentialToJSON(credential as PublicKeyCredential) as RegistrationResponseJSON;
}
