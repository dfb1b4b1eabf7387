// Every event our elements fire: names, detail types, and the global event-map typing that makes
// `document.addEventListener('auth-signed-in', e => e.detail.username)` typed for TypeScript users.
import type { AuthErrorCode } from './cognito/cognito-errors.js';
import type { CodeDelivery, MfaFactor } from './cognito/types.js';

/** Which element's job an event is about. */
export type AuthFlow =
  | 'register'
  | 'verify'
  | 'resend-code'
  | 'signin'
  | 'new-password'
  | 'mfa'
  | 'forgot-password'
  | 'signout'
  | 'hosted-ui'
  | 'fresh-sign-in'
  | 'change-password'
  | 'delete-account'
  | 'devices'
  | 'passkeys'
  | 'account'
  | 'profile'
  | 'mfa-settings';

export interface AuthEventDetails {
  /** A user was registered; a code went to `delivery` unless `confirmed`. */
  'auth-registered': { username: string; email: string; confirmed: boolean; delivery: CodeDelivery | null };
  /** The code was accepted; the user can sign in. */
  'auth-verified': { username: string };
  /** A new code was sent. */
  'auth-code-resent': { username: string; delivery: CodeDelivery | null };
  /** Sign-in finished; the session is in the store. Never carries tokens. */
  'auth-signed-in': {
    username: string;
    email: string | null;
    /** A hosted-UI sign-in's identity provider (`Google`, `SignInWithApple`, …; `COGNITO`: the hosted page's own form); absent for the elements' own sign-in. */
    provider?: string;
  };
  /** Sign-in stopped because the user has not verified their email yet. */
  'auth-verification-required': { username: string };
  /**
   * The user signed out (locally, or everywhere when `global`). `revoked` is false when signing
   * out here could not tell the server (the refresh token stays valid until it expires).
   */
  'auth-signed-out': { global: boolean; revoked: boolean };
  /** A password-reset code was sent. */
  'auth-reset-code-sent': { username: string; delivery: CodeDelivery | null };
  /** The password was reset with the emailed code. */
  'auth-password-reset': { username: string };
  /** The signed-in user changed their password (<auth-change-password>). */
  'auth-password-changed': { username: string };
  /** The signed-in user deleted their account; they are signed out (<auth-delete-account>). */
  'auth-account-deleted': { username: string };
  /** A remembered device was forgotten, or marked remembered or not (<auth-devices>). Its name, not its key. */
  'auth-device-changed': { change: 'forgotten' | 'remembered' | 'not-remembered'; deviceName: string; current: boolean };
  /** A passkey was created and registered for the signed-in user (<auth-passkeys>): its credential id and name. */
  'auth-passkey-added': { id: string; name: string };
  /** One of the signed-in user's passkeys was removed from the account (<auth-passkeys>). */
  'auth-passkey-removed': { id: string; name: string };
  /**
   * The signed-in user changed their attributes (<auth-profile>): the names in place now, and
   * those (email, phone_number) waiting for their code, which keep the old value until then.
   */
  'auth-attributes-updated': { username: string; attributes: string[]; pending: string[] };
  /** The signed-in user's MFA changed (<auth-mfa-settings>): which factor and how, and the settings now. */
  'auth-mfa-changed': { username: string; factor: MfaFactor; change: 'added' | 'removed' | 'preferred'; enabled: MfaFactor[]; preferred: MfaFactor | null };
  /** Something failed; `code` is stable, `message` is for people. */
  'auth-error': { flow: AuthFlow; code: AuthErrorCode; message: string };
}

export type AuthEventName = keyof AuthEventDetails;
export type AuthRegisteredEvent = CustomEvent<AuthEventDetails['auth-registered']>;
export type AuthVerifiedEvent = CustomEvent<AuthEventDetails['auth-verified']>;
export type AuthCodeResentEvent = CustomEvent<AuthEventDetails['auth-code-resent']>;
export type AuthSignedInEvent = CustomEvent<AuthEventDetails['auth-signed-in']>;
export type AuthVerificationRequiredEvent = CustomEvent<AuthEventDetails['auth-verification-required']>;
export type AuthSignedOutEvent = CustomEvent<AuthEventDetails['auth-signed-out']>;
export type AuthResetCodeSentEvent = CustomEvent<AuthEventDetails['auth-reset-code-sent']>;
export type AuthPasswordResetEvent = CustomEvent<AuthEventDetails['auth-password-reset']>;
export type AuthPasswordChangedEvent = CustomEvent<AuthEventDetails['auth-password-changed']>;
export type AuthAccountDeletedEvent = CustomEvent<AuthEventDetails['auth-account-deleted']>;
export type AuthDeviceChangedEvent = CustomEvent<AuthEventDetails['auth-device-changed']>;
export type AuthPasskeyAddedEvent = CustomEvent<AuthEventDetails['auth-passkey-added']>;
export type AuthPasskeyRemovedEvent = CustomEvent<AuthEventDetails['auth-passkey-removed']>;
export type AuthAttributesUpdatedEvent = CustomEvent<AuthEventDetails['auth-attributes-updated']>;
export type AuthMfaChangedEvent = CustomEvent<AuthEventDetails['auth-mfa-changed']>;
export type AuthErrorEvent = CustomEvent<AuthEventDetails['auth-error']>;

declare global {
  interface GlobalEventHandlersEventMap {
    'auth-registered': AuthRegisteredEvent;
    'auth-verified': AuthVerifiedEvent;
    'auth-code-resent': AuthCodeResentEvent;
    'auth-signed-in': AuthSignedInEvent;
    'auth-verification-required': AuthVerificationRequiredEvent;
    'auth-signed-out': AuthSignedOutEvent;
    'auth-reset-code-sent': AuthResetCodeSentEvent;
    'auth-password-reset': AuthPasswordResetEvent;
    'auth-password-changed': AuthPasswordChangedEvent;
    'auth-account-deleted': AuthAccountDeletedEvent;
    'auth-device-changed': AuthDeviceChangedEvent;
    'auth-passkey-added': AuthPasskeyAddedEvent;
    'auth-passkey-removed': AuthPasskeyRemovedEvent;
    'auth-attributes-updated': AuthAttributesUpdatedEvent;
    'auth-mfa-changed': AuthMfaChangedEvent;
    'auth-error': AuthErrorEvent;
  }
}
