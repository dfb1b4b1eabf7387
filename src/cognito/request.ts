// The wire: one typed POST per Cognito operation. Cognito's user-pool API is JSON over HTTP, named
// by the X-Amz-Target header; errors come back as a 4xx/5xx with `{"__type", "message"}` (see the
// "Common Errors" and each operation's page in the Amazon Cognito user pools API reference).
// Every request settles: answered, refused, or timed out, never left hanging.
import { AuthError, toAuthError, transientCodes } from './cognito-errors.js';
import { authErrorMessage } from './error-messages.js';
import type { CognitoConfig } from './types.js';

/** The operations our client sends, with the output fields it reads. */
export interface Operations {
  SignUp: { UserConfirmed?: boolean; UserSub?: string; CodeDeliveryDetails?: DeliveryDetails; Session?: string };
  ConfirmSignUp: { Session?: string };
  ResendConfirmationCode: { CodeDeliveryDetails?: DeliveryDetails };
  InitiateAuth: ChallengeAnswer;
  RespondToAuthChallenge: ChallengeAnswer;
  AssociateSoftwareToken: { SecretCode?: string; Session?: string };
  VerifySoftwareToken: { Status?: string; Session?: string };
  ForgotPassword: { CodeDeliveryDetails?: DeliveryDetails };
  ConfirmForgotPassword: Record<string, never>;
  GetTokensFromRefreshToken: { AuthenticationResult?: AuthenticationResult };
  RevokeToken: Record<string, never>;
  GlobalSignOut: Record<string, never>;
  StartWebAuthnRegistration: { CredentialCreationOptions?: PublicKeyCredentialCreationOptionsJSON };
  CompleteWebAuthnRegistration: Record<string, never>;
  ListWebAuthnCredentials: { Credentials?: WebAuthnCredentialDescription[]; NextToken?: string };
  DeleteWebAuthnCredential: Record<string, never>;
  ChangePassword: Record<string, never>;
  DeleteUser: Record<string, never>;
  ConfirmDevice: { UserConfirmationNecessary?: boolean };
  ListDevices: { Devices?: DeviceDescription[]; PaginationToken?: string };
  ForgetDevice: Record<string, never>;
  UpdateDeviceStatus: Record<string, never>;
  GetUserAuthFactors: { ConfiguredUserAuthFactors?: string[]; UserMFASettingList?: string[]; PreferredMfaSetting?: string };
  GetUser: { Username?: string; UserAttributes?: { Name?: string; Value?: string }[]; UserMFASettingList?: string[]; PreferredMfaSetting?: string };
  UpdateUserAttributes: { CodeDeliveryDetailsList?: DeliveryDetails[] };
  DeleteUserAttributes: Record<string, never>;
  GetUserAttributeVerificationCode: { CodeDeliveryDetails?: DeliveryDetails };
  VerifyUserAttribute: Record<string, never>;
  SetUserMFAPreference: Record<string, never>;
}

/** One device in ListDevices (dates in seconds since the epoch). */
export interface DeviceDescription {
  DeviceKey?: string;
  DeviceAttributes?: { Name?: string; Value?: string }[];
  DeviceCreateDate?: number;
  DeviceLastModifiedDate?: number;
  DeviceLastAuthenticatedDate?: number;
}

/** One passkey in ListWebAuthnCredentials. */
export interface WebAuthnCredentialDescription {
  CredentialId?: string;
  FriendlyCredentialName?: string;
  RelyingPartyId?: string;
  AuthenticatorAttachment?: string;
  AuthenticatorTransports?: string[];
  /** Seconds since the epoch. */
  CreatedAt?: number;
}
export type Operation = keyof Operations;

export interface DeliveryDetails {
  Destination?: string;
  DeliveryMedium?: string;
  AttributeName?: string;
}

export interface AuthenticationResult {
  IdToken?: string;
  AccessToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
  /** With device tracking: the device this sign-in created, to be confirmed (ConfirmDevice). */
  NewDeviceMetadata?: { DeviceKey?: string; DeviceGroupKey?: string };
}

/** InitiateAuth and RespondToAuthChallenge: tokens, or the next challenge. */
export interface ChallengeAnswer {
  ChallengeName?: string;
  Session?: string;
  /** SELECT_CHALLENGE (USER_AUTH): the first factors on offer for this user. */
  AvailableChallenges?: string[];
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: AuthenticationResult;
}

/** Cognito's own error, kept as the `cause` of the AuthError we throw. */
export interface CognitoServiceError {
  /** The exception name (`NotAuthorizedException`), or `HTTP <status>` when the answer named none. */
  name: string;
  message: string;
  statusCode: number;
}

export interface RequestOptions {
  /**
   * Extra attempts after a transient failure (network, timeout, 5xx, throttling). Default 0: only
   * background calls whose repeat is harmless ask for retries. A form's submit never retries on
   * its own (one request per submit; the person sees the message and retries), and a sign-up is
   * never sent twice.
   */
  retries?: number;
  /**
   * Let the request outlive the page (fetch's `keepalive`): for a revocation sent as the page
   * is left (a gate redirects the moment the tokens are gone). Small bodies only.
   */
  keepalive?: boolean;
}

/** How long one attempt may take before it counts as failed. */
export const defaultTimeoutMs = 15_000;

const endpointOf = (config: CognitoConfig) => config.endpoint || `https://cognito-idp.${config.region}.amazonaws.com/`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error name as Cognito's clients read it: `__type`, then `code`, then the header; `prefix#Name` and `Name:details` trimmed. */
function errorName(body: Record<string, unknown>, response: Response): string {
  const raw = [body.__type, body.code, response.headers.get('x-amzn-errortype')].find((value): value is string => typeof value === 'string' && value !== '');
  return raw ? raw.split('#').pop()!.split(':')[0].trim() : '';
}

async function attempt(config: CognitoConfig, operation: Operation, input: object, keepalive = false): Promise<unknown> {
  const controller = new AbortController();
  const timeoutMs = config.timeout ?? defaultTimeoutMs;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(endpointOf(config), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(input),
      signal: controller.signal,
      keepalive,
    });
    text = await response.text();
  } catch (err) {
    // A refused connection, DNS, CORS or a dropped socket all look alike from a page.
    if (controller.signal.aborted) throw new AuthError('timeout', authErrorMessage('timeout'), err);
    throw new AuthError('network', authErrorMessage('network'), err);
  } finally {
    clearTimeout(timer);
  }

  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status decides below.
  }
  if (response.ok) return body;
  const name = errorName(body, response);
  const message = [body.message, body.Message].find((value) => typeof value === 'string') ?? response.statusText;
  const cause: CognitoServiceError = { name: name || `HTTP ${response.status}`, message, statusCode: response.status };
  // No error name at all: not Cognito answering (a proxy's or CDN's error page, a wrong endpoint).
  throw name ? toAuthError(cause) : new AuthError('server', authErrorMessage('server'), cause);
}

/**
 * Sends one Cognito operation and resolves to its output, or throws an AuthError with our code
 * (the service's error in `cause`). Retries only as `options.retries` allows, with backoff.
 */
export async function request<O extends Operation>(config: CognitoConfig, operation: O, input: object, options: RequestOptions = {}): Promise<Operations[O]> {
  const retries = options.retries ?? 0;
  for (let tries = 0; ; tries++) {
    try {
      return (await attempt(config, operation, input, options.keepalive)) as Operations[O];
    } catch (err) {
      if (tries >= retries || !(err instanceof AuthError) || !transientCodes.has(err.code)) throw err;
      // 0.4 s, 1.2 s, … with jitter, so tabs and pages that failed together do not retry together.
      await sleep(400 * 3 ** tries * (0.75 + Math.random() / 2));
    }
  }
}
