// The operation table: X-Amz-Target name → handler.
import type { Input } from '../input.js';
import type { Pool } from '../pool.js';
import {
  adminConfirmSignUp,
  adminCreateUser,
  adminDeleteUser,
  adminGetUser,
  adminResetUserPassword,
  adminSetEnabled,
  adminSetUserPassword,
  adminUpdateUserAttributes,
  adminUserGlobalSignOut,
} from './admin.js';
import { adminInitiateAuth, adminRespondToAuthChallenge } from './admin-auth.js';
import { initiateAuth, respondToAuthChallenge } from './auth.js';
import {
  adminAddUserToGroup,
  adminListGroupsForUser,
  adminRemoveUserFromGroup,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  listUsersInGroup,
  updateGroup,
} from './groups.js';
import {
  adminForgetDevice,
  adminGetDevice,
  adminListDevices,
  adminUpdateDeviceStatus,
  confirmDeviceOperation,
  forgetDeviceOperation,
  getDevice,
  listDevices,
  updateDeviceStatus,
} from './devices.js';
import { listUsers } from './list-users.js';
import { adminGetUserAuthFactors, getUserAuthFactors } from './email-mfa.js';
import { adminSetUserMfaPreference, associateSoftwareToken, setUserMfaPreference, verifySoftwareToken } from './mfa.js';
import { confirmForgotPassword, forgotPassword } from './password.js';
import { completeWebAuthnRegistration, deleteWebAuthnCredential, listWebAuthnCredentials, startWebAuthnRegistration } from './passkeys.js';
import { getTokensFromRefreshToken } from './refresh.js';
import { confirmSignUp, resendConfirmationCode, signUp } from './signup.js';
import {
  changePassword,
  deleteUser,
  deleteUserAttributes,
  getUser,
  getUserAttributeVerificationCode,
  globalSignOut,
  revokeToken,
  updateUserAttributes,
  verifyUserAttribute,
} from './user.js';

export type Operation = (pool: Pool, input: Input) => Promise<object> | object;

export const operations: Record<string, Operation> = {
  SignUp: signUp,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  ForgotPassword: forgotPassword,
  ConfirmForgotPassword: confirmForgotPassword,
  ChangePassword: changePassword,
  GetUser: getUser,
  DeleteUser: deleteUser,
  UpdateUserAttributes: updateUserAttributes,
  DeleteUserAttributes: deleteUserAttributes,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  VerifyUserAttribute: verifyUserAttribute,
  GlobalSignOut: globalSignOut,
  RevokeToken: revokeToken,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  AssociateSoftwareToken: associateSoftwareToken,
  VerifySoftwareToken: verifySoftwareToken,
  SetUserMFAPreference: setUserMfaPreference,
  AdminSetUserMFAPreference: adminSetUserMfaPreference,
  GetUserAuthFactors: getUserAuthFactors,
  AdminGetUserAuthFactors: adminGetUserAuthFactors,
  StartWebAuthnRegistration: startWebAuthnRegistration,
  CompleteWebAuthnRegistration: completeWebAuthnRegistration,
  ListWebAuthnCredentials: listWebAuthnCredentials,
  DeleteWebAuthnCredential: deleteWebAuthnCredential,
  ConfirmDevice: confirmDeviceOperation,
  GetDevice: getDevice,
  ListDevices: listDevices,
  ForgetDevice: forgetDeviceOperation,
  UpdateDeviceStatus: updateDeviceStatus,
  AdminGetDevice: adminGetDevice,
  AdminListDevices: adminListDevices,
  AdminForgetDevice: adminForgetDevice,
  AdminUpdateDeviceStatus: adminUpdateDeviceStatus,
  AdminCreateUser: adminCreateUser,
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminGetUser: adminGetUser,
  AdminSetUserPassword: adminSetUserPassword,
  AdminResetUserPassword: adminResetUserPassword,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  AdminDeleteUser: adminDeleteUser,
  AdminDisableUser: (pool, input) => adminSetEnabled(pool, input, false),
  AdminEnableUser: (pool, input) => adminSetEnabled(pool, input, true),
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  ListUsers: listUsers,
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  CreateGroup: createGroup,
  GetGroup: getGroup,
  ListGroups: listGroups,
  UpdateGroup: updateGroup,
  DeleteGroup: deleteGroup,
  AdminAddUserToGroup: adminAddUserToGroup,
  AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
  AdminListGroupsForUser: adminListGroupsForUser,
  ListUsersInGroup: listUsersInGroup,
};
