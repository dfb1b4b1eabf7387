// What a `users` entry (and createUser()) takes and what createUser() gives back. Types only, and
// free of the pool's internals, so the published declarations need nothing but this package.

/** One user to create; `users.json` holds an array of these. */
export interface SeedUser {
  /** The sign-in name in email-as-username pools (the default); an attribute otherwise. */
  email?: string;
  /** The sign-in name in plain-username pools (`usernameAttributes: []`); defaults to `email` there. */
  username?: string;
  /** A permanent password; it must satisfy the pool's password policy. */
  password: string;
  /** Cognito attributes (`name`, `phone_number`, `custom:tier`, …); values are sent as strings. */
  attributes?: Record<string, string | number | boolean>;
  /** Group names; groups that do not exist yet are created (no precedence, no role). */
  groups?: string[];
  /** Default true: CONFIRMED, with email and phone number verified. false: UNCONFIRMED, no code sent. */
  confirmed?: boolean;
  mfa?: SeedMfa;
}

/**
 * The user's MFA factors. The pool asks for them at sign-in only when its `mfa` setting is
 * OPTIONAL or ON, as Cognito does.
 */
export interface SeedMfa {
  /** A base32 TOTP secret, as an authenticator app holds it: a test computes codes from it (otpauth, RFC 6238). */
  totpSecret?: string;
  /** SMS codes to the user's `phone_number` attribute (required); they land in the mailbox. */
  sms?: boolean;
  /**
   * Email MFA (EMAIL_OTP): codes to the user's email, in the mailbox (kind `email-mfa`). The pool
   * asks for it only when its `mfaFactors` include EMAIL.
   */
  email?: boolean;
  /** Which factor sign-in asks for when the user has several; default SOFTWARE_TOKEN_MFA, then SMS_MFA, then EMAIL_OTP. */
  preferred?: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';
}

/** What createUser() made. */
export interface CreatedUser {
  /** The internal username: the sub in email-as-username pools, the given username otherwise. */
  username: string;
  sub: string;
  /** Every attribute as the pool keeps it (strings, sub included). */
  attributes: Record<string, string>;
  groups: string[];
}
