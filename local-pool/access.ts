// Who may call the pool. A web page on any site the developer visits can send requests to
// localhost, so the pool answers CORS only for loopback origins (and those listed), refuses Host
// names it does not know (DNS rebinding: a name the attacker controls that resolves to 127.0.0.1),
// keeps its test controls and Admin operations away from other origins' pages, and wants
// credentials on the calls Cognito authorises with IAM.
import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import { CognitoError } from './errors.js';

/** The settings of the rules below (resolved from LocalPoolOptions). */
export interface AccessRules {
  /** Origins besides loopback ones whose pages may call the pool (`--cors-origin`). */
  corsOrigins: string[];
  /** Host names besides loopback ones the pool answers to (`--allowed-host`). */
  allowedHosts: string[];
  /** Origins whose pages may also call /_local/ and the Admin operations (`--browser-admin-origin`). */
  browserAdminOrigins: string[];
}

/**
 * The operations Cognito serves without AWS credentials: the public ones and those authorised by a
 * session or the user's access token ("Authorization models for API and SDK authentication",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-public-server-side.html).
 * Every other operation (the Admin* ones, ListUsers, the group operations) is IAM-authorised:
 * signed with SigV4.
 */
const PUBLIC_OPERATIONS = new Set([
  'AssociateSoftwareToken',
  'ChangePassword',
  'CompleteWebAuthnRegistration',
  'ConfirmDevice',
  'ConfirmForgotPassword',
  'ConfirmSignUp',
  'DeleteUser',
  'DeleteUserAttributes',
  'DeleteWebAuthnCredential',
  'ForgetDevice',
  'ForgotPassword',
  'GetDevice',
  'GetTokensFromRefreshToken',
  'GetUser',
  'GetUserAttributeVerificationCode',
  'GetUserAuthFactors',
  'GlobalSignOut',
  'InitiateAuth',
  'ListDevices',
  'ListWebAuthnCredentials',
  'ResendConfirmationCode',
  'RespondToAuthChallenge',
  'RevokeToken',
  'SetUserMFAPreference',
  'SetUserSettings',
  'SignUp',
  'StartWebAuthnRegistration',
  'UpdateAuthEventFeedback',
  'UpdateDeviceStatus',
  'UpdateUserAttributes',
  'VerifySoftwareToken',
  'VerifyUserAttribute',
]);

/** Whether Cognito wants AWS credentials (a SigV4 signature) for `operation`. */
export function needsCredentials(operation: string): boolean {
  return !PUBLIC_OPERATIONS.has(operation);
}

/** An `Authorization` header shaped like SigV4's. The signature is not checked: there is no secret to check it against. */
const SIGV4 = /^AWS4-HMAC-SHA256\s+Credential=\S+/;

export function hasCredentials(headers: IncomingHttpHeaders): boolean {
  return SIGV4.test(headers.authorization ?? '');
}

/** What Cognito answers an unsigned call to an IAM-authorised operation, with what the pool wants. */
export function missingCredentials(operation: string): CognitoError {
  return new CognitoError(
    'MissingAuthenticationTokenException',
    `Missing Authentication Token: ${operation} needs AWS credentials, as in Cognito. Send an AWS SigV4 Authorization header ` +
      '(AWS4-HMAC-SHA256 Credential=...): the AWS SDKs and CLI sign with any credentials, and the local pool does not check the signature.',
  );
}

/** 127.0.0.0/8, ::1, localhost and *.localhost (RFC 6761 keeps all of them on this machine). */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1';
}

/** `scheme://host[:port]` of an origin as browsers send it, or null for anything else. */
export function normaliseOrigin(text: string): string | null {
  if (text === 'null') return 'null';
  try {
    const url = new URL(text);
    if (url.origin === 'null' || url.href.replace(/\/$/, '') !== url.origin) return null;
    return url.origin;
  } catch {
    return null;
  }
}

function isLoopbackOrigin(origin: string): boolean {
  if (origin === 'null') return false;
  const url = new URL(origin);
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackName(url.hostname);
}

/** The host name of a Host header (`localhost:9229`, `[::1]:9229`), or null if it is not one. */
function hostnameOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

const refused = (message: string) => new CognitoError('AccessDeniedException', message, 403);

export class Access {
  private readonly corsOrigins: Set<string>;
  private readonly adminOrigins: Set<string>;
  private readonly hosts: Set<string>;

  /** `bindHost`: the address the pool listens on; a specific one is reachable by that name. */
  constructor(rules: AccessRules, bindHost: string) {
    this.adminOrigins = new Set(rules.browserAdminOrigins);
    // A page allowed the controls must be able to read their answers too.
    this.corsOrigins = new Set([...rules.corsOrigins, ...rules.browserAdminOrigins]);
    this.hosts = new Set(rules.allowedHosts.map((host) => host.toLowerCase()));
    const bound = hostnameOf(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
    if (bound && bindHost !== '0.0.0.0' && bindHost !== '::') this.hosts.add(bound);
  }

  /** Whether a page at `origin` may call the pool (and read its answers). */
  corsAllows(origin: string): boolean {
    return isLoopbackOrigin(origin) || this.corsOrigins.has(origin);
  }

  /**
   * Throws the refusal for a request whose Host or Origin the pool does not answer. A request
   * without Origin comes from a program (SDK, CLI, curl) or is a same-origin navigation.
   */
  checkRequest(headers: IncomingHttpHeaders) {
    const host = headers.host;
    if (host !== undefined) {
      const hostname = hostnameOf(host);
      if (!hostname || !(isLoopbackName(hostname) || this.hosts.has(hostname))) {
        throw refused(
          `The local pool answers only to loopback host names (localhost, 127.0.0.1, [::1]) and those allowed with --allowed-host; ` +
            `this request was for "${host}". If you reach the pool by that name on purpose, start it with --allowed-host ${hostname ?? host} (allowedHosts in startLocalPool).`,
        );
      }
    }
    const origin = headers.origin;
    // The pool's own pages (the hosted UI's forms) post from its origin, whatever name it was reached by.
    const ownOrigin = host !== undefined && origin === `http://${host}`;
    if (origin !== undefined && !ownOrigin && !this.corsAllows(origin)) {
      throw refused(
        `The local pool answers web pages only from loopback origins (http://localhost:*, http://127.0.0.1:*, http://[::1]:*) and those allowed with --cors-origin; ` +
          `this page is at ${origin}. To allow it, start the pool with --cors-origin ${origin} (corsOrigins in startLocalPool).`,
      );
    }
  }

  /**
   * Throws unless a request for /_local/ or an Admin operation comes from no page, from the pool's
   * own origin, or from an origin allowed them. Loopback is not enough: a page on localhost is
   * still another site, and these read verification codes and set passwords.
   */
  checkAdmin(headers: IncomingHttpHeaders, what: string) {
    const origin = headers.origin;
    if (origin === undefined || this.adminOrigins.has(origin)) return;
    if (headers.host !== undefined && origin === `http://${headers.host}`) return;
    throw refused(
      `The local pool refuses ${what} from web pages at other origins (this page is at ${origin}): a page could otherwise read your verification codes or set passwords. ` +
        `If this page is yours (a test runner, a mailbox page), start the pool with --browser-admin-origin ${origin} (browserAdminOrigins in startLocalPool).`,
    );
  }
}
