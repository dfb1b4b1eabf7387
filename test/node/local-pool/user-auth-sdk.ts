// Choice-based sign-in (USER_AUTH) through the AWS SDK v3, for the user-auth, email-mfa and
// passwordless tests: InitiateAuth and RespondToAuthChallenge calls, and the client half of SRP.
import { randomBytes } from 'node:crypto';
import {
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type ChallengeNameType,
  type CognitoIdentityProviderClient,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { N, computeK, computeSignature, computeU, computeX, formatTimestamp, g, hexToBigInt, k, modPow } from '../../../local-pool/srp.js';
import type { LocalPool } from './helpers.js';

/** InitiateAuth with AuthFlow USER_AUTH (and the Session from ConfirmSignUp, if given). */
export function userAuth(client: CognitoIdentityProviderClient, pool: LocalPool, params: Record<string, string>, Session?: string) {
  return client.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: params, Session }));
}

export function initiate(client: CognitoIdentityProviderClient, pool: LocalPool, AuthFlow: string, params: Record<string, string>) {
  return client.send(new InitiateAuthCommand({ AuthFlow: AuthFlow as 'USER_AUTH', ClientId: pool.clientId, AuthParameters: params }));
}

export function respond(
  client: CognitoIdentityProviderClient,
  pool: LocalPool,
  ChallengeName: string,
  Session: string | undefined,
  ChallengeResponses: Record<string, string>,
) {
  return client.send(
    new RespondToAuthChallengeCommand({ ClientId: pool.clientId, ChallengeName: ChallengeName as ChallengeNameType, Session, ChallengeResponses }),
  );
}

/** The client's SRP ephemeral: a secret `a` and SRP_A = g^a mod N (hex). */
export function srpStart() {
  const a = hexToBigInt(randomBytes(64).toString('hex'));
  return { a, SRP_A: modPow(g, a, N).toString(16) };
}

/** The PASSWORD_VERIFIER answer to a PASSWORD_VERIFIER challenge, computed as an SRP client does. */
export function passwordClaim(pool: LocalPool, password: string, a: bigint, parameters: Record<string, string>) {
  const poolName = pool.poolId.slice(pool.poolId.indexOf('_') + 1);
  const A = modPow(g, a, N);
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

/** Answers a PASSWORD_VERIFIER challenge (carrying its Session, as Amplify does after USER_AUTH). */
export function answerVerifier(
  client: CognitoIdentityProviderClient,
  pool: LocalPool,
  started: InitiateAuthCommandOutput | { ChallengeParameters?: Record<string, string>; Session?: string },
  password: string,
  a: bigint,
) {
  return respond(client, pool, 'PASSWORD_VERIFIER', started.Session, passwordClaim(pool, password, a, started.ChallengeParameters ?? {}));
}
