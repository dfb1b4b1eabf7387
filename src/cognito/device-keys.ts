// This device's keys for a user, in amazon-cognito-identity-js's layout (CognitoUser.cacheDeviceKeyAndPassword):
//   CognitoIdentityServiceProvider.<clientId>.<username>.deviceKey          (region_uuid)
//   CognitoIdentityServiceProvider.<clientId>.<username>.deviceGroupKey
//   CognitoIdentityServiceProvider.<clientId>.<username>.randomPasswordKey  (the device's SRP password)
// Like the SDK's, they outlive sign-out: a remembered device stays remembered for the next sign-in.
import { storageFor } from './token-storage.js';
import type { CognitoConfig } from './types.js';

export interface DeviceKeys {
  deviceKey: string;
  deviceGroupKey: string;
  /** The random password whose SRP verifier the pool keeps for this device. */
  password: string;
}

const prefixOf = (config: CognitoConfig, username: string) => `CognitoIdentityServiceProvider.${config.userPoolClientId}.${username}`;

export function readDeviceKeys(config: CognitoConfig, username: string): DeviceKeys | null {
  const storage = storageFor(config);
  const prefix = prefixOf(config, username);
  const deviceKey = storage.getItem(`${prefix}.deviceKey`);
  const deviceGroupKey = storage.getItem(`${prefix}.deviceGroupKey`);
  const password = storage.getItem(`${prefix}.randomPasswordKey`);
  return deviceKey && deviceGroupKey && password ? { deviceKey, deviceGroupKey, password } : null;
}

export function writeDeviceKeys(config: CognitoConfig, username: string, keys: DeviceKeys): void {
  const storage = storageFor(config);
  const prefix = prefixOf(config, username);
  storage.setItem(`${prefix}.deviceKey`, keys.deviceKey);
  storage.setItem(`${prefix}.deviceGroupKey`, keys.deviceGroupKey);
  storage.setItem(`${prefix}.randomPasswordKey`, keys.password);
}

export function forgetDeviceKeys(config: CognitoConfig, username: string): void {
  const storage = storageFor(config);
  const prefix = prefixOf(config, username);
  for (const name of ['deviceKey', 'deviceGroupKey', 'randomPasswordKey']) storage.removeItem(`${prefix}.${name}`);
}
