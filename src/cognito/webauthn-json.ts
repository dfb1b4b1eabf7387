// WebAuthn's JSON forms (what Cognito sends and expects) and the browser's objects (what
// navigator.credentials takes and returns). The browser's own helpers do this where present
// (PublicKeyCredential.parseCreationOptionsFromJSON / parseRequestOptionsFromJSON and
// credential.toJSON(), WebAuthn Level 3 §5.1.8-5.1.10, https://www.w3.org/TR/webauthn-3/); the
// fallback below covers older browsers, converting exactly the fields that are bytes.

/** A passkey's registration as Cognito's CompleteWebAuthnRegistration takes it. */
export interface RegistrationResponseJSON {
  id: string;
  rawId: string;
  type: string;
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData?: string;
    transports?: string[];
    publicKeyAlgorithm?: number;
    publicKey?: string;
  };
  clientExtensionResults: AuthenticationExtensionsClientOutputs;
  authenticatorAttachment?: string;
}

/** A passkey's assertion as Cognito's WEB_AUTHN challenge takes it (CREDENTIAL). */
export interface AuthenticationResponseJSON {
  id: string;
  rawId: string;
  type: string;
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    userHandle?: string;
  };
  clientExtensionResults: AuthenticationExtensionsClientOutputs;
  authenticatorAttachment?: string;
}

/** Bytes as unpadded base64url (RFC 4648 §5), as WebAuthn's JSON writes them. */
export function toBase64url(bytes: ArrayBuffer | ArrayBufferView): string {
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padded or not) as bytes; throws a TypeError on anything else. */
export function fromBase64url(text: string): ArrayBuffer {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) throw new TypeError('not base64url');
  const base64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

const descriptors = (list: PublicKeyCredentialDescriptorJSON[] | undefined): PublicKeyCredentialDescriptor[] | undefined =>
  list?.map(({ id, type, transports }) => ({
    id: fromBase64url(id),
    type: type as PublicKeyCredentialType,
    ...(transports ? { transports: transports as AuthenticatorTransport[] } : {}),
  }));

// Read at call time, not import time, so a browser (or a test) without them takes the fallback.
const native = (): Partial<typeof PublicKeyCredential> => (globalThis as { PublicKeyCredential?: typeof PublicKeyCredential }).PublicKeyCredential ?? {};

/** Options for navigator.credentials.create() from StartWebAuthnRegistration's CredentialCreationOptions. */
export function creationOptionsFromJSON(json: PublicKeyCredentialCreationOptionsJSON): PublicKeyCredentialCreationOptions {
  const parse = native().parseCreationOptionsFromJSON;
  if (typeof parse === 'function') return parse.call(PublicKeyCredential, json);
  const { challenge, user, excludeCredentials, ...rest } = json;
  return {
    ...(rest as Omit<PublicKeyCredentialCreationOptions, 'challenge' | 'user' | 'excludeCredentials'>),
    challenge: fromBase64url(challenge),
    user: { ...user, id: fromBase64url(user.id) },
    ...(excludeCredentials ? { excludeCredentials: descriptors(excludeCredentials) } : {}),
  };
}

/** Options for navigator.credentials.get() from the WEB_AUTHN challenge's CREDENTIAL_REQUEST_OPTIONS. */
export function requestOptionsFromJSON(json: PublicKeyCredentialRequestOptionsJSON): PublicKeyCredentialRequestOptions {
  const parse = native().parseRequestOptionsFromJSON;
  if (typeof parse === 'function') return parse.call(PublicKeyCredential, json);
  const { challenge, allowCredentials, ...rest } = json;
  return {
    ...(rest as Omit<PublicKeyCredentialRequestOptions, 'challenge' | 'allowCredentials'>),
    challenge: fromBase64url(challenge),
    ...(allowCredentials ? { allowCredentials: descriptors(allowCredentials) } : {}),
  };
}

/** The parts of a PublicKeyCredential the fallback reads, so it also takes a look-alike. */
type CredentialLike = Pick<PublicKeyCredential, 'id' | 'rawId' | 'type' | 'response' | 'getClientExtensionResults'> & {
  authenticatorAttachment?: string | null;
  toJSON?: () => unknown;
};

/** The JSON of a credential from navigator.credentials.create() or get(). */
export function credentialToJSON(credential: CredentialLike): RegistrationResponseJSON | AuthenticationResponseJSON {
  if (typeof credential.toJSON === 'function') return credential.toJSON() as RegistrationResponseJSON | AuthenticationResponseJSON;
  const { id, rawId, type, response } = credential;
  const common = {
    id,
    rawId: toBase64url(rawId),
    type,
    clientExtensionResults: credential.getClientExtensionResults(),
    ...(credential.authenticatorAttachment ? { authenticatorAttachment: credential.authenticatorAttachment } : {}),
  };
  if ('attestationObject' in response) {
    const attestation = response as AuthenticatorAttestationResponse;
    const publicKey = attestation.getPublicKey?.();
    return {
      ...common,
      response: {
        clientDataJSON: toBase64url(attestation.clientDataJSON),
        attestationObject: toBase64url(attestation.attestationObject),
        ...(attestation.getAuthenticatorData ? { authenticatorData: toBase64url(attestation.getAuthenticatorData()) } : {}),
        ...(attestation.getTransports ? { transports: attestation.getTransports() } : {}),
        ...(attestation.getPublicKeyAlgorithm ? { publicKeyAlgorithm: attestation.getPublicKeyAlgorithm() } : {}),
        ...(publicKey ? { publicKey: toBase64url(publicKey) } : {}),
      },
    };
  }
  const assertion = response as AuthenticatorAssertionResponse;
  return {
    ...common,
    response: {
      clientDataJSON: toBase64url(assertion.clientDataJSON),
      authenticatorData: toBase64url(assertion.authenticatorData),
      signature: toBase64url(assertion.signature),
      ...(assertion.userHandle ? { userHandle: toBase64url(assertion.userHandle) } : {}),
    },
  };
}
