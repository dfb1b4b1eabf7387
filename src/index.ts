// The bundle entry: every element (importing it defines every tag) and the public API. A page that
// includes dist/cognito-auth-elements.js needs nothing else; an app that bundles us can import
// only the elements it uses (`cognito-auth-elements/auth-signin.js`) and `cognito-auth-elements/api.js`.
// First of all: a hosted-UI answer in this page's URL is taken out of it before any element renders.
import './session/hosted-ui-callback.js';
import { defineOnDemand } from './shared/define-on-demand.js';
export { AuthRegister } from './elements/auth-register.js';
export { AuthVerify } from './elements/auth-verify.js';
export { AuthSignin, type SigninStepState } from './elements/auth-signin.js';
export { AuthForgotPassword } from './elements/auth-forgot-password.js';
export { AuthSignout } from './elements/auth-signout.js';
export { AuthUser } from './elements/auth-user.js';
export { AuthGate } from './elements/auth-gate.js';
export type { AuthHostedSignin } from './elements/auth-hosted-signin.js';
export type { AuthPasskeys } from './elements/auth-passkeys.js';
export type { AuthChangePassword } from './elements/auth-change-password.js';
export type { AuthDeleteAccount } from './elements/auth-delete-account.js';
export type { AuthDevices } from './elements/auth-devices.js';
export type { AuthAccount } from './elements/auth-account.js';
export type { AuthProfile } from './elements/auth-profile.js';
export type { AuthMfaSettings } from './elements/auth-mfa-settings.js';
export * from './api.js';

// Elements most pages do not show: each loads the first time its tag is in the document.
defineOnDemand({
  'auth-profile': () => import('./elements/auth-profile.js'),
  'auth-mfa-settings': () => import('./elements/auth-mfa-settings.js'),
  'auth-passkeys': () => import('./elements/auth-passkeys.js'),
  'auth-change-password': () => import('./elements/auth-change-password.js'),
  'auth-delete-account': () => import('./elements/auth-delete-account.js'),
  'auth-devices': () => import('./elements/auth-devices.js'),
  'auth-account': () => import('./elements/auth-account.js'),
  'auth-hosted-signin': () => import('./elements/auth-hosted-signin.js'),
});
