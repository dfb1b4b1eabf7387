// The AWS SDK v3 Cognito client against a local pool: what a backend or an admin script uses.
// It signs every request with SigV4, so dummy static credentials are all it needs.
import { spawn, spawnSync } from 'node:child_process';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { PASSWORD, ok, uniqueEmail, type LocalPool } from './helpers.js';

export function awsClient(pool: LocalPool) {
  return new CognitoIdentityProviderClient({
    endpoint: pool.url,
    region: pool.region,
    credentials: { accessKeyId: 'AKIALOCALPOOLTEST', secretAccessKey: 'local-pool-test-secret' },
    // The pool answers at once; a retried refusal would only hide what it answered.
    maxAttempts: 1,
  });
}

/** A user as ListUsers answers it, over the wire (dates in epoch seconds). */
export interface ListedUser {
  Username: string;
  Attributes: { Name: string; Value: string }[];
  UserCreateDate: number;
  UserLastModifiedDate: number;
  Enabled: boolean;
  UserStatus: string;
}

/** Every user, page by page (ListUsers returns at most 60 at a time, as Cognito's does). */
export async function allUsers(pool: LocalPool): Promise<ListedUser[]> {
  const users: ListedUser[] = [];
  let token: string | undefined;
  do {
    const page = await ok(pool, 'ListUsers', { UserPoolId: pool.poolId, ...(token ? { PaginationToken: token } : {}) });
    users.push(...(page.Users as ListedUser[]));
    token = page.PaginationToken as string | undefined;
  } while (token);
  return users;
}

/** A confirmed user with a permanent password, made the way an admin script does it. */
export async function confirmedUser(
  client: CognitoIdentityProviderClient,
  pool: LocalPool,
  attributes: Record<string, string> = {},
  email = uniqueEmail('admin'),
) {
  const UserAttributes: AttributeType[] = Object.entries({ email_verified: 'true', ...attributes }).map(([Name, Value]) => ({ Name, Value }));
  await client.send(
    new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: email, MessageAction: 'SUPPRESS', TemporaryPassword: PASSWORD, UserAttributes }),
  );
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.poolId, Username: email, Password: PASSWORD, Permanent: true }));
  return email;
}

/** AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH. */
export function adminSignIn(client: CognitoIdentityProviderClient, pool: LocalPool, username: string, password = PASSWORD) {
  return client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

/** The service error a call fails with (name and message), or throws if it succeeds. */
export async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof CognitoIdentityProviderServiceException) return { name: error.name, message: error.message };
    throw error;
  }
  throw new Error('expected the call to be refused, it succeeded');
}

export const claims = (token: string | undefined) => {
  if (!token) throw new Error('no token');
  return decodeJwt(token);
};

/** Whether python3 with boto3 is here (the boto3 checks are skipped otherwise). */
export const hasBoto3 = () => spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;

/**
 * Runs a python3 snippet with the pool's endpoint, pool id and client id in its environment; resolves
 * with its JSON output. Asynchronous: the pool answering it runs in this process.
 */
export function runBoto3(pool: LocalPool, script: string): Promise<unknown> {
  const child = spawn('python3', ['-c', script], {
    env: {
      ...process.env,
      POOL_URL: pool.url,
      POOL_ID: pool.poolId,
      CLIENT_ID: pool.clientId,
      AWS_DEFAULT_REGION: pool.region,
      AWS_ACCESS_KEY_ID: 'AKIALOCALPOOLTEST',
      AWS_SECRET_ACCESS_KEY: 'local-pool-test-secret',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as unknown) : reject(new Error(`python3 failed (${code}): ${stderr}`))));
  });
}
