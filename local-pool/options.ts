import { normaliseOrigin, type AccessRules } from './access.js';
import {
  DEFAULT_AUTH_FLOWS,
  EXPLICIT_AUTH_FLOWS,
  FIRST_AUTH_FACTORS,
  MFA_FACTORS,
  checkedList,
  type ExplicitAuthFlow,
  type FirstAuthFactor,
  type MfaFactor,
} from './auth-factors.js';
import { DEVICE_TRACKING, type DeviceTracking } from './device-tracking.js';
import { defaultPasswordPolicy, type PasswordPolicy } from './policy.js';
import { hostedUiConfig, type HostedUiConfig } from './oauth/hosted-ui-config.js';
import type { SeedUser } from './seed-user.js';
import { AttributeSchema, parseCustomAttributes, type SchemaAttribute } from './schema.js';

export type MfaSetting = 'OFF' | 'OPTIONAL' | 'ON';

/** Whether passkeys must verify the user (PIN, biometrics) or only should. */
export type UserVerification = 'required' | 'preferred';

/** Passkeys' relying party. `origins` null: any origin on the RP id (see LocalPoolOptions.webauthnOrigins). */
export interface WebAuthnConfig {
  rpId: string;
  origins: string[] | null;
  userVerification: UserVerification;
}

/**
 * The `iss` of the tokens. 'local' (default): the pool's own URL + pool id, where OIDC tooling
 * finds the discovery document and keys. 'cognito': Cognito's own,
 * `https://cognito-idp.<region>.amazonaws.com/<poolId>`, which aws-jwt-verify's CognitoJwtVerifier
 * requires (it derives the issuer from the pool id); the keys stay at the pool's jwksUrl.
 */
export type IssuerKind = 'local' | 'cognito';

/**
 * How unknown users are reported (protocol §6.4). 'ENABLED' (default, as new Cognito app clients):
 * hidden everywhere (sign-in says "Incorrect username or password." after a simulated SRP
 * challenge, ForgotPassword and ResendConfirmationCode answer a simulated CodeDeliveryDetails,
 * ConfirmSignUp and ConfirmForgotPassword CodeMismatchException). 'SIGN_IN': hidden at sign-in
 * only, other operations answer UserNotFoundException. 'LEGACY': revealed everywhere, sign-in
 * included ("User does not exist.").
 */
export type UserExistenceErrors = 'SIGN_IN' | 'ENABLED' | 'LEGACY';

/**
 * The app client's refresh token rotation (Cognito's RefreshTokenRotation with Feature ENABLED).
 * GetTokensFromRefreshToken then also returns a new refresh token, and the one sent stays usable
 * for `retryGracePeriodSeconds` (0-60; 0 = not even once more) so a client can retry a refresh
 * whose answer it lost.
 */
export interface RefreshTokenRotation {
  retryGracePeriodSeconds: number;
}

/** Time limits and thresholds; tests shrink them. Milliseconds unless the name says seconds. */
export interface Limits {
  /** Sign-in failures before the first lockout (§6.3). */
  lockoutThreshold: number;
  /** First lockout length; it doubles with each further failure. */
  lockoutBaseMs: number;
  /** Longest lockout, and the quiet time after which the failure count resets. */
  lockoutMaxMs: number;
  /** Consecutive wrong codes (or previous passwords) per user and purpose before LimitExceeded. */
  codeAttemptLimit: number;
  /** How long LimitExceededException lasts after that. */
  codeLockoutMs: number;
  signUpCodeTtlMs: number;
  forgotPasswordCodeTtlMs: number;
  /** USER_AUTH's EMAIL_OTP / SMS_OTP codes and email MFA codes (AWS: valid for the sign-in session, 3 min). */
  signInCodeTtlMs: number;
  /** Challenge sessions and SRP state (AuthSessionValidity, 3 min). */
  sessionTtlMs: number;
  temporaryPasswordTtlMs: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long a passkey challenge (registration or sign-in) can be answered; also its `timeout`. */
  webAuthnChallengeTtlMs: number;
  /** An /oauth2/authorize code's life (AWS: five minutes). */
  authorizationCodeTtlMs: number;
  /** The hosted UI's session cookie: a second /oauth2/authorize within it signs in without /login (AWS: one hour). */
  hostedUiSessionTtlMs: number;
}

export const defaultLimits: Limits = {
  lockoutThreshold: 5,
  lockoutBaseMs: 1000,
  lockoutMaxMs: 15 * 60_000,
  codeAttemptLimit: 5,
  codeLockoutMs: 15 * 60_000,
  signUpCodeTtlMs: 24 * 3600_000,
  forgotPasswordCodeTtlMs: 3600_000,
  signInCodeTtlMs: 3 * 60_000,
  sessionTtlMs: 3 * 60_000,
  temporaryPasswordTtlMs: 7 * 24 * 3600_000,
  accessTokenTtlSeconds: 3600,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  webAuthnChallengeTtlMs: 3 * 60_000,
  authorizationCodeTtlMs: 5 * 60_000,
  hostedUiSessionTtlMs: 3600_000,
};

export interface LocalPoolOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 'us-east-1_LocalPool1' (region = the part before '_'). */
  poolId?: string;
  /** Default 'localpoolclient0000000000'. */
  clientId?: string;
  /** Default 'local'; see IssuerKind. */
  issuer?: IssuerKind;
  /**
   * Origins (`https://app.example.test:8443`) whose pages may call the pool, besides loopback
   * ones (http(s)://localhost, 127.0.0.1, [::1], *.localhost, any port), which always may.
   */
  corsOrigins?: string[];
  /** Host names the pool answers to besides loopback ones and the address it is bound to (DNS rebinding guard). */
  allowedHosts?: string[];
  /**
   * Origins whose pages may call the /_local/ controls and the Admin operations (a test runner's
   * page, a mailbox page). Without it only programs (no Origin header) and the pool's own origin may.
   */
  browserAdminOrigins?: string[];
  /** Persist users and keys here (temp file + fsync + rename before a write is acknowledged). */
  dataFile?: string;
  passwordPolicy?: Partial<PasswordPolicy>;
  /** Default ['email'] (email-as-username pool); [] = plain usernames. */
  usernameAttributes?: 'email'[];
  /** Default ['email']. */
  requiredAttributes?: string[];
  /**
   * The custom attributes the pool's schema declares (default none: any `custom:*` is refused, as
   * Cognito refuses attributes its schema lacks). Either the CLI form,
   * `'company:string,tier:number:mutable:1..5'` (see parseCustomAttributes), or Cognito's
   * SchemaAttributeType list (`[{ Name: 'company', AttributeDataType: 'String', Mutable: true }]`).
   * Custom attributes are immutable (settable at creation only) unless declared mutable.
   */
  customAttributes?: string | SchemaAttribute[];
  /**
   * The attributes whose new value waits for its code before it replaces the old one (Cognito's
   * UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate): 'email',
   * 'phone_number'. Default ['email'], as new pools in the console; [] = a change applies at
   * once and is unverified until its code is entered.
   */
  verifyBeforeUpdate?: ('email' | 'phone_number')[];
  /**
   * Device tracking (Cognito's DeviceConfiguration): 'off' (default), 'always' (a confirmed device
   * is remembered), 'user-opt-in' (remembered once the user chooses, UpdateDeviceStatus). Sign-ins
   * then return NewDeviceMetadata, ConfirmDevice and the device operations work, and a remembered
   * device's sign-in answers DEVICE_SRP_AUTH instead of MFA.
   */
  deviceTracking?: DeviceTracking;
  /** Default 'OFF'. */
  mfa?: MfaSetting;
  /**
   * The MFA factors the pool offers: 'TOTP', 'SMS', 'EMAIL' (default TOTP and SMS). With EMAIL,
   * users may turn on email MFA (EMAIL_OTP), MFA_SETUP offers it, and a user with several MFA
   * factors and none preferred gets SELECT_MFA_TYPE.
   */
  mfaFactors?: MfaFactor[];
  /**
   * The app client's ExplicitAuthFlows, Cognito's names: ALLOW_USER_AUTH, ALLOW_USER_SRP_AUTH,
   * ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH,
   * ALLOW_CUSTOM_AUTH. Default: all but ALLOW_CUSTOM_AUTH.
   */
  explicitAuthFlows?: ExplicitAuthFlow[];
  /**
   * The first factors USER_AUTH offers (the pool's SignInPolicy.AllowedFirstAuthFactors): 'PASSWORD',
   * 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'. Default ['PASSWORD']. With a passwordless one, SignUp
   * takes no password.
   */
  firstAuthFactors?: FirstAuthFactor[];
  /** Default 'ENABLED'; see UserExistenceErrors. */
  preventUserExistenceErrors?: UserExistenceErrors;
  /** Absent: no rotation (refresh returns only ID and access tokens, as today's default clients). */
  refreshTokenRotation?: RefreshTokenRotation;
  /** Passkeys' relying party id (Cognito's WebAuthnConfiguration.RelyingPartyId). Default 'localhost'. */
  webauthnRpId?: string;
  /**
   * The origins whose passkey registrations and assertions the pool accepts, e.g.
   * `['http://localhost:8000']`. Default: any origin on the relying party id or a subdomain of it,
   * any port, https, or http for localhost names (a dev tool cannot know the site's port; Cognito
   * derives the allowed origins from its RP id and domain instead).
   */
  webauthnOrigins?: string[];
  /** Cognito's WebAuthnConfiguration.UserVerification. Default 'preferred'. */
  webauthnUserVerification?: UserVerification;
  /**
   * The app client's callback URLs (Cognito's CallbackURLs): the only `redirect_uri` values the
   * hosted UI (/oauth2/authorize, /login) sends codes and tokens to, matched exactly. Default none.
   */
  callbackUrls?: string[];
  /** The app client's sign-out URLs (LogoutURLs): the only `logout_uri` values /logout returns to. */
  logoutUrls?: string[];
  /**
   * Federated identity providers the hosted UI emulates with a local stand-in page: 'Google',
   * 'SignInWithApple', 'Facebook', 'LoginWithAmazon', and 'Name:oidc' / 'Name:saml' for OIDC and
   * SAML providers; a string is the CLI's comma list.
   */
  federated?: string | string[];
  limits?: Partial<Limits>;
  /** Largest request body in bytes (default 1 MiB); larger ones get a 400. */
  maxBodyBytes?: number;
  /** No console output (no banner, no codes). */
  quiet?: boolean;
  /**
   * Users the pool starts with: an array, or the path of a JSON file holding one. Only users it
   * does not have yet are created (with a data file, a restart leaves earlier ones as they are);
   * reset() brings them back. See SeedUser.
   */
  users?: string | SeedUser[];
}

export interface PoolConfig {
  poolId: string;
  poolName: string;
  region: string;
  clientId: string;
  issuer: IssuerKind;
  access: AccessRules;
  dataFile: string | null;
  passwordPolicy: PasswordPolicy;
  emailAsUsername: boolean;
  requiredAttributes: string[];
  schema: AttributeSchema;
  verifyBeforeUpdate: ('email' | 'phone_number')[];
  deviceTracking: DeviceTracking;
  mfa: MfaSetting;
  mfaFactors: MfaFactor[];
  explicitAuthFlows: ExplicitAuthFlow[];
  firstAuthFactors: FirstAuthFactor[];
  existenceErrors: UserExistenceErrors;
  /** null: rotation disabled. */
  refreshTokenRotation: RefreshTokenRotation | null;
  webauthn: WebAuthnConfig;
  /** The hosted UI (OAuth 2.0 endpoints): callback and sign-out URLs, federated providers. */
  hostedUi: HostedUiConfig;
  limits: Limits;
  maxBodyBytes: number;
  quiet: boolean;
}

const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
/** The pool ids aws-jwt-verify's CognitoJwtVerifier accepts (its USER_POOL_ID_REGEX). */
const AWS_POOL_ID = /^(?:eusc-[a-z]{2}|[a-z]{2})-(gov-)?[a-z]+-\d_[a-zA-Z0-9]+$/;

function origins(name: string, list: string[] | undefined): string[] {
  return (list ?? []).map((text) => {
    const origin = normaliseOrigin(text);
    if (!origin) throw new Error(`${name}: "${text}" is not an origin (scheme://host[:port], no path), e.g. https://app.example.test:8443`);
    return origin;
  });
}

function hostNames(list: string[] | undefined): string[] {
  return (list ?? []).map((text) => {
    if (!/^(\[[0-9a-fA-F:.]+\]|[\w.-]+)$/.test(text)) {
      throw new Error(`allowedHosts: "${text}" is not a host name (no scheme, no port), e.g. pool.example.test`);
    }
    return text.toLowerCase();
  });
}

const RP_ID = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** The relying party, checked as a browser would: each listed origin must be on the RP id. */
function webAuthnConfig(options: LocalPoolOptions): WebAuthnConfig {
  const rpId = (options.webauthnRpId ?? 'localhost').toLowerCase();
  if (!RP_ID.test(rpId)) throw new Error(`webauthnRpId: "${rpId}" is not a domain name (no scheme, no port), e.g. localhost or app.example.test`);
  const userVerification = options.webauthnUserVerification ?? 'preferred';
  if (userVerification !== 'required' && userVerification !== 'preferred') {
    throw new Error(`webauthnUserVerification must be required or preferred, not "${String(userVerification)}"`);
  }
  const listed = options.webauthnOrigins === undefined ? null : origins('webauthnOrigins', options.webauthnOrigins);
  for (const origin of listed ?? []) {
    const host = origin === 'null' ? '' : new URL(origin).hostname;
    if (host !== rpId && !host.endsWith(`.${rpId}`)) {
      throw new Error(`webauthnOrigins: ${origin} is not on the relying party ${rpId}; browsers refuse passkeys for an RP id the page is not on`);
    }
  }
  return { rpId, origins: listed, userVerification };
}

function firstFactors(list: string[] | undefined): FirstAuthFactor[] {
  const factors = checkedList('firstAuthFactors', list ?? ['PASSWORD'], FIRST_AUTH_FACTORS);
  // Cognito requires PASSWORD or another factor; an empty policy would leave no way to sign in.
  if (factors.length === 0) throw new Error('firstAuthFactors: name at least one of PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN');
  return factors;
}

function deviceTracking(value: string | undefined): DeviceTracking {
  if (value === undefined) return 'off';
  if (!(DEVICE_TRACKING as readonly string[]).includes(value)) throw new Error(`deviceTracking: unknown "${value}" (use ${DEVICE_TRACKING.join(', ')})`);
  return value as DeviceTracking;
}

function verifiedAttributes(list: string[] | undefined): ('email' | 'phone_number')[] {
  const names = (list ?? ['email']).map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (name !== 'email' && name !== 'phone_number') throw new Error(`verifyBeforeUpdate: unknown "${name}" (use email, phone_number)`);
  }
  return [...new Set(names)] as ('email' | 'phone_number')[];
}

export function resolveConfig(options: LocalPoolOptions): PoolConfig {
  const poolId = options.poolId ?? 'us-east-1_LocalPool1';
  if (!POOL_ID.test(poolId) || poolId.length > 55) {
    throw new Error(`pool id "${poolId}" must look like <region>_<alphanumerics> (the SDK refuses others)`);
  }
  const issuer = options.issuer ?? 'local';
  if (issuer !== 'local' && issuer !== 'cognito') throw new Error(`issuer must be local or cognito, not "${String(issuer)}"`);
  if (issuer === 'cognito' && !AWS_POOL_ID.test(poolId)) {
    throw new Error(`issuer cognito needs a pool id that starts with an AWS region, as Cognito's do (e.g. us-east-1_Abc123), not "${poolId}"`);
  }
  const mfa = options.mfa ?? 'OFF';
  if (!['OFF', 'OPTIONAL', 'ON'].includes(mfa)) throw new Error(`mfa must be OFF, OPTIONAL or ON, not "${mfa}"`);
  const existenceErrors = options.preventUserExistenceErrors ?? 'ENABLED';
  if (!['SIGN_IN', 'ENABLED', 'LEGACY'].includes(existenceErrors)) {
    throw new Error(`preventUserExistenceErrors must be SIGN_IN, ENABLED or LEGACY, not "${existenceErrors}"`);
  }
  const rotation = options.refreshTokenRotation ?? null;
  if (rotation) {
    const grace = rotation.retryGracePeriodSeconds;
    // Cognito's valid range for RetryGracePeriodSeconds.
    if (!Number.isInteger(grace) || grace < 0 || grace > 60) {
      throw new Error(`refreshTokenRotation.retryGracePeriodSeconds must be a whole number of seconds from 0 to 60, not "${grace}"`);
    }
  }
  return {
    poolId,
    poolName: poolId.slice(poolId.indexOf('_') + 1),
    region: poolId.slice(0, poolId.indexOf('_')),
    clientId: options.clientId ?? 'localpoolclient0000000000',
    issuer,
    access: {
      corsOrigins: origins('corsOrigins', options.corsOrigins),
      allowedHosts: hostNames(options.allowedHosts),
      browserAdminOrigins: origins('browserAdminOrigins', options.browserAdminOrigins),
    },
    dataFile: options.dataFile ?? null,
    passwordPolicy: { ...defaultPasswordPolicy, ...options.passwordPolicy },
    emailAsUsername: (options.usernameAttributes ?? ['email']).includes('email'),
    requiredAttributes: options.requiredAttributes ?? ['email'],
    schema: new AttributeSchema(typeof options.customAttributes === 'string' ? parseCustomAttributes(options.customAttributes) : options.customAttributes),
    verifyBeforeUpdate: verifiedAttributes(options.verifyBeforeUpdate),
    deviceTracking: deviceTracking(options.deviceTracking),
    mfa,
    mfaFactors: checkedList('mfaFactors', options.mfaFactors ?? ['TOTP', 'SMS'], MFA_FACTORS),
    explicitAuthFlows: checkedList('explicitAuthFlows', options.explicitAuthFlows ?? DEFAULT_AUTH_FLOWS, EXPLICIT_AUTH_FLOWS),
    firstAuthFactors: firstFactors(options.firstAuthFactors),
    existenceErrors,
    refreshTokenRotation: rotation && { retryGracePeriodSeconds: rotation.retryGracePeriodSeconds },
    webauthn: webAuthnConfig(options),
    hostedUi: hostedUiConfig(options),
    limits: { ...defaultLimits, ...options.limits },
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    quiet: options.quiet ?? false,
  };
}
