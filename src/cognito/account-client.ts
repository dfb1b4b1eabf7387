// The signed-in user's own account, for the account page's elements (<auth-account> and those it
// composes) and the passkey offer after sign-in: a facade of its own beside cognito-client.ts, so
// the drop-in file's first download carries none of it. Every module it gathers comes with the
// first account element a page shows. One object, so tests can spy on a call.
import { getUserAuthFactors } from './auth-factors.js';
import { changePassword } from './change-password.js';
import { deleteUser } from './delete-user.js';
import { forgetDevice, listDevices, setDeviceRemembered } from './devices.js';
import { finishTotpSetup, setMfaPreference, startTotpSetup } from './mfa-preference.js';
import { deletePasskey, listPasskeys, registerPasskey } from './passkeys.js';
import { secondsSinceSignIn } from './sign-in-age.js';
import { getUserDetails, sendAttributeCode, updateUserAttributes, verifyUserAttribute } from './user-attributes.js';

export const account = {
  /** Seconds since the signed-in user last signed in (the tokens' `auth_time`, on the pool's clock); null when unknown. */
  secondsSinceSignIn,
  /** The signed-in user's configured sign-in factors and MFA (GetUserAuthFactors). */
  getUserAuthFactors,

  /** ChangePassword for the signed-in user. */
  changePassword,
  /** DeleteUser: deletes the signed-in user's account and forgets its tokens and device keys here. */
  deleteUser,

  // The signed-in user's attributes (a new email or phone number verified with a code).
  getUserDetails,
  updateUserAttributes,
  sendAttributeCode,
  verifyUserAttribute,

  // MFA: the factors on or off, the preferred one, an authenticator app added.
  setMfaPreference,
  startTotpSetup,
  finishTotpSetup,

  // The signed-in user's passkeys.
  registerPasskey,
  listPasskeys,
  deletePasskey,

  // The signed-in user's tracked devices (device tracking).
  listDevices,
  forgetDevice,
  setDeviceRemembered,
};
