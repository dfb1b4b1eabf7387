// The device operations (device tracking, see ../devices.ts): ConfirmDevice, GetDevice, ListDevices,
// ForgetDevice and UpdateDeviceStatus with the user's access token, and their Admin* twins. API
// reference: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html
import { confirmDevice, confirmedDevice, deviceType, forgetDevice, listedDevices, setRemembered } from '../devices.js';
import { invalidParameter } from '../errors.js';
import type { Input } from '../input.js';
import { page } from '../paging.js';
import { checkPoolId, userDoesNotExist, type Pool } from '../pool.js';
import type { User } from '../store.js';
import { authenticate } from './user.js';

function checkTracking(pool: Pool): void {
  if (pool.config.deviceTracking === 'off') throw invalidParameter('Device tracking is not enabled for this user pool.');
}

function adminUser(pool: Pool, input: Input): User {
  checkPoolId(pool, input.string('UserPoolId'));
  const user = pool.store.find(input.string('Username'));
  if (!user) throw userDoesNotExist();
  return user;
}

function devicePage(input: Input, user: User) {
  const { items, next } = page(input, 'PaginationToken', listedDevices(user), (device) => [device.createdAt, device.key]);
  return { Devices: items.map(deviceType), ...(next ? { PaginationToken: next } : {}) };
}

export async function confirmDeviceOperation(pool: Pool, input: Input) {
  checkTracking(pool);
  const user = await authenticate(pool, input);
  const necessary = confirmDevice(pool, user, input.string('DeviceKey'), input.optionalString('DeviceName'), input.body.DeviceSecretVerifierConfig);
  await pool.store.save();
  return { UserConfirmationNecessary: necessary };
}

export async function getDevice(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  return { Device: deviceType(confirmedDevice(user, input.string('DeviceKey'))) };
}

export async function listDevices(pool: Pool, input: Input) {
  return devicePage(input, await authenticate(pool, input));
}

export async function forgetDeviceOperation(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  forgetDevice(user, input.string('DeviceKey'));
  await pool.store.save();
  return {};
}

export async function updateDeviceStatus(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  setRemembered(user, input.string('DeviceKey'), input.optionalString('DeviceRememberedStatus') ?? '');
  await pool.store.save();
  return {};
}

export function adminGetDevice(pool: Pool, input: Input) {
  return { Device: deviceType(confirmedDevice(adminUser(pool, input), input.string('DeviceKey'))) };
}

export function adminListDevices(pool: Pool, input: Input) {
  return devicePage(input, adminUser(pool, input));
}

export async function adminForgetDevice(pool: Pool, input: Input) {
  forgetDevice(adminUser(pool, input), input.string('DeviceKey'));
  await pool.store.save();
  return {};
}

export async function adminUpdateDeviceStatus(pool: Pool, input: Input) {
  setRemembered(adminUser(pool, input), input.string('DeviceKey'), input.optionalString('DeviceRememberedStatus') ?? '');
  await pool.store.save();
  return {};
}
