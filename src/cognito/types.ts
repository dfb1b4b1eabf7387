// Plain types the client hands out, so nothing outside src/cognito/ sees the wire.

/** Where Cognito sent a code, as Cognito reports it (the destination is masked). */
export interface CodeDelivery {
  destination: string;
  medium: 'EMAIL' | 'SMS';
  attribute: string;
}

/** Everything needed to reach one user pool. */
export interface CognitoConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  /** Another endpoint than https://cognito-idp.<region>.amazonaws.com/ (the local pool). */
  endpoint?: string;
  /** Where tokens are kept (amazon-cognito-identity-js's key layout): localStorage by default. */
  storage?: 'local' | 'session' | 'memory';
  /** Map `a@b.c` to the workshop's `a-at-b.c` usernames. */
  usernameStyle?: 'as-typed' | 'at-to-dash';
  /** The issuer shown in authenticator apps for TOTP set-up (default: `<meta name="application-name">`, else the host name). */
  appName?: string;
  /** Milliseconds one request may take before it fails with a message (default 15 000). */
  timeout?: number;
  /** Seconds before the tokens expire when they are renewed ahead (default 60). */
  refreshMargin?: number;
  /**
   * The hosted UI's domain: `<prefix>.auth.<region>.amazoncognito.com`, a custom domain, or a URL
   * (the local pool serves the domain's paths on its own URL). Needed for provider buttons.
   */
  domain?: string;
  /** Where the hosted UI sends the visitor back (a callback URL of the app client, on this site); default: the page the sign-in started on. */
  redirectSignIn?: string;
  /** Where the domain's /logout sends the visitor after signing out (a sign-out URL of the app client, on this site). */
  redirectSignOut?: string;
  /** OAuth scopes to ask the hosted UI for, space-separated (default `openid email profile aws.cognito.signin.user.admin`). */
  scopes?: string;
  /**
   * Seconds a sign-in counts as recent for sensitive account changes (deleting the account, adding
   * a passkey, changing the email, removing MFA); older ones ask for the password again. Default 900.
   */
  maxAuthAge?: number;
}

/** The signed-in user as the store shows it. Tokens stay with the client. */
export interface SessionUser {
  /** The pool's internal username (a UUID in email-as-username pools). */
  username: string;
  sub: string;
  email: string | null;
  /** The ID token's claims, without the token itself. */
  claims: Record<string, unknown>;
  /** Seconds since the epoch when the ID token expires. */
  expiresAt: number;
}

/** One attribute the sign-up form asks for beyond email and password. */
export interface AttributeField {
  name: string;
  label: string;
  type: 'text' | 'tel' | 'date' | 'email' | 'number' | 'url';
  required: boolean;
  autocomplete?: string;
}

declare const pendingBrand: unique symbol;
/**
 * An unfinished sign-in (a challenge is open). Opaque outside src/cognito/: elements only hand it
 * back to the client's next call.
 */
export interface PendingSignIn {
  readonly username: string;
  readonly [pendingBrand]: true;
}

/** What sign-in returns: done, or a step the user must complete first. */
export type SignInStep =
  | { step: 'done'; user: SessionUser }
  | { step: 'new-password'; pending: PendingSignIn; requiredAttributes: string[] }
  | { step: 'totp'; pending: PendingSignIn }
  | { step: 'sms'; pending: PendingSignIn; destination: string }
  /** Email MFA: a code went to `destination` (masked). */
  | { step: 'email'; pending: PendingSignIn; destination: string }
  | { step: 'totp-setup'; pending: PendingSignIn; secret: string; otpauthUri: string }
  /** Several MFA factors are on and none is preferred: the person picks one (SELECT_MFA_TYPE). */
  | { step: 'select-mfa'; pending: PendingSignIn; factors: MfaFactor[] };

/** A second factor, in our words: an authenticator app, a texted code or an emailed code. */
export type MfaFactor = 'totp' | 'sms' | 'email';

/** A first factor of choice-based sign-in (Cognito's USER_AUTH), in our words. */
export type SignInMethod = 'passkey' | 'email-code' | 'sms-code' | 'password';

/**
 * What choice-based sign-in returns: a SignInStep (done, or a step after the first factor), or a
 * first-factor step: choose a method, type the password, use a passkey, or enter the code sent
 * by email or text.
 */
export type UserAuthStep =
  | SignInStep
  | { step: 'select'; pending: PendingSignIn; methods: SignInMethod[] }
  | { step: 'password'; pending: PendingSignIn }
  | { step: 'passkey'; pending: PendingSignIn }
  | { step: 'email-code'; pending: PendingSignIn; destination: string }
  | { step: 'sms-code'; pending: PendingSignIn; destination: string };

/** A device the pool tracks for the signed-in user (ListDevices). */
export interface RememberedDevice {
  /** Cognito's DeviceKey, for ForgetDevice and UpdateDeviceStatus. */
  key: string;
  /** The name it was confirmed with (`Chrome on macOS`); '' when it has none. */
  name: string;
  /** Remembered: it may sign in without MFA where the pool allows. */
  remembered: boolean;
  createdAt: Date | null;
  /** Its last sign-in (or change, when it never signed in again). */
  lastUsedAt: Date | null;
  /** Whether it is the device this page runs on. */
  current: boolean;
}

/** A passkey registered for the signed-in user (ListWebAuthnCredentials). */
export interface Passkey {
  id: string;
  /** Cognito's generated name (there is no rename). */
  name: string;
  relyingPartyId: string;
  attachment: string | null;
  transports: string[];
  createdAt: Date;
}
