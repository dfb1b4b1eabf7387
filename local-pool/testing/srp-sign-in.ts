// signInTokens(): a real USER_SRP_AUTH sign-in, the client half of SRP computed here and the pool
// answering through its own operation table (in process: no HTTP, so the request log and injected
// faults only ever show what the app under test sent). MFA challenges are answered as the user
// would: a TOTP code from the user's secret, an SMS or email code from the mailbox, and a choice of
// factor (SELECT_MFA_TYPE) with one it can answer.
import { randomBytes } from 'node:crypto';
import { TOTP, Secret } from 'otpauth';
import { CognitoError } from '../errors.js';
import { Input } from '../input.js';
import { operations } from '../operations/index.js';
import type { Pool } from '../pool.js';
import type { User } from '../store.js';
import { N, computeK, computeSignature, computeU, computeX, formatTimestamp, g, hexToBigInt, k, modPow } from '../srp.js';
import type { PoolTokens } from './helper-types.js';
import { SignInError } from './sign-in-error.js';

interface AuthAnswer {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: { IdToken: string; AccessToken: string; RefreshToken?: string; ExpiresIn: number };
}

async function call(pool: Pool, operation: 'InitiateAuth' | 'RespondToAuthChallenge', body: Record<string, unknown>): Promise<AuthAnswer> {
  return await operations[operation](pool, new Input(body));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The user's next TOTP code, as their authenticator app shows it. The pool takes each code once
 * and accepts one step ahead, so a sign-in soon after another uses the next step's code, and one
 * past that waits for the step to come round, as a user would wait for a fresh code.
 */
async function totpCode(user: User, secret: string) {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  const now = Date.now();
  const current = totp.counter({ timestamp: now });
  const step = Math.max(current, (user.mfa.totpUsedStep ?? -1) + 1);
  if (step > current + 1) await sleep((step - 1) * 30_000 - now + 20);
  return totp.generate({ timestamp: step * 30_000 });
}

/** The client side of Cognito's SRP-6a (the same maths as src/cognito/srp, on node:crypto). */
function passwordClaim(pool: Pool, password: string, a: bigint, A: bigint, parameters: Record<string, string>) {
  const { poolName } = pool.config;
  const userId = parameters.USER_ID_FOR_SRP;
  const B = hexToBigInt(parameters.SRP_B);
  const u = computeU(A, B);
  const x = computeX(poolName, userId, password, parameters.SALT);
  const S = modPow(B - k * modPow(g, x, N), a + u * x, N);
  const timestamp = formatTimestamp(new Date());
  return {
    USERNAME: userId,
    PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
    PASSWORD_CLAIM_SIGNATURE: computeSignature(computeK(S, u), poolName, userId, parameters.SECRET_BLOCK, timestamp),
    TIMESTAMP: timestamp,
  };
}

/** The newest code of `kind` the pool sent to `to` (it delivers before it answers the challenge). */
function mailedCode(pool: Pool, to: string | undefined, kind: 'sms-mfa' | 'email-mfa') {
  return to
    ? pool.mailbox
        .list(to)
        .filter((m) => m.kind === kind)
        .at(-1)?.code
    : undefined;
}

/** The factor to pick at SELECT_MFA_TYPE: the first offered that this helper can answer. */
function chosenFactor(user: User | undefined, choices: string): string | undefined {
  const offered = JSON.parse(choices || '[]') as string[];
  const answerable = (name: string) =>
    (name === 'SOFTWARE_TOKEN_MFA' && Boolean(user?.mfa.totpSecret)) ||
    (name === 'SMS_MFA' && Boolean(user?.attributes.phone_number)) ||
    (name === 'EMAIL_OTP' && Boolean(user?.attributes.email));
  return offered.find(answerable);
}

async function mfaAnswer(pool: Pool, username: string, challenge: string, parameters: Record<string, string>): Promise<Record<string, string>> {
  const user = pool.store.find(username);
  if (challenge === 'SOFTWARE_TOKEN_MFA' && user?.mfa.totpSecret) return { SOFTWARE_TOKEN_MFA_CODE: await totpCode(user, user.mfa.totpSecret) };
  const sms = mailedCode(pool, user?.attributes.phone_number, 'sms-mfa');
  if (challenge === 'SMS_MFA' && sms) return { SMS_MFA_CODE: sms };
  const email = mailedCode(pool, user?.attributes.email, 'email-mfa');
  if (challenge === 'EMAIL_OTP' && email) return { EMAIL_OTP_CODE: email };
  const factor = challenge === 'SELECT_MFA_TYPE' ? chosenFactor(user, parameters.MFAS_CAN_CHOOSE) : undefined;
  if (factor) return { ANSWER: factor };
  if (challenge === 'NEW_PASSWORD_REQUIRED') {
    throw new Error(
      `signInTokens(${username}): the user has a temporary password (FORCE_CHANGE_PASSWORD); createUser and the users option give a permanent one`,
    );
  }
  if (challenge === 'MFA_SETUP') {
    throw new Error(
      `signInTokens(${username}): the pool requires MFA and the user has no factor; give the user mfa: { totpSecret }, { email: true } (or sms with a phone_number)`,
    );
  }
  throw new Error(`signInTokens(${username}): cannot answer the ${challenge} challenge`);
}

export async function signInTokens(pool: Pool, username: string, password: string): Promise<PoolTokens> {
  const clientId = pool.config.clientId;
  try {
    const a = hexToBigInt(randomBytes(64).toString('hex'));
    const A = modPow(g, a, N);
    const started = await call(pool, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, SRP_A: A.toString(16) },
    });
    const parameters = started.ChallengeParameters ?? {};
    let answer = await call(pool, 'RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: clientId,
      ChallengeResponses: passwordClaim(pool, password, a, A, parameters),
    });
    // At most a choice of factor, then that factor's code.
    for (let step = 0; answer.ChallengeName && step < 2; step += 1) {
      const name = answer.ChallengeName;
      answer = await call(pool, 'RespondToAuthChallenge', {
        ChallengeName: name,
        ClientId: clientId,
        Session: answer.Session,
        ChallengeResponses: { USERNAME: parameters.USER_ID_FOR_SRP, ...(await mfaAnswer(pool, username, name, answer.ChallengeParameters ?? {})) },
      });
    }
    const result = answer.AuthenticationResult;
    if (!result?.RefreshToken) throw new Error(`signInTokens(${username}): the pool answered no tokens (${answer.ChallengeName ?? 'no challenge'})`);
    return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken, expiresIn: result.ExpiresIn };
  } catch (error) {
    if (error instanceof CognitoError) throw new SignInError(error.type, `signInTokens(${username}): ${error.type}: ${error.message}`);
    throw error;
  }
}
