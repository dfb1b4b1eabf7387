/**
 * A local, Cognito-compatible user pool: real SRP, real RS256 JWTs, the wire protocol the
 * amazon-cognito-identity-js SDK speaks. AWS documents that protocol in the Cognito user pools API
 * reference: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html
 */
import type { AddressInfo } from 'node:net';
import { Access } from './access.js';
import { Faults } from './faults.js';
import { Mailbox } from './mailbox.js';
import { HostedUi } from './oauth/hosted-ui.js';
import { resolveConfig, type LocalPoolOptions } from './options.js';
import type { Pool } from './pool.js';
import { RequestLog } from './requests.js';
import { readSeed, seedUsers } from './seed.js';
import { createPoolServer } from './server.js';
import { Sessions } from './sessions.js';
import { Store } from './store.js';
import type { LocalPoolHelpers } from './testing/helper-types.js';
import { poolHelpers } from './testing/helpers.js';
import { TokenIssuer, createKeys, loadKeys } from './tokens.js';

export type { IssuerKind, LocalPoolOptions, Limits, MfaSetting, RefreshTokenRotation, UserExistenceErrors, UserVerification } from './options.js';
export type { ExplicitAuthFlow, FirstAuthFactor, MfaFactor } from './auth-factors.js';
export type { Fault, FaultKind } from './faults.js';
export type { LoggedRequest } from './requests.js';
export type { PasswordPolicy } from './policy.js';
export type { AttributeDataType, SchemaAttribute } from './schema.js';
export type { Message, MessageKind } from './mailbox.js';
export { parsePasswordPolicy } from './policy.js';
export type { CreatedUser, SeedMfa, SeedUser } from './seed-user.js';
export type { CodeQuery, FaultRequest, LocalPoolHelpers, PoolTokens } from './testing/helper-types.js';
export { SignInError } from './testing/sign-in-error.js';

/** A running pool: where it is, and (LocalPoolHelpers) what tests do with it in process. */
export interface LocalPool extends LocalPoolHelpers {
  /** Base URL ending in '/': the `endpoint` for the SDK. */
  url: string;
  poolId: string;
  clientId: string;
  region: string;
  /**
   * The tokens' `iss`: `<url><poolId>` (issuer 'local'), or Cognito's own
   * `https://cognito-idp.<region>.amazonaws.com/<poolId>` (issuer 'cognito').
   */
  issuer: string;
  /** Where the pool publishes its signing keys (ID and access token keys): `<url><poolId>/.well-known/jwks.json`. */
  jwksUrl: string;
  close(): Promise<void>;
}

export async function startLocalPool(options: LocalPoolOptions = {}): Promise<LocalPool> {
  const config = resolveConfig(options);
  const host = options.host ?? '127.0.0.1';
  const store = new Store(config.dataFile, config.emailAsUsername);
  await store.load();
  store.keys ??= await createKeys();
  // Files from before the pool had an access token key get one now; their key signs ID tokens.
  store.accessKeys ??= await createKeys();
  const keys = { id: await loadKeys(store.keys), access: await loadKeys(store.accessKeys) };
  await store.save();

  const mailbox = new Mailbox(config.quiet);
  const sessions = new Sessions(config.limits.sessionTtlMs);
  const faults = new Faults();
  const requests = new RequestLog();
  const hostedUi = new HostedUi();
  // The issuer needs the port, known only once listening; tokens are not issued before that.
  const pool: Pool = { config, store, mailbox, sessions, tokens: null as unknown as TokenIssuer };
  // Read and checked before the pool listens: a bad users file stops it, naming the entry and field.
  const seed = options.users === undefined ? null : await readSeed(options.users);
  if (seed) {
    seedUsers(pool, seed.source, seed.entries);
    await store.save();
  }
  async function reset() {
    store.clear();
    sessions.clear();
    mailbox.clear();
    faults.clear();
    requests.clear();
    hostedUi.clear();
    if (seed) seedUsers(pool, seed.source, seed.entries);
    await store.save();
  }
  const server = createPoolServer(pool, {
    access: new Access(config.access, host),
    faults,
    requests,
    hostedUi,
    reset,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard bind is reached as localhost; the URL (and the token issuer) must be dialable.
  const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}/`;
  const issuer = config.issuer === 'cognito' ? `https://cognito-idp.${config.region}.amazonaws.com/${config.poolId}` : `${url}${config.poolId}`;
  const jwksUrl = `${url}${config.poolId}/.well-known/jwks.json`;
  pool.tokens = new TokenIssuer(keys, issuer, jwksUrl, config.limits.accessTokenTtlSeconds);

  return {
    ...poolHelpers(pool, { faults, requests, reset }),
    url,
    poolId: config.poolId,
    clientId: config.clientId,
    region: config.region,
    issuer,
    jwksUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
