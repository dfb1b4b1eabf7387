// What the pool checks of a passkey ceremony before the library checks its signature: the client
// data's shape and origin; and Cognito's WebAuthn errors. AWS documents the error types and when
// each is thrown (API_StartWebAuthnRegistration.html, API_CompleteWebAuthnRegistration.html), not
// their messages; these messages are the reference's descriptions.
import { CognitoError, invalidParameter } from './errors.js';
import type { WebAuthnConfig } from './options.js';

const ERRORS = {
  notEnabled: ['WebAuthnNotEnabledException', "The passkey feature isn't enabled for the user pool."],
  configurationMissing: ['WebAuthnConfigurationMissingException', "The user pool doesn't have a configured relying party id or a user pool domain."],
  challengeNotFound: ['WebAuthnChallengeNotFoundException', 'The challenge from StartWebAuthnRegistration has expired.'],
  clientMismatch: [
    'WebAuthnClientMismatchException',
    'The access token is for a different client than the one in the original StartWebAuthnRegistration request.',
  ],
  notSupported: ['WebAuthnCredentialNotSupportedException', 'The passkey credential is from an unsupported device or provider.'],
  originNotAllowed: ['WebAuthnOriginNotAllowedException', "The passkey credential's registration origin does not align with the user pool relying party id."],
  relyingPartyMismatch: [
    'WebAuthnRelyingPartyMismatchException',
    'The given passkey credential is associated with a different relying party ID than the user pool relying party ID.',
  ],
} as const;

export type WebAuthnErrorKind = keyof typeof ERRORS;

/** Cognito's WebAuthn error of that kind; `origin` is named in the origin refusal, to say which. */
export function webAuthnError(kind: WebAuthnErrorKind, origin?: string): CognitoError {
  const [type, message] = ERRORS[kind];
  return new CognitoError(type, origin === undefined ? message : `${message} (origin ${origin})`);
}

const isLocalhost = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * Whether passkeys made on a page at `origin` are accepted: one of the listed origins; without a
 * list, any origin on the RP id or a subdomain of it, any port, over https, or over http for
 * localhost names (which browsers count as secure contexts).
 */
export function originAllowed(config: WebAuthnConfig, origin: string): boolean {
  if (config.origins) return config.origins.includes(origin);
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const host = url.hostname;
  const onRp = host === config.rpId || host.endsWith(`.${config.rpId}`);
  return onRp && (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalhost(host)));
}

export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
}

/** The decoded clientDataJSON (base64url of the JSON the browser signed over). */
export function clientDataOf(clientDataJSON: string): ClientData {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw invalidParameter("The credential's clientDataJSON is not base64url-encoded JSON.");
  }
  const { type, challenge, origin } = (data ?? {}) as Record<string, unknown>;
  if (typeof type !== 'string' || typeof challenge !== 'string' || typeof origin !== 'string') {
    throw invalidParameter("The credential's clientDataJSON lacks its type, challenge or origin.");
  }
  return { type, challenge, origin };
}
