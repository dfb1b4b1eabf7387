// Device tracking (Cognito's DeviceConfiguration): each sign-in from a device the pool does not know
// creates one and returns its keys (NewDeviceMetadata); ConfirmDevice gives it an SRP verifier; a
// remembered device proves itself at the next sign-in (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER)
// instead of answering MFA. Developer guide:
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
import { randomBytes, randomUUID } from 'node:crypto';
import { err, incorrectPassword, invalidParameter, sessionExpired } from './errors.js';
import type { Pool } from './pool.js';
import { N, canonicalTimestamp, computeK, computeServerS, computeSignature, computeU, hexToBigInt, serverEphemeral, signaturesEqual } from './srp.js';
import { Store, type User } from './store.js';

export { DEVICE_TRACKING, type DeviceTracking } from './device-tracking.js';

/** A device the pool tracks for a user (kept with the user in the data file). */
export interface TrackedDevice {
  /** `<region>_<uuid>`, as Cognito's DeviceKey. */
  key: string;
  /** Set by ConfirmDevice; until then the device is not listed and cannot sign in as itself. */
  confirmed: boolean;
  remembered: boolean;
  name: string;
  /** The SRP salt and verifier of the device's password (hex), from ConfirmDevice. */
  salt: string;
  verifier: string;
  createdAt: number;
  modifiedAt: number;
  lastAuthenticatedAt: number;
}

/** The device fields of a user record (optional: files written before devices existed have none). */
export interface DeviceHolder {
  devices?: TrackedDevice[];
  /** The user's DeviceGroupKey: one per user, the "pool name" of the devices' SRP. */
  deviceGroupKey?: string;
}

const devicesOf = (user: User): TrackedDevice[] => ((user as User & DeviceHolder).devices ??= []);

export const deviceNotFound = () => err('ResourceNotFoundException', 'Device does not exist.');

/** The user's confirmed device `key`, or ResourceNotFoundException. */
export function confirmedDevice(user: User, key: string): TrackedDevice {
  const device = devicesOf(user).find((d) => d.key === key && d.confirmed);
  if (!device) throw deviceNotFound();
  return device;
}

/** The user's unconfirmed devices are dropped after this long: a sign-in whose client never confirmed. */
const UNCONFIRMED_TTL_MS = 24 * 60 * 60 * 1000;

/** A new, unconfirmed device for a sign-in that named none: its NewDeviceMetadata. */
export function newDevice(pool: Pool, user: User): { DeviceKey: string; DeviceGroupKey: string } {
  const holder = user as User & DeviceHolder;
  holder.deviceGroupKey ??= `-${randomBytes(6).toString('base64url')}`;
  const now = Date.now();
  const devices = devicesOf(user).filter((d) => d.confirmed || now - d.createdAt < UNCONFIRMED_TTL_MS);
  const device: TrackedDevice = {
    key: `${pool.config.region}_${randomUUID()}`,
    confirmed: false,
    remembered: false,
    name: '',
    salt: '',
    verifier: '',
    createdAt: now,
    modifiedAt: now,
    lastAuthenticatedAt: now,
  };
  holder.devices = [...devices, device];
  return { DeviceKey: device.key, DeviceGroupKey: holder.deviceGroupKey };
}

/** Base64 of a big-endian number (the SDK's Salt and PasswordVerifier) → hex. */
function base64Hex(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]+=*$/.test(value)) throw invalidParameter(`DeviceSecretVerifierConfig.${field} must be base64.`);
  return Buffer.from(value, 'base64').toString('hex');
}

/** ConfirmDevice: the device's verifier and name. Resolves to whether the user must still opt in. */
export function confirmDevice(pool: Pool, user: User, key: string, name: string | undefined, config: unknown): boolean {
  const device = devicesOf(user).find((d) => d.key === key);
  if (!device) throw deviceNotFound();
  const { Salt, PasswordVerifier } = (config ?? {}) as { Salt?: unknown; PasswordVerifier?: unknown };
  device.salt = base64Hex(Salt, 'Salt');
  device.verifier = base64Hex(PasswordVerifier, 'PasswordVerifier');
  if (hexToBigInt(device.verifier) % N === 0n) throw invalidParameter('Invalid DeviceSecretVerifierConfig.PasswordVerifier.');
  device.name = (name ?? '').slice(0, 1024);
  const optIn = pool.config.deviceTracking === 'user-opt-in';
  // A device confirmed again (a client repeating the call) keeps the user's choice.
  if (!device.confirmed) device.remembered = !optIn;
  device.confirmed = true;
  device.modifiedAt = Date.now();
  return optIn;
}

export function forgetDevice(user: User, key: string): void {
  confirmedDevice(user, key);
  (user as User & DeviceHolder).devices = devicesOf(user).filter((d) => d.key !== key);
}

export function setRemembered(user: User, key: string, status: string): void {
  if (status !== 'remembered' && status !== 'not_remembered') {
    throw invalidParameter(
      `1 validation error detected: Value '${status}' at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [remembered, not_remembered]`,
    );
  }
  const device = confirmedDevice(user, key);
  device.remembered = status === 'remembered';
  device.modifiedAt = Date.now();
}

/** The user's confirmed devices, in Cognito's DeviceType shape (dates in seconds). */
export function listedDevices(user: User) {
  return devicesOf(user).filter((d) => d.confirmed);
}

export function deviceType(device: TrackedDevice) {
  return {
    DeviceKey: device.key,
    DeviceAttributes: [
      { Name: 'device_status', Value: 'valid' },
      { Name: 'device_name', Value: device.name },
      { Name: 'dev:device_remembered_status', Value: device.remembered ? 'remembered' : 'not_remembered' },
    ],
    DeviceCreateDate: device.createdAt / 1000,
    DeviceLastModifiedDate: device.modifiedAt / 1000,
    DeviceLastAuthenticatedDate: device.lastAuthenticatedAt / 1000,
  };
}

// The sign-in that named a device it may sign in as (PASSWORD_VERIFIER's DEVICE_KEY, or the device
// SRP), until its tokens are issued: that sign-in creates no new device.
const namedDevice = new WeakMap<User, string>();

/** Before a password is checked: a DEVICE_KEY that is not one of the user's devices is refused (ResourceNotFoundException). */
export function checkNamedDevice(pool: Pool, username: string, key: string | undefined): void {
  if (pool.config.deviceTracking === 'off' || !key) return;
  const user = pool.store.find(username);
  if (user) confirmedDevice(user, key);
}

/** Called when a password was proven: remembers which known device (if any) the sign-in named. */
export function noteNamedDevice(pool: Pool, user: User, key: string | undefined): TrackedDevice | null {
  namedDevice.delete(user);
  if (pool.config.deviceTracking === 'off' || !key) return null;
  const device = confirmedDevice(user, key);
  namedDevice.set(user, device.key);
  return device;
}

/** For a sign-in's tokens: the named device's last sign-in is now, or a new device's metadata. */
export function deviceForTokens(pool: Pool, user: User): { DeviceKey: string; DeviceGroupKey: string } | null {
  if (pool.config.deviceTracking === 'off') return null;
  const key = namedDevice.get(user);
  namedDevice.delete(user);
  const known = key ? devicesOf(user).find((d) => d.key === key && d.confirmed) : undefined;
  if (known) {
    known.lastAuthenticatedAt = Date.now();
    return null;
  }
  return newDevice(pool, user);
}

interface DeviceSrp {
  userKey: string;
  deviceKey: string;
  stage: 'DEVICE_SRP_AUTH' | 'DEVICE_PASSWORD_VERIFIER';
  A?: bigint;
  b?: bigint;
  B?: bigint;
  v?: bigint;
  secretBlock?: string;
  expiresAt: number;
}

const deviceSessions = new WeakMap<Pool, Map<string, DeviceSrp>>();
const sessionsOf = (pool: Pool) => {
  let map = deviceSessions.get(pool);
  if (!map) deviceSessions.set(pool, (map = new Map<string, DeviceSrp>()));
  return map;
};

/** DEVICE_SRP_AUTH, issued after the password in place of MFA when the sign-in named a remembered device. */
export function deviceChallenge(pool: Pool, user: User, device: TrackedDevice) {
  const userKey = Store.key(user.username);
  const session = randomBytes(48).toString('base64');
  sessionsOf(pool).set(session, { userKey, deviceKey: device.key, stage: 'DEVICE_SRP_AUTH', expiresAt: Date.now() + pool.config.limits.sessionTtlMs });
  return { ChallengeName: 'DEVICE_SRP_AUTH', Session: session, ChallengeParameters: { USERNAME: user.username, DEVICE_KEY: device.key } };
}

function takeSession(pool: Pool, id: string | undefined, stage: DeviceSrp['stage']): DeviceSrp {
  const sessions = sessionsOf(pool);
  const record = id ? sessions.get(id) : undefined;
  if (id) sessions.delete(id);
  if (!record || record.expiresAt <= Date.now()) throw sessionExpired();
  if (record.stage !== stage) throw invalidParameter(`Invalid challenge name ${stage}: the session is for ${record.stage}.`);
  return record;
}

/**
 * Answers to the device challenges. DEVICE_SRP_AUTH {USERNAME, DEVICE_KEY, SRP_A} → the device's
 * SALT, SRP_B and a SECRET_BLOCK; DEVICE_PASSWORD_VERIFIER (the SRP proof, the device's group key
 * in place of the pool name and its key in place of the username) → `issue()`: the tokens.
 */
export async function respondToDeviceChallenge(
  pool: Pool,
  name: 'DEVICE_SRP_AUTH' | 'DEVICE_PASSWORD_VERIFIER',
  sessionId: string | undefined,
  responses: Record<string, string>,
  issue: (user: User) => Promise<object>,
) {
  const record = takeSession(pool, sessionId, name);
  const user = pool.store.users.get(record.userKey);
  if (!user) throw sessionExpired();
  const device = confirmedDevice(user, record.deviceKey);
  if (responses.DEVICE_KEY !== undefined && responses.DEVICE_KEY !== device.key) throw deviceNotFound();
  const groupKey = (user as User & DeviceHolder).deviceGroupKey ?? '';
  if (name === 'DEVICE_SRP_AUTH') {
    const srpA = responses.SRP_A ?? '';
    if (!/^[0-9a-fA-F]+$/.test(srpA)) throw invalidParameter('SRP_A must be a hexadecimal number.');
    const A = hexToBigInt(srpA);
    if (A % N === 0n || A >= N) throw invalidParameter('SRP_A cannot be zero mod N.');
    const v = hexToBigInt(device.verifier);
    const { b, B } = serverEphemeral(v, A);
    const secretBlock = randomBytes(64).toString('base64');
    const session = randomBytes(48).toString('base64');
    sessionsOf(pool).set(session, {
      ...record,
      stage: 'DEVICE_PASSWORD_VERIFIER',
      A,
      b,
      B,
      v,
      secretBlock,
      expiresAt: Date.now() + pool.config.limits.sessionTtlMs,
    });
    return {
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      Session: session,
      ChallengeParameters: { USERNAME: user.username, DEVICE_KEY: device.key, SALT: device.salt, SRP_B: B.toString(16), SECRET_BLOCK: secretBlock },
    };
  }
  const timestamp = canonicalTimestamp(responses.TIMESTAMP ?? '');
  if (!timestamp) throw invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  const { A, b, B, v, secretBlock } = record as Required<DeviceSrp>;
  if (responses.PASSWORD_CLAIM_SECRET_BLOCK !== secretBlock) throw incorrectPassword();
  const u = computeU(A, B);
  const K = computeK(computeServerS(A, v, u, b), u);
  const expected = computeSignature(K, groupKey, device.key, secretBlock, timestamp);
  if (!signaturesEqual(expected, responses.PASSWORD_CLAIM_SIGNATURE ?? '')) throw incorrectPassword();
  namedDevice.set(user, device.key);
  return issue(user);
}
