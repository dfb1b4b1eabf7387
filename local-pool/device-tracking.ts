// The device-tracking setting on its own, so the pool's options (and their published types) do
// not reach the device store and, through it, jose's types.
/**
 * The pool's DeviceConfiguration, by its CLI name: 'off' (no tracking, the default); 'always'
 * (every confirmed device is remembered: DeviceOnlyRememberedOnUserPrompt false); 'user-opt-in'
 * (a confirmed device is tracked but remembered only once the user says so with
 * UpdateDeviceStatus: DeviceOnlyRememberedOnUserPrompt true, ConfirmDevice answers
 * UserConfirmationNecessary true).
 */
export type DeviceTracking = 'off' | 'always' | 'user-opt-in';
export const DEVICE_TRACKING: readonly DeviceTracking[] = ['off', 'always', 'user-opt-in'];
