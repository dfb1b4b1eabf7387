// Shared helpers for the local pool's node tests: the real SDK, promisified, and raw requests.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import { needsCredentials } from '../../../local-pool/access.js';
import { startLocalPool, type LocalPool as RunningPool, type LocalPoolHelpers, type LocalPoolOptions, type Message } from '../../../local-pool/index.js';

/** A pool the tests reach over HTTP: one started in process, or the CLI's (which has no in-process helpers). */
export type LocalPool = Omit<RunningPool, keyof LocalPoolHelpers>;

export const PASSWORD = 'Passw0rd!';

export function start(options: LocalPoolOptions = {}): Promise<LocalPool> {
  return startLocalPool({ quiet: true, ...options });
}

/** The SDK's Storage: a plain in-memory map (Node has no localStorage). */
export function memoryStorage(): ICognitoStorage & { data: Record<string, string> } {
  const data: Record<string, string> = {};
  return {
    data,
    setItem: (key, value) => void (data[key] = value),
    getItem: (key) => data[key] ?? null,
    removeItem: (key) => void delete data[key],
    clear: () => Object.keys(data).forEach((key) => delete data[key]),
  };
}

export function sdkPool(pool: LocalPool, storage = memoryStorage()) {
  return new CognitoUserPool({ UserPoolId: pool.poolId, ClientId: pool.clientId, endpoint: pool.url, Storage: storage });
}

export function sdkUser(userPool: CognitoUserPool, username: string) {
  return new CognitoUser({ Username: username, Pool: userPool, Storage: (userPool as unknown as { storage: ICognitoStorage }).storage });
}

export type SdkError = Error & { code: string };

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}.${process.pid}.${Date.now()}.${++counter}@example.com`;

export function signUp(userPool: CognitoUserPool, username: string, password = PASSWORD, attributes: Record<string, string> = {}) {
  const list = Object.entries(attributes).map(([Name, Value]) => new CognitoUserAttribute({ Name, Value }));
  return new Promise<{ userSub: string; userConfirmed: boolean; codeDeliveryDetails: unknown }>((resolve, reject) =>
    userPool.signUp(username, password, list, [], (error, result) => (error ? reject(error) : resolve(result!))),
  );
}

export function confirm(user: CognitoUser, code: string) {
  return new Promise<unknown>((resolve, reject) => user.confirmRegistration(code, true, (error, result) => (error ? reject(error) : resolve(result))));
}

export async function messages(pool: LocalPool, to?: string): Promise<Message[]> {
  const response = await fetch(`${pool.url}_local/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`);
  return (await response.json()) as Message[];
}

export async function latestCode(pool: LocalPool, to: string, kind: Message['kind']): Promise<string> {
  const found = (await messages(pool, to)).filter((m) => m.kind === kind);
  if (!found.length) throw new Error(`no ${kind} message for ${to}`);
  return found[found.length - 1].code;
}

export type SignInOutcome =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'newPasswordRequired'; userAttributes: Record<string, string>; requiredAttributes: string[] }
  | { kind: 'totpRequired' | 'mfaRequired' | 'mfaSetup'; parameters: unknown };

/** authenticateUser, resolving on success or on any challenge callback. */
export function signIn(user: CognitoUser, username: string, password = PASSWORD): Promise<SignInOutcome> {
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), callbacks(resolve, reject)),
  );
}

export function callbacks(resolve: (outcome: SignInOutcome) => void, reject: (error: unknown) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: 'success', session }),
    onFailure: reject,
    newPasswordRequired: (userAttributes: Record<string, string>, requiredAttributes: string[]) =>
      resolve({ kind: 'newPasswordRequired', userAttributes, requiredAttributes }),
    totpRequired: (_name: string, parameters: unknown) => resolve({ kind: 'totpRequired', parameters }),
    mfaRequired: (_name: string, parameters: unknown) => resolve({ kind: 'mfaRequired', parameters }),
    mfaSetup: (_name: string, parameters: unknown) => resolve({ kind: 'mfaSetup', parameters }),
  };
}

export function session(outcome: SignInOutcome): CognitoUserSession {
  if (outcome.kind !== 'success') throw new Error(`expected tokens, got ${outcome.kind}`);
  return outcome.session;
}

/** Signs up, confirms with the mailed code and signs in through the SDK. */
export async function registeredUser(pool: LocalPool, options: { email?: string; password?: string; attributes?: Record<string, string> } = {}) {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? PASSWORD;
  const userPool = sdkPool(pool);
  await signUp(userPool, email, password, options.attributes);
  const user = sdkUser(userPool, email);
  await confirm(user, await latestCode(pool, email, 'sign-up'));
  return { email, password, userPool, user };
}

export async function signedInUser(pool: LocalPool, options: Parameters<typeof registeredUser>[1] = {}) {
  const registered = await registeredUser(pool, options);
  const outcome = await signIn(registered.user, registered.email, registered.password);
  return { ...registered, session: session(outcome) };
}

/** Runs a node-style SDK method and returns the error it fails with (or throws if it succeeds). */
export function failure(run: (callback: (error: unknown, result?: unknown) => void) => void): Promise<SdkError> {
  return new Promise((resolve, reject) => run((error) => (error ? resolve(error as SdkError) : reject(new Error('expected a failure, got success')))));
}

export function call<T>(run: (callback: (error: any, result?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, result) => (error ? reject(error) : resolve(result as T))));
}

/**
 * An Authorization header shaped like the SigV4 one the AWS SDKs send on Admin operations (the
 * pool wants one there, as Cognito does, but does not check the signature).
 */
export const SIGV4_HEADER = {
  Authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDLOCALPOOLTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000',
};

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * A hand-built request, for malformed input and operations the SDK does not expose. Operations
 * Cognito wants AWS credentials for carry SIGV4_HEADER (pass `unsigned` to leave it off).
 */
export async function raw(
  pool: LocalPool,
  operation: string,
  body: unknown,
  init: { rawBody?: string; headers?: Record<string, string>; unsigned?: boolean } = {},
): Promise<RawResponse> {
  const response = await fetch(pool.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      ...(needsCredentials(operation) && !init.unsigned ? SIGV4_HEADER : {}),
      ...init.headers,
    },
    body: init.rawBody ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Calls an operation that must succeed and returns its output. */
export async function ok(pool: LocalPool, operation: string, body: unknown): Promise<Record<string, any>> {
  const response = await raw(pool, operation, body);
  if (response.status !== 200) throw new Error(`${operation} failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function local(pool: LocalPool, method: string, path: string, body?: unknown) {
  const response = await fetch(`${pool.url}_local/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const cli = fileURLToPath(new URL('../../../local-pool/cli.js', import.meta.url));

/** Starts the CLI on a free port and resolves with its URL once the banner is printed. */
export function startCli(args: string[]): Promise<{ child: ChildProcess; pool: LocalPool; output: () => string }> {
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /listening on (\S+)/.exec(output)?.[1];
      const poolId = /pool id:\s+(\S+)/.exec(output)?.[1];
      const clientId = /client id:\s+(\S+)/.exec(output)?.[1];
      if (url && poolId && clientId && output.includes('window._config')) {
        resolve({
          child,
          output: () => output,
          pool: {
            url,
            poolId,
            clientId,
            region: poolId.split('_')[0],
            issuer: `${url}${poolId}`,
            jwksUrl: `${url}${poolId}/.well-known/jwks.json`,
            close: () => Promise.resolve(void child.kill('SIGKILL')),
          },
        });
      }
    });
  });
}

/** SIGKILLs the CLI (kill -9) and resolves once it has exited. */
export const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
