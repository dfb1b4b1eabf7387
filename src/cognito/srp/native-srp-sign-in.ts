// USER_SRP_AUTH sign-in with native BigInt maths, through the SDK's own client, storage and
// challenge handling. It replays CognitoUser.authenticateUserDefaultAuth (amazon-cognito-identity-js
// 6.3.21) step for step and only swaps the AuthenticationHelper's BigInteger work for ours.
import type {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  IAuthenticationCallback,
} from 'amazon-cognito-identity-js';
import { prepareEphemeralWhenIdle, takeEphemeral, type Ephemeral } from './ephemeral.js';
import AuthenticationHelper from './shims/authentication-helper.js';
import { answerPasswordVerifier } from './srp-client.js';

type Params = Record<string, unknown>;
type Request = (operation: string, params: Params, callback: (err: any, data: any) => void) => void;

/** What CognitoUser has at runtime but its .d.ts leaves out. */
interface SdkUser {
  username: string;
  keyPrefix: string;
  userDataKey: string;
  deviceKey?: string | null;
  randomPassword?: string | null;
  deviceGroupKey?: string | null;
  pool: CognitoUserPool;
  client: { request: Request };
  getAuthenticationFlowType(): string;
  getUserContextData(username?: string): unknown;
  getCachedDeviceKeyAndPassword(): void;
  clearCachedDeviceKeyAndPassword(): void;
  authenticateUserInternal(data: Params, helper: AuthenticationHelper, callback: IAuthenticationCallback): void;
}

/**
 * Signs `user` in with USER_SRP_AUTH: a drop-in for `user.authenticateUser(details, callback)`,
 * with the same requests, callbacks, stored tokens and challenge hand-over (the SDK's own
 * authenticateUserInternal takes over after PASSWORD_VERIFIER, so NEW_PASSWORD_REQUIRED, MFA and
 * devices carry on through `user` and its Session as before).
 *
 * `ephemeral` defaults to the pair prepared by prepareEphemeralWhenIdle(), or a fresh one.
 * Falls back to the SDK itself for other flow types (USER_PASSWORD_AUTH, CUSTOM_AUTH) and where
 * WebCrypto is missing (pages served over plain http from a non-localhost origin).
 */
export function nativeSrpSignIn(
  cognitoUser: CognitoUser,
  details: AuthenticationDetails,
  callback: IAuthenticationCallback,
  ephemeral?: Ephemeral,
): void {
  const user = cognitoUser as unknown as SdkUser;
  if (user.getAuthenticationFlowType() !== 'USER_SRP_AUTH' || !globalThis.crypto?.subtle) {
    cognitoUser.authenticateUser(details, callback);
    return;
  }
  signIn(user, details, ephemeral).then(
    // Tokens (cached the SDK's way, device confirmation included) or the next challenge's callback.
    // Our native helper stands in for the SDK's there (attribute prefix, device verifier).
    (result) => user.authenticateUserInternal(result, new AuthenticationHelper(user.pool.getUserPoolName()), callback),
    (err) => {
      // Most likely a wrong password: have the next attempt's pair ready too.
      prepareEphemeralWhenIdle();
      callback.onFailure(err);
    },
  );
}

const request = (user: SdkUser, operation: string, params: Params) =>
  new Promise<Params>((resolve, reject) =>
    user.client.request(operation, params, (err, data) => (err ? reject(err) : resolve(data))),
  );

async function signIn(
  user: SdkUser,
  details: AuthenticationDetails,
  ephemeral?: Ephemeral,
): Promise<Params> {
  const { a, A } = ephemeral ?? (await takeEphemeral());
  const poolName = user.pool.getUserPoolName();
  const clientId = user.pool.getClientId();
  const authParameters: Params = {};
  if (user.deviceKey != null) authParameters.DEVICE_KEY = user.deviceKey;
  authParameters.USERNAME = user.username;
  authParameters.SRP_A = A.toString(16);
  const validationData = details.getValidationData();
  const clientMetadata = Object.keys(validationData).length
    ? validationData
    : (details as unknown as { getClientMetadata(): unknown }).getClientMetadata();

  const initiate: Params = {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: clientId,
    AuthParameters: authParameters,
    ClientMetadata: clientMetadata,
  };
  const initialContext = user.getUserContextData(user.username);
  if (initialContext) initiate.UserContextData = initialContext;
  const challenge = await request(user, 'InitiateAuth', initiate);
  const parameters = challenge.ChallengeParameters as Record<string, string>;

  // From here on the server's internal name replaces the typed one, in the maths and in storage.
  user.username = parameters.USER_ID_FOR_SRP!;
  user.userDataKey = `${user.keyPrefix}.${user.username}.userData`;
  user.getCachedDeviceKeyAndPassword();

  const { timestamp, signature } = await answerPasswordVerifier({
    a,
    A,
    poolName,
    userId: user.username,
    password: details.getPassword(),
    srpB: parameters.SRP_B!,
    salt: parameters.SALT!,
    secretBlock: parameters.SECRET_BLOCK!,
    now: new Date(),
  });
  const challengeResponses: Params = {
    USERNAME: user.username,
    PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: signature,
  };
  if (user.deviceKey != null) challengeResponses.DEVICE_KEY = user.deviceKey;
  const respond: Params = {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: clientId,
    ChallengeResponses: challengeResponses,
    Session: challenge.Session,
    ClientMetadata: clientMetadata,
  };
  const context = user.getUserContextData();
  if (context) respond.UserContextData = context;

  try {
    return await request(user, 'RespondToAuthChallenge', respond);
  } catch (err: any) {
    // A device the pool forgot: drop it and answer again without, as the SDK does.
    if (err?.code !== 'ResourceNotFoundException' || !/device/i.test(String(err.message))) throw err;
    challengeResponses.DEVICE_KEY = null;
    user.deviceKey = user.randomPassword = user.deviceGroupKey = null;
    user.clearCachedDeviceKeyAndPassword();
    return request(user, 'RespondToAuthChallenge', respond);
  }
}
