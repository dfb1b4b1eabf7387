// Helpers for the demo's node tests: a real user in the demo's local pool, made the way a page
// makes one (the SDK over HTTP, the code read from the pool's mailbox), and raw HTTP requests.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import type { RunningDemo } from '../../../demo/server/demo-server.js';

export const PASSWORD = 'Correct-horse-9';

export interface DemoUser {
  email: string;
  idToken: string;
  accessToken: string;
}

interface PoolMessage {
  to: string;
  kind: string;
  code: string;
  sentAt: string;
}

function userPool(demo: RunningDemo): CognitoUserPool {
  if (!demo.poolUrl) throw new Error('the demo runs without a local pool');
  return new CognitoUserPool({
    UserPoolId: 'us-east-1_LocalPool1',
    ClientId: 'localpoolclient0000000000',
    endpoint: demo.poolUrl,
  });
}

export function uniqueEmail(): string {
  return `rider-${randomUUID().slice(0, 8)}@example.com`;
}

/** The newest code the pool "sent" to `email`. */
export async function latestCode(poolUrl: string, email: string, kind = 'sign-up'): Promise<string> {
  const response = await fetch(new URL(`_local/messages?to=${encodeURIComponent(email)}`, poolUrl));
  const messages = ((await response.json()) as PoolMessage[]).filter((m) => m.kind === kind);
  messages.sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  if (!messages[0]) throw new Error(`no ${kind} message for ${email}`);
  return messages[0].code;
}

export function signIn(demo: RunningDemo, email: string, password = PASSWORD): Promise<DemoUser> {
  const user = new CognitoUser({ Username: email, Pool: userPool(demo) });
  return new Promise((done, fail) => {
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
      onSuccess: (session: CognitoUserSession) =>
        done({ email, idToken: session.getIdToken().getJwtToken(), accessToken: session.getAccessToken().getJwtToken() }),
      onFailure: fail,
    });
  });
}

/** Registers, verifies with the emailed code, and signs in a new user. */
export async function newUser(demo: RunningDemo): Promise<DemoUser> {
  const pool = userPool(demo);
  const email = uniqueEmail();
  await new Promise((done, fail) =>
    pool.signUp(email, PASSWORD, [new CognitoUserAttribute({ Name: 'email', Value: email })], [], (err, result) => (err ? fail(err) : done(result))),
  );
  const code = await latestCode(demo.poolUrl!, email);
  const user = new CognitoUser({ Username: email, Pool: pool });
  await new Promise((done, fail) => user.confirmRegistration(code, false, (err, result) => (err ? fail(err) : done(result))));
  return signIn(demo, email);
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as given (fetch would normalise `..` away). */
export function rawRequest(url: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ host: hostname, port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end(init.body);
  });
}

/** POST /api/ride with the given Authorization header (none when null). */
export function requestRide(demo: RunningDemo, authorization: string | null): Promise<RawResponse> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (authorization !== null) headers.Authorization = authorization;
  return rawRequest(demo.url, '/api/ride', { method: 'POST', headers, body: '{"PickupLocation":{"Latitude":1,"Longitude":2}}' });
}
