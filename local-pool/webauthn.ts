// Passkeys (WebAuthn): registration (StartWebAuthnRegistration / CompleteWebAuthnRegistration)
// and the WEB_AUTHN sign-in challenge of USER_AUTH, verified by @simplewebauthn/server: the
// attestation's and each assertion's signature, the challenge, the origin, the relying party's id
// hash, user presence (and verification when required) and the signature counter.
// AWS: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
import { randomBytes } from 'node:crypto';
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { CognitoError, invalidParameter, notAuthorized } from './errors.js';
import type { WebAuthnConfig } from './options.js';
import type { Pool } from './pool.js';
import { Store, type Passkey, type User } from './store.js';
import { passkeyName } from './webauthn-names.js';
import { clientDataOf, originAllowed, webAuthnError } from './webauthn-rules.js';

// Loaded on first use: the library and its ASN.1 parsers are most of the pool's code by size, and
// most pools never see a passkey.
let library: Promise<typeof import('@simplewebauthn/server')> | undefined;
const webauthnLibrary = () => (library ??= import('@simplewebauthn/server'));

/** ES256 and RS256: what platform authenticators and security keys make (and Cognito accepts). */
const ALGORITHMS = [-7, -257];
/** Cognito's quota of passkeys per user. */
export const MAX_PASSKEYS = 20;

interface PendingRegistration {
  challenge: string;
  sub: string;
  clientId: string;
  expiresAt: number;
}

// One pending registration per user (a new start replaces it), per pool; kept beside the pool
// rather than in its data file because, like sign-in sessions, it does not outlive a restart.
const registrations = new WeakMap<Pool, Map<string, PendingRegistration>>();

function pendingOf(pool: Pool) {
  let map = registrations.get(pool);
  if (!map) registrations.set(pool, (map = new Map<string, PendingRegistration>()));
  return map;
}

/** Whether the user has registered at least one passkey (USER_AUTH then offers WEB_AUTHN). */
export function userHasPasskeys(user: User): boolean {
  return (user.passkeys?.length ?? 0) > 0;
}

/** The user's passkeys, oldest first. */
export const passkeysOf = (user: User): Passkey[] => user.passkeys ?? [];

/** The WebAuthn user handle: the sub's bytes (a UUID: stable, and no personal data). */
const userHandle = (user: User) => Buffer.from(user.attributes.sub, 'utf8').toString('base64url');

/**
 * StartWebAuthnRegistration's CredentialCreationOptions for `user`, signed in through `clientId`.
 * The challenge is remembered for CompleteWebAuthnRegistration (it replaces an earlier one).
 */
export async function startRegistration(pool: Pool, user: User, clientId: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { webauthn, limits, poolName } = pool.config;
  if (passkeysOf(user).length >= MAX_PASSKEYS) {
    throw new CognitoError('LimitExceededException', `The user has reached the limit of ${MAX_PASSKEYS} passkeys.`);
  }
  const { generateRegistrationOptions } = await webauthnLibrary();
  const options = await generateRegistrationOptions({
    rpName: poolName,
    rpID: webauthn.rpId,
    userID: Buffer.from(user.attributes.sub, 'utf8'),
    userName: user.attributes.email ?? user.username,
    userDisplayName: user.attributes.name ?? user.attributes.email ?? user.username,
    challenge: randomBytes(32),
    timeout: limits.webAuthnChallengeTtlMs,
    attestationType: 'none',
    // Registered passkeys: the browser then refuses to make a second one on the same authenticator.
    excludeCredentials: passkeysOf(user).map(({ id, transports }) => ({ id, transports })),
    // A passkey is a discoverable credential; verification follows the pool's setting.
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: webauthn.userVerification },
    supportedAlgorithmIDs: ALGORITHMS,
  });
  pendingOf(pool).set(Store.key(user.username), {
    challenge: options.challenge,
    sub: user.attributes.sub,
    clientId,
    expiresAt: Date.now() + limits.webAuthnChallengeTtlMs,
  });
  return options;
}

/** The registration a Complete call answers: single use, whatever the outcome. */
function takeRegistration(pool: Pool, user: User): PendingRegistration {
  const map = pendingOf(pool);
  const key = Store.key(user.username);
  const pending = map.get(key);
  map.delete(key);
  if (!pending || pending.expiresAt <= Date.now() || pending.sub !== user.attributes.sub) throw webAuthnError('challengeNotFound');
  return pending;
}

/** The Credential field: a RegistrationResponseJSON object (or, leniently, its JSON text). */
function registrationResponse(value: unknown): RegistrationResponseJSON {
  const credential = typeof value === 'string' ? parseJson(value, 'Credential') : value;
  if (!isCredential(credential) || typeof credential.response.attestationObject !== 'string') {
    throw invalidParameter('Credential must be a RegistrationResponseJSON: id, rawId, type "public-key", response with clientDataJSON and attestationObject.');
  }
  return credential as unknown as RegistrationResponseJSON;
}

function authenticationResponse(text: string): AuthenticationResponseJSON {
  const credential = parseJson(text, 'CREDENTIAL');
  if (!isCredential(credential) || typeof credential.response.authenticatorData !== 'string' || typeof credential.response.signature !== 'string') {
    throw invalidParameter(
      'CREDENTIAL must be the JSON of an AuthenticationResponseJSON: id, rawId, type "public-key", response with clientDataJSON, authenticatorData and signature.',
    );
  }
  return credential as unknown as AuthenticationResponseJSON;
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidParameter(`${field} is not valid JSON.`);
  }
}

interface CredentialShape {
  id: string;
  rawId: string;
  type: string;
  response: Record<string, unknown> & { clientDataJSON: string };
}

function isCredential(value: unknown): value is CredentialShape {
  if (!value || typeof value !== 'object') return false;
  const { id, rawId, type, response } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof rawId === 'string' &&
    type === 'public-key' &&
    !!response &&
    typeof response === 'object' &&
    typeof (response as Record<string, unknown>).clientDataJSON === 'string'
  );
}

/** The checks both ceremonies share before the signature: the challenge, then the origin. */
function checkClientData(webauthn: WebAuthnConfig, clientDataJSON: string, type: string, expectedChallenge: string, stale: () => CognitoError) {
  const clientData = clientDataOf(clientDataJSON);
  if (clientData.type !== type) throw invalidParameter(`The credential's client data is of type ${clientData.type}, not ${type}.`);
  if (clientData.challenge !== expectedChallenge) throw stale();
  if (!originAllowed(webauthn, clientData.origin)) throw webAuthnError('originNotAllowed', clientData.origin);
  return clientData;
}

/**
 * CompleteWebAuthnRegistration: verifies the attestation against the pending challenge and keeps
 * the passkey on the user. `clientId` is the access token's client, which must be the start's.
 */
export async function completeRegistration(pool: Pool, user: User, clientId: string, credentialField: unknown): Promise<Passkey> {
  const { webauthn } = pool.config;
  const pending = takeRegistration(pool, user);
  if (pending.clientId !== clientId) throw webAuthnError('clientMismatch');
  const response = registrationResponse(credentialField);
  const clientData = checkClientData(webauthn, response.response.clientDataJSON, 'webauthn.create', pending.challenge, () =>
    webAuthnError('challengeNotFound'),
  );
  const { verifyRegistrationResponse } = await webauthnLibrary();
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: clientData.origin,
      expectedRPID: webauthn.rpId,
      requireUserVerification: webauthn.userVerification === 'required',
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (error) {
    throw refusal(error, 'registration');
  }
  if (!result.verified) throw webAuthnError('notSupported');
  const { credential, aaguid } = result.registrationInfo;
  if ([...pool.store.users.values()].some((other) => passkeysOf(other).some((passkey) => passkey.id === credential.id))) {
    throw invalidParameter('This passkey is already registered.');
  }
  const passkey: Passkey = {
    id: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    // The browser's list (response.transports) is what the next sign-in hints with.
    transports: response.response.transports ?? credential.transports ?? [],
    attachment: response.authenticatorAttachment ?? null,
    aaguid,
    friendlyName: passkeyName(aaguid, response.authenticatorAttachment ?? null, Date.now()),
    rpId: webauthn.rpId,
    createdAt: Date.now(),
  };
  user.passkeys = [...passkeysOf(user), passkey];
  user.modifiedAt = Date.now();
  await pool.store.save();
  return passkey;
}

/** Removes one of the user's passkeys; false if the user has none with that id. */
export async function deletePasskey(pool: Pool, user: User, credentialId: string): Promise<boolean> {
  const before = passkeysOf(user);
  const after = before.filter((passkey) => passkey.id !== credentialId);
  if (after.length === before.length) return false;
  user.passkeys = after;
  user.modifiedAt = Date.now();
  await pool.store.save();
  return true;
}

/**
 * The WEB_AUTHN challenge for a user: `requestOptions` (a PublicKeyCredentialRequestOptionsJSON,
 * sent as CREDENTIAL_REQUEST_OPTIONS) naming the user's passkeys, and the challenge the answer must
 * sign, which the sign-in session keeps (so it is answered once, within the session's life).
 */
export async function webAuthnChallenge(pool: Pool, user: User): Promise<{ requestOptions: object; expectedChallenge: string }> {
  const { webauthn, limits } = pool.config;
  const { generateAuthenticationOptions } = await webauthnLibrary();
  const requestOptions = await generateAuthenticationOptions({
    rpID: webauthn.rpId,
    challenge: randomBytes(32),
    timeout: limits.webAuthnChallengeTtlMs,
    allowCredentials: passkeysOf(user).map(({ id, transports }) => ({ id, transports })),
    userVerification: webauthn.userVerification,
  });
  return { requestOptions, expectedChallenge: requestOptions.challenge };
}

/**
 * Verifies a WEB_AUTHN answer (`credentialJson`: the JSON text of an AuthenticationResponseJSON)
 * against `expectedChallenge`: one of the user's passkeys, the origin, the RP id hash, the
 * signature, and a signature counter that moved forward (a counter that did not suggests a cloned
 * authenticator; the assertion is refused and the stored counter kept). On success the counter is
 * saved. Throws Cognito's error when it fails.
 */
export async function answerWebAuthn(pool: Pool, user: User, credentialJson: string, expectedChallenge: string): Promise<void> {
  const { webauthn } = pool.config;
  const response = authenticationResponse(credentialJson);
  const passkey = passkeysOf(user).find((candidate) => candidate.id === response.id);
  if (!passkey) throw notAuthorized('The passkey is not registered for this user.');
  if (response.response.userHandle && response.response.userHandle !== userHandle(user)) {
    throw notAuthorized('The passkey belongs to another user.');
  }
  const clientData = checkClientData(webauthn, response.response.clientDataJSON, 'webauthn.get', expectedChallenge, () =>
    notAuthorized('The passkey answered another challenge.'),
  );
  const { verifyAuthenticationResponse } = await webauthnLibrary();
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: clientData.origin,
      expectedRPID: webauthn.rpId,
      credential: { id: passkey.id, publicKey: Buffer.from(passkey.publicKey, 'base64url'), counter: passkey.counter },
      requireUserVerification: webauthn.userVerification === 'required',
    });
  } catch (error) {
    throw refusal(error, 'authentication');
  }
  if (!result.verified) throw notAuthorized('The passkey signature is not valid.');
  passkey.counter = result.authenticationInfo.newCounter;
  await pool.store.save();
}

/** The library's refusal as Cognito's error. */
function refusal(error: unknown, ceremony: 'registration' | 'authentication'): CognitoError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'UnexpectedRPIDHash') return webAuthnError('relyingPartyMismatch');
  if (/counter value/.test(message)) {
    return notAuthorized('The passkey signature counter did not increase: the authenticator may have been cloned.');
  }
  if (/alg|Attestation Format|PQC/i.test(message)) return webAuthnError('notSupported');
  if (/User verification/.test(message)) {
    return ceremony === 'registration' ? webAuthnError('notSupported') : notAuthorized('The passkey did not verify the user, which this pool requires.');
  }
  return ceremony === 'registration'
    ? invalidParameter(`The passkey registration is not valid: ${message}`)
    : notAuthorized(`The passkey assertion is not valid: ${message}`);
}
