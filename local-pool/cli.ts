#!/usr/bin/env node
/**
 * npm run local-pool -- [flags]
 *
 *   --port N                       default 9229 (0 = any free port)
 *   --host HOST                    default 127.0.0.1
 *   --pool-id ID                   default us-east-1_LocalPool1
 *   --client-id CID                default localpoolclient0000000000
 *   --issuer local|cognito         the tokens' iss: the pool's URL (default), or Cognito's own
 *                                  https://cognito-idp.<region>.amazonaws.com/<pool id>, which
 *                                  aws-jwt-verify's CognitoJwtVerifier accepts
 *   --cors-origin ORIGIN           (repeatable) let pages at ORIGIN call the pool; loopback
 *                                  origins (localhost, 127.0.0.1, [::1], *.localhost) always may
 *   --allowed-host NAME            (repeatable) answer requests for Host NAME besides loopback names
 *   --browser-admin-origin ORIGIN  (repeatable) let pages at ORIGIN call /_local/ and the Admin
 *                                  operations (otherwise only programs and the pool's own origin)
 *   --data FILE                    persist users, tokens and keys in FILE (default: memory only)
 *   --password-policy LIST         comma list of min=N, upper, lower, digit, symbol (classes not
 *                                  listed are not required), or "default" (8, all four classes)
 *   --username-attributes email|none   default email (email-as-username); none = plain usernames
 *   --required-attributes LIST     e.g. name,phone_number (default email; "none" for nothing)
 *   --verify-before-update LIST    email, phone_number: a new value waits for its code while the old
 *                                  one keeps signing in (default email; "none": changes apply at once)
 *   --device-tracking MODE         off (default), always, user-opt-in: sign-ins return
 *                                  NewDeviceMetadata; remembered devices skip MFA (DEVICE_SRP_AUTH)
 *   --mfa OFF|OPTIONAL|ON          default OFF
 *   --mfa-factors LIST             the MFA factors offered: TOTP, SMS, EMAIL (default TOTP,SMS)
 *   --explicit-auth-flows LIST     the app client's flows, Cognito's names: ALLOW_USER_AUTH,
 *                                  ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH,
 *                                  ALLOW_REFRESH_TOKEN_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH,
 *                                  ALLOW_CUSTOM_AUTH (default: all but ALLOW_CUSTOM_AUTH)
 *   --first-auth-factors LIST      USER_AUTH's first factors: PASSWORD, EMAIL_OTP, SMS_OTP,
 *                                  WEB_AUTHN (default PASSWORD); a passwordless one lets SignUp
 *                                  omit the password
 *   --webauthn-rp-id ID            passkeys' relying party id (default localhost)
 *   --webauthn-origins LIST        the only origins passkeys are accepted from, comma-separated
 *                                  (default: any origin on the RP id, any port; http for localhost)
 *   --webauthn-user-verification required|preferred   default preferred
 *   --custom-attributes LIST       the custom attributes the schema declares (default none):
 *                                  name:type[:mutable][:MIN..MAX], comma-separated; type string,
 *                                  number, boolean or datetime; e.g. company:string,tier:number:mutable:1..5
 *   --schema FILE                  custom attributes (and required standard ones) from a JSON file in
 *                                  Cognito's SchemaAttributeType shape (CreateUserPool's Schema, or
 *                                  describe-user-pool output)
 *   --prevent-user-existence-errors SIGN_IN|ENABLED|LEGACY   default ENABLED
 *   --refresh-token-rotation[=SECONDS]  rotate refresh tokens; SECONDS (0-60, default 0) is the
 *                                  retry grace period of the token a refresh replaced
 *   --callback-url URL             (repeatable) a callback URL of the app client: the hosted UI
 *                                  (/oauth2/authorize, /login) redirects only to these, exact match
 *   --logout-url URL               (repeatable) a sign-out URL: /logout?logout_uri= goes only there
 *   --federated LIST               emulated identity providers on /login, each with a stand-in page:
 *                                  Google, SignInWithApple, Facebook, LoginWithAmazon, Name:oidc,
 *                                  Name:saml (comma-separated)
 *   --users FILE                   seed users from a JSON array (email, password, attributes,
 *                                  groups, confirmed, mfa); only those not there yet are made
 *   --quiet                        no banner, no codes on the console
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ExplicitAuthFlow, FirstAuthFactor, MfaFactor } from './auth-factors.js';
import type { DeviceTracking } from './device-tracking.js';
import { resolveConfig, type UserVerification } from './options.js';
import { parseCustomAttributes, parseSchemaFile, type SchemaAttribute } from './schema.js';
import { parsePasswordPolicy, startLocalPool, type IssuerKind, type LocalPoolOptions, type MfaSetting, type UserExistenceErrors } from './index.js';

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  if (text === 'none' || text === '') return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * parseArgs has no optional values: a bare --refresh-token-rotation (not followed by its seconds)
 * becomes --refresh-token-rotation=0.
 */
function withOptionalValues(args: string[]): string[] {
  return args.map((arg, i) => (arg === '--refresh-token-rotation' && !/^\d+$/.test(args[i + 1] ?? '') ? `${arg}=0` : arg));
}

function gracePeriod(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds > 60) throw new Error(`--refresh-token-rotation takes 0..60 seconds of grace, not "${text}"`);
  return seconds;
}

/** --custom-attributes and --schema FILE, together: the custom attributes, and required ones the file marks. */
function schemaOptions(customText: string | undefined, file: string | undefined): { customAttributes?: SchemaAttribute[]; requiredAttributes?: string[] } {
  const custom = customText === undefined ? [] : parseCustomAttributes(customText);
  if (file === undefined) return customText === undefined ? {} : { customAttributes: custom };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--schema ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const fromFile = parseSchemaFile(json);
  return {
    customAttributes: [...custom, ...fromFile.customAttributes],
    ...(fromFile.requiredAttributes.length ? { requiredAttributes: fromFile.requiredAttributes } : {}),
  };
}

async function main() {
  const { values } = parseArgs({
    args: withOptionalValues(process.argv.slice(2)),
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'pool-id': { type: 'string' },
      'client-id': { type: 'string' },
      issuer: { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'allowed-host': { type: 'string', multiple: true },
      'browser-admin-origin': { type: 'string', multiple: true },
      data: { type: 'string' },
      'password-policy': { type: 'string' },
      'username-attributes': { type: 'string' },
      'required-attributes': { type: 'string' },
      'verify-before-update': { type: 'string' },
      'device-tracking': { type: 'string' },
      mfa: { type: 'string' },
      'mfa-factors': { type: 'string' },
      'explicit-auth-flows': { type: 'string' },
      'first-auth-factors': { type: 'string' },
      'webauthn-rp-id': { type: 'string' },
      'webauthn-origins': { type: 'string' },
      'webauthn-user-verification': { type: 'string' },
      'custom-attributes': { type: 'string' },
      schema: { type: 'string' },
      'prevent-user-existence-errors': { type: 'string' },
      'refresh-token-rotation': { type: 'string' },
      'callback-url': { type: 'string', multiple: true },
      'logout-url': { type: 'string', multiple: true },
      federated: { type: 'string' },
      users: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run local-pool -- [--port N] [--host H] [--pool-id ID] [--client-id CID] [--issuer local|cognito] [--cors-origin ORIGIN]... [--allowed-host NAME]... [--browser-admin-origin ORIGIN]... [--data FILE] [--password-policy min=8,upper,lower,digit,symbol] [--username-attributes email|none] [--required-attributes a,b] [--verify-before-update email,phone_number|none] [--device-tracking off|always|user-opt-in] [--mfa OFF|OPTIONAL|ON] [--mfa-factors TOTP,SMS,EMAIL] [--explicit-auth-flows ALLOW_USER_AUTH,...] [--first-auth-factors PASSWORD,EMAIL_OTP,SMS_OTP,WEB_AUTHN] [--webauthn-rp-id ID] [--webauthn-origins ORIGIN,...] [--webauthn-user-verification required|preferred] [--custom-attributes LIST] [--schema FILE] [--prevent-user-existence-errors SIGN_IN|ENABLED|LEGACY] [--refresh-token-rotation[=SECONDS]] [--callback-url URL]... [--logout-url URL]... [--federated Google,SignInWithApple,Name:oidc] [--users FILE] [--quiet]',
    );
    return;
  }
  const port = values.port === undefined ? 9229 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not "${values.port}"`);
  const grace = gracePeriod(values['refresh-token-rotation']);
  const schema = schemaOptions(values['custom-attributes'], values.schema);
  const options: LocalPoolOptions = {
    port,
    host: values.host,
    poolId: values['pool-id'],
    clientId: values['client-id'],
    issuer: values.issuer as IssuerKind | undefined,
    corsOrigins: values['cors-origin'],
    allowedHosts: values['allowed-host'],
    browserAdminOrigins: values['browser-admin-origin'],
    dataFile: values.data,
    passwordPolicy: values['password-policy'] === undefined ? undefined : parsePasswordPolicy(values['password-policy']),
    usernameAttributes: values['username-attributes'] === undefined ? undefined : (list(values['username-attributes']) as 'email'[]),
    requiredAttributes: list(values['required-attributes']) ?? schema.requiredAttributes,
    customAttributes: schema.customAttributes,
    verifyBeforeUpdate: list(values['verify-before-update']) as ('email' | 'phone_number')[] | undefined,
    deviceTracking: values['device-tracking']?.toLowerCase() as DeviceTracking | undefined,
    mfa: values.mfa?.toUpperCase() as MfaSetting | undefined,
    // Checked (names, case) by resolveConfig, which names the option in its error.
    mfaFactors: list(values['mfa-factors']) as MfaFactor[] | undefined,
    explicitAuthFlows: list(values['explicit-auth-flows']) as ExplicitAuthFlow[] | undefined,
    firstAuthFactors: list(values['first-auth-factors']) as FirstAuthFactor[] | undefined,
    webauthnRpId: values['webauthn-rp-id'],
    webauthnOrigins: list(values['webauthn-origins']),
    webauthnUserVerification: values['webauthn-user-verification']?.toLowerCase() as UserVerification | undefined,
    preventUserExistenceErrors: values['prevent-user-existence-errors']?.toUpperCase() as UserExistenceErrors | undefined,
    refreshTokenRotation: grace === undefined ? undefined : { retryGracePeriodSeconds: grace },
    callbackUrls: values['callback-url'],
    logoutUrls: values['logout-url'],
    federated: values.federated,
    users: values.users,
    quiet: values.quiet,
  };
  const pool = await startLocalPool(options);
  if (!values.quiet) {
    const config = resolveConfig(options);
    const policy = config.passwordPolicy;
    const classes = [
      policy.requireUppercase && 'upper',
      policy.requireLowercase && 'lower',
      policy.requireNumbers && 'digit',
      policy.requireSymbols && 'symbol',
    ].filter(Boolean);
    const settings = [
      config.emailAsUsername ? 'email as username' : 'plain usernames',
      `password min ${policy.minLength}${classes.length ? ' + ' + classes.join(' + ') : ''}`,
      `required attributes: ${config.requiredAttributes.join(', ') || 'none'}`,
      `custom attributes: ${config.schema.custom.map((rule) => `${rule.name} (${rule.type}${rule.mutable ? ', mutable' : ''})`).join(', ') || 'none'}`,
      `verified before update: ${config.verifyBeforeUpdate.join(', ') || 'none'}`,
      `device tracking: ${config.deviceTracking}`,
      `MFA ${config.mfa} (${config.mfaFactors.join(', ')})`,
      `sign-in: ${config.explicitAuthFlows.map((flow) => flow.replace(/^ALLOW_/, '')).join(', ')}; first factors ${config.firstAuthFactors.join(', ')}`,
      config.firstAuthFactors.includes('WEB_AUTHN')
        ? `passkeys for RP id ${config.webauthn.rpId} from ${config.webauthn.origins?.join(', ') ?? `any origin on ${config.webauthn.rpId}`} (user verification ${config.webauthn.userVerification})`
        : 'no passkeys (WEB_AUTHN not a first factor)',
      config.refreshTokenRotation ? `refresh token rotation (grace ${config.refreshTokenRotation.retryGracePeriodSeconds} s)` : 'no refresh token rotation',
    ].join('; ');
    console.log(`Local Cognito user pool listening on ${pool.url}
  pool id:   ${pool.poolId}
  client id: ${pool.clientId}
  region:    ${pool.region}
  issuer:    ${pool.issuer}
  JWKS:      ${pool.jwksUrl}
  settings:  ${settings}
  hosted UI: ${pool.url}oauth2/authorize (callback URLs: ${config.hostedUi.callbackUrls.join(', ') || 'none, see --callback-url'}${
    config.hostedUi.providers.length ? `; providers: ${config.hostedUi.providers.map((provider) => provider.name).join(', ')}` : ''
  })
  mailbox:   ${pool.url}_local/messages${options.dataFile ? `\n  data:      ${options.dataFile}` : ''}${values.users ? `\n  users:     seeded from ${values.users} (those not there yet)` : ''}

Paste into your site's config.js:

window._config = {
  cognito: {
    userPoolId: '${pool.poolId}',
    userPoolClientId: '${pool.clientId}',
    region: '${pool.region}',
    endpoint: '${pool.url}'
  },
  api: { invokeUrl: '' }
};
`);
  }
  const stop = () => {
    pool.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`local-pool: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
