// Remembered devices (Cognito's device tracking): confirming this device after a sign-in that
// returned NewDeviceMetadata, proving it at the next sign-in (DEVICE_SRP_AUTH), and the signed-in
// user's list: ListDevices, ForgetDevice, UpdateDeviceStatus. Loaded on first use.
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
import { signedInTokens } from './signed-in-tokens.js';
import { toAuthError } from './cognito-errors.js';
import { forgetDeviceKeys, readDeviceKeys, writeDeviceKeys } from './device-keys.js';
import { deviceName } from './device-name.js';
import { deviceVerifier } from './device-verifier.js';
import { malformed, respond } from './next-step.js';
import { request, type ChallengeAnswer } from './request.js';
import { takeEphemeral } from './srp/ephemeral.js';
import { answerPasswordVerifier } from './srp/srp-client.js';
import type { CognitoConfig, RememberedDevice } from './types.js';

/**
 * ConfirmDevice for the device a sign-in just created, keeping its keys and password here so the
 * next sign-in can prove it. Resolves to whether the pool waits for the user to choose to remember
 * it (device tracking "user opt-in"): then it is tracked but not remembered until they do.
 */
export async function confirmNewDevice(
  config: CognitoConfig,
  username: string,
  accessToken: string,
  metadata: { DeviceKey?: string; DeviceGroupKey?: string },
): Promise<{ userConfirmationNecessary: boolean }> {
  const { DeviceKey: deviceKey, DeviceGroupKey: deviceGroupKey } = metadata;
  if (!deviceKey || !deviceGroupKey) throw malformed('NewDeviceMetadata without its keys');
  const { password, salt, verifier } = await deviceVerifier(deviceGroupKey, deviceKey);
  const answer = await request(config, 'ConfirmDevice', {
    AccessToken: accessToken,
    DeviceKey: deviceKey,
    DeviceName: deviceName(),
    DeviceSecretVerifierConfig: { Salt: salt, PasswordVerifier: verifier },
  });
  writeDeviceKeys(config, username, { deviceKey, deviceGroupKey, password });
  return { userConfirmationNecessary: answer.UserConfirmationNecessary === true };
}

/**
 * Answers DEVICE_SRP_AUTH (the pool asks a remembered device to prove itself, in place of MFA):
 * SRP with the device's group key, key and password, then DEVICE_PASSWORD_VERIFIER. Resolves to
 * Cognito's next answer (tokens, normally).
 */
export async function answerDeviceChallenge(config: CognitoConfig, username: string, session: string | undefined): Promise<ChallengeAnswer> {
  const keys = readDeviceKeys(config, username);
  if (!keys) throw malformed('DEVICE_SRP_AUTH for a device without keys');
  const srp = await takeEphemeral();
  const challenge = await respond(config, 'DEVICE_SRP_AUTH', session, { USERNAME: username, DEVICE_KEY: keys.deviceKey, SRP_A: srp.A.toString(16) });
  const { SRP_B: srpB, SALT: salt, SECRET_BLOCK: secretBlock } = challenge.ChallengeParameters ?? {};
  if (challenge.ChallengeName !== 'DEVICE_PASSWORD_VERIFIER' || !srpB || !salt || !secretBlock) throw malformed('incomplete DEVICE_PASSWORD_VERIFIER');
  const { timestamp, signature } = await answerPasswordVerifier({
    a: srp.a,
    A: srp.A,
    poolName: keys.deviceGroupKey,
    userId: keys.deviceKey,
    password: keys.password,
    srpB,
    salt,
    secretBlock,
    now: new Date(),
  });
  return respond(config, 'DEVICE_PASSWORD_VERIFIER', challenge.Session, {
    USERNAME: username,
    PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: signature,
    DEVICE_KEY: keys.deviceKey,
  });
}

/** Seconds since the epoch (Cognito's JSON dates) → a Date, or null when absent. */
const dateOf = (seconds: unknown) => (typeof seconds === 'number' && seconds > 0 ? new Date(seconds * 1000) : null);

/** The signed-in user's tracked devices, every page of them, this device first. */
export async function listDevices(config: CognitoConfig): Promise<RememberedDevice[]> {
  try {
    const { accessToken, username } = await signedInTokens(config);
    const current = readDeviceKeys(config, username)?.deviceKey;
    const devices: RememberedDevice[] = [];
    let next: string | undefined;
    do {
      const page = await request(config, 'ListDevices', { AccessToken: accessToken, Limit: 60, ...(next ? { PaginationToken: next } : {}) }, { retries: 2 });
      for (const device of page.Devices ?? []) {
        const attributes = new Map((device.DeviceAttributes ?? []).map(({ Name, Value }) => [Name, Value]));
        devices.push({
          key: device.DeviceKey ?? '',
          name: attributes.get('device_name') || '',
          remembered: attributes.get('dev:device_remembered_status') === 'remembered',
          createdAt: dateOf(device.DeviceCreateDate),
          lastUsedAt: dateOf(device.DeviceLastAuthenticatedDate) ?? dateOf(device.DeviceLastModifiedDate),
          current: device.DeviceKey === current,
        });
      }
      next = page.PaginationToken;
    } while (next);
    return devices.sort((a, b) => Number(b.current) - Number(a.current));
  } catch (err) {
    throw toAuthError(err, 'devices');
  }
}

/** ForgetDevice: the device is no longer tracked (its next sign-in is a new device); this one's keys go too. */
export async function forgetDevice(config: CognitoConfig, deviceKey: string): Promise<void> {
  try {
    const { accessToken, username } = await signedInTokens(config);
    await request(config, 'ForgetDevice', { AccessToken: accessToken, DeviceKey: deviceKey });
    if (readDeviceKeys(config, username)?.deviceKey === deviceKey) forgetDeviceKeys(config, username);
  } catch (err) {
    throw toAuthError(err, 'devices');
  }
}

/** UpdateDeviceStatus: remembered (it may skip MFA, where the pool allows) or not. */
export async function setDeviceRemembered(config: CognitoConfig, deviceKey: string, remembered: boolean): Promise<void> {
  try {
    const { accessToken } = await signedInTokens(config);
    await request(config, 'UpdateDeviceStatus', {
      AccessToken: accessToken,
      DeviceKey: deviceKey,
      DeviceRememberedStatus: remembered ? 'remembered' : 'not_remembered',
    });
  } catch (err) {
    throw toAuthError(err, 'devices');
  }
}
