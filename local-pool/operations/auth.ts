// InitiateAuth and RespondToAuthChallenge (protocol §3.4, §3.5, §4.4).
import { randomBytes, randomUUID } from 'node:crypto';
import { checkFlowAllowed } from '../auth-factors.js';
import { checkNamedDevice, deviceChallenge, deviceForTokens, noteNamedDevice, respondToDeviceChallenge } from '../devices.js';
import { err, incorrectPassword, invalidParameter, mfaCodeMismatch, notAuthorized, sessionExpired } from '../errors.js';
import { Input } from '../input.js';
import { checkPassword } from '../policy.js';
import {
  checkAttributes,
  checkClient,
  checkSignInAllowed,
  deliver,
  fakeUser,
  recordSignInFailure,
  recordSignInSuccess,
  sixDigits,
  userDoesNotExist,
  type Pool,
} from '../pool.js';
import type { ChallengeName, ChallengeSession } from '../sessions.js';
import {
  N,
  canonicalTimestamp,
  computeK,
  computeServerS,
  computeSignature,
  computeU,
  hexToBigInt,
  makeVerifier,
  passwordMatches,
  serverEphemeral,
  signaturesEqual,
} from '../srp.js';
import { Store, type MfaName, type User } from '../store.js';
import { useTotpCode } from '../totp.js';
import type { SignInContext } from '../tokens.js';
import { emailCode, mfaSetupFactors, respondToEmailMfa, selectableMfa, startMfaChallenge } from './email-mfa.js';
import { answerOtp } from './otp-answer.js';
import { addRefreshToken, refreshTokenAuth } from './refresh.js';
import { USER_AUTH_CHALLENGES, respondToUserAuth, userAuth } from './user-auth.js';

export async function initiateAuth(pool: Pool, input: Input) {
  const flow = input.string('AuthFlow');
  checkClient(pool, input.string('ClientId'));
  const params = input.map('AuthParameters');
  // The app client's ExplicitAuthFlows (explicitAuthFlows option).
  checkFlowAllowed(pool, flow);
  switch (flow) {
    case 'USER_SRP_AUTH':
      return startSrp(pool, params);
    case 'USER_PASSWORD_AUTH':
      return passwordAuth(pool, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshTokenAuth(pool, params);
    case 'USER_AUTH':
      return userAuth(pool, params, input.optionalString('Session'));
    case 'CUSTOM_AUTH':
      // Allowed (ALLOW_CUSTOM_AUTH), but custom authentication runs Lambda triggers, which the local pool has not.
      throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
    default:
      throw invalidParameter(
        `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, USER_PASSWORD_AUTH, USER_AUTH]`,
      );
  }
}

export function startSrp(pool: Pool, params: Record<string, string>) {
  const typed = Input.required(params, 'USERNAME');
  const srpA = Input.required(params, 'SRP_A');
  if (!/^[0-9a-fA-F]+$/.test(srpA)) throw invalidParameter('SRP_A must be a hexadecimal number.');
  const A = hexToBigInt(srpA);
  if (A % N === 0n) throw invalidParameter('SRP_A cannot be zero mod N.');
  // A = g^a mod N is always below N, so a larger one did not come from an SRP client.
  if (A >= N) throw invalidParameter('SRP_A must be less than N.');
  const user = pool.store.find(typed);
  let userKey: string | null = null;
  let userId: string;
  let salt: string;
  let v: bigint;
  if (user) {
    checkSignInAllowed(user);
    userKey = Store.key(user.username);
    userId = user.username;
    salt = user.salt;
    v = hexToBigInt(user.verifier);
  } else {
    if (pool.config.existenceErrors === 'LEGACY') throw userDoesNotExist();
    // A simulated challenge: stable salt and id, a verifier nobody knows (§6.4).
    ({ userId, salt } = fakeUser(pool, typed));
    v = hexToBigInt(randomBytes(384).toString('hex')) % N;
  }
  const { b, B } = serverEphemeral(v, A);
  const secretBlock = pool.sessions.addSrp({ userKey, userId, clientId: pool.config.clientId, A, v, b, B });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: { SALT: salt, SECRET_BLOCK: secretBlock, SRP_B: B.toString(16), USERNAME: userId, USER_ID_FOR_SRP: userId },
  };
}

async function passwordVerifier(pool: Pool, responses: Record<string, string>) {
  const secretBlock = Input.required(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = Input.required(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = Input.required(responses, 'TIMESTAMP');
  const username = Input.required(responses, 'USERNAME');
  const canonical = canonicalTimestamp(timestamp);
  if (!canonical) throw invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  // A device key the user no longer has is refused before the SRP state is spent: the SDK then
  // sends the same answer again without it (protocol §3.5).
  checkNamedDevice(pool, username, responses.DEVICE_KEY);
  const record = pool.sessions.takeSrp(secretBlock);
  if (!record) throw incorrectPassword();
  // S, K and the signature are computed for a simulated challenge (unknown user) too, from its
  // random verifier, so the time this answer takes does not tell whether the user exists.
  const u = computeU(record.A, record.B);
  const K = computeK(computeServerS(record.A, record.v, u, record.b), u);
  const expected = computeSignature(K, pool.config.poolName, record.userId, secretBlock, canonical);
  const proven = signaturesEqual(expected, signature) && Store.key(username) === Store.key(record.userId);
  const user = record.userKey === null ? undefined : pool.store.users.get(record.userKey);
  if (!user) throw incorrectPassword();
  checkSignInAllowed(user);
  if (!proven) {
    recordSignInFailure(pool, user);
    await pool.store.save();
    throw incorrectPassword();
  }
  // Device tracking: a remembered device the client named proves itself instead of answering MFA.
  const device = noteNamedDevice(pool, user, responses.DEVICE_KEY);
  if (device?.remembered && user.status === 'CONFIRMED') return deviceChallenge(pool, user, device);
  return passwordAccepted(pool, user);
}

export async function passwordAuth(pool: Pool, params: Record<string, string>) {
  const typed = Input.required(params, 'USERNAME');
  const password = Input.required(params, 'PASSWORD');
  const user = pool.store.find(typed);
  if (!user) {
    if (pool.config.existenceErrors === 'LEGACY') throw userDoesNotExist();
    // The same work as a wrong password of a real user (one g^x), so timing does not reveal that the user does not exist.
    const fake = fakeUser(pool, typed);
    passwordMatches(pool.config.poolName, fake.userId, password, fake.salt, '0');
    throw incorrectPassword();
  }
  checkSignInAllowed(user);
  // Cognito says so even for a wrong password (amazon-cognito-identity-js #288).
  if (user.status === 'UNCONFIRMED') throw err('UserNotConfirmedException', 'User is not confirmed.');
  if (!passwordMatches(pool.config.poolName, user.username, password, user.salt, user.verifier)) {
    recordSignInFailure(pool, user);
    await pool.store.save();
    throw incorrectPassword();
  }
  return passwordAccepted(pool, user);
}

/** After a correct password: status checks, then the next challenge or tokens. */
async function passwordAccepted(pool: Pool, user: User) {
  if (user.status === 'UNCONFIRMED') throw err('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw err('PasswordResetRequiredException', 'Password reset required for the user');
  if (user.status === 'FORCE_CHANGE_PASSWORD' && (user.temporaryPasswordExpiresAt ?? Infinity) <= Date.now()) {
    throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
  }
  return nextStep(pool, user);
}

export function challenge(pool: Pool, user: User, name: ChallengeName, parameters: Record<string, string>, extra: Partial<ChallengeSession> = {}) {
  const session = pool.sessions.add({ challenge: name, userKey: Store.key(user.username), clientId: pool.config.clientId, ...extra });
  return { ChallengeName: name, Session: session, ChallengeParameters: parameters };
}

/**
 * Which MFA challenge a sign-in gets, if any (the pool's mfa setting and the user's factors). With
 * several factors and none preferred: SELECT_MFA_TYPE in pools that offer email MFA; in the others
 * TOTP, as this pool always answered.
 */
function mfaChallenge(pool: Pool, user: User): MfaName | 'SELECT_MFA_TYPE' | 'MFA_SETUP' | null {
  if (pool.config.mfa === 'OFF') return null;
  const choices = selectableMfa(pool, user);
  if (choices.length === 1) return choices[0];
  if (choices.length > 1) {
    if (user.mfa.preferred && choices.includes(user.mfa.preferred)) return user.mfa.preferred;
    return pool.config.mfaFactors.includes('EMAIL') ? 'SELECT_MFA_TYPE' : 'SOFTWARE_TOKEN_MFA';
  }
  return pool.config.mfa === 'ON' ? 'MFA_SETUP' : null;
}

export function nextStep(pool: Pool, user: User) {
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const { sub: _sub, ...attributes } = user.attributes;
    const missing = pool.config.requiredAttributes.filter((name) => !user.attributes[name]).map((name) => `userAttributes.${name}`);
    return challenge(pool, user, 'NEW_PASSWORD_REQUIRED', {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(missing),
      userAttributes: JSON.stringify(attributes),
    });
  }
  const mfa = mfaChallenge(pool, user);
  switch (mfa) {
    case null:
      return issueTokens(pool, user, pool.config.clientId);
    case 'SELECT_MFA_TYPE': {
      const choices = selectableMfa(pool, user);
      return challenge(pool, user, 'SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: JSON.stringify(choices) }, { choices });
    }
    case 'MFA_SETUP':
      return challenge(pool, user, 'MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(mfaSetupFactors(pool)) });
    default:
      return startMfaChallenge(pool, user, mfa);
  }
}

/** The SOFTWARE_TOKEN_MFA, SMS_MFA or EMAIL_OTP (email MFA) challenge, its code sent where it needs one. */
export function mfaCodeChallenge(pool: Pool, user: User, name: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA') {
  if (name === 'SOFTWARE_TOKEN_MFA') return challenge(pool, user, 'SOFTWARE_TOKEN_MFA', {});
  const code = sixDigits();
  const delivery = deliver(pool, user, 'phone_number', 'sms-mfa', code);
  return challenge(pool, user, 'SMS_MFA', { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: delivery.Destination }, { smsCode: code });
}

/** A new sign-in: ID, access and refresh tokens tied together by origin_jti. */
export async function issueTokens(pool: Pool, user: User, clientId: string) {
  // Only a completed sign-in resets the failure count: wrong MFA codes after a right password count too.
  recordSignInSuccess(user);
  const context: SignInContext = { originJti: randomUUID(), eventId: randomUUID(), authTime: Math.floor(Date.now() / 1000) };
  const refreshToken = addRefreshToken(pool, {
    username: user.username,
    clientId,
    originJti: context.originJti,
    authTime: context.authTime,
    expiresAt: Date.now() + pool.config.limits.refreshTokenTtlSeconds * 1000,
  });
  const groups = pool.store.groupsOf(user);
  const [idToken, accessToken] = await Promise.all([
    pool.tokens.idToken(user, clientId, context, groups),
    pool.tokens.accessToken(user, clientId, context, groups),
  ]);
  // Device tracking: a sign-in that did not name a known device creates one, for ConfirmDevice.
  const newDevice = deviceForTokens(pool, user);
  await pool.store.save();
  return {
    ChallengeParameters: {},
    AuthenticationResult: {
      AccessToken: accessToken,
      ExpiresIn: pool.config.limits.accessTokenTtlSeconds,
      TokenType: 'Bearer',
      RefreshToken: refreshToken,
      IdToken: idToken,
      ...(newDevice ? { NewDeviceMetadata: newDevice } : {}),
    },
  };
}

/**
 * A wrong (or replayed) MFA code counts as a failed sign-in: after five, Cognito starts the same
 * exponential lockout as for passwords (developer guide, user-pool-settings-mfa.html), so the
 * session ends and sign-ins answer "Password attempts exceeded" until it passes.
 */
export async function wrongMfaCode(pool: Pool, user: User, sessionId: string): Promise<never> {
  recordSignInFailure(pool, user);
  await pool.store.save();
  if (user.signInFailures.lockedUntil > Date.now()) {
    pool.sessions.delete(sessionId);
    throw notAuthorized('Password attempts exceeded');
  }
  throw mfaCodeMismatch();
}

export async function respondToAuthChallenge(pool: Pool, input: Input) {
  checkClient(pool, input.string('ClientId'));
  const name = input.string('ChallengeName');
  const responses = input.map('ChallengeResponses');
  if (name === 'PASSWORD_VERIFIER') return passwordVerifier(pool, responses);
  if (name === 'DEVICE_SRP_AUTH' || name === 'DEVICE_PASSWORD_VERIFIER') {
    return respondToDeviceChallenge(pool, name, input.optionalString('Session'), responses, (user) => issueTokens(pool, user, pool.config.clientId));
  }
  if (!['NEW_PASSWORD_REQUIRED', 'SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'MFA_SETUP', 'SELECT_MFA_TYPE', 'EMAIL_OTP', ...USER_AUTH_CHALLENGES].includes(name)) {
    throw invalidParameter(`The local pool does not issue the ${name} challenge.`);
  }
  const sessionId = input.optionalString('Session');
  const session = sessionId ? pool.sessions.get(sessionId) : null;
  if (!sessionId || !session) throw sessionExpired();
  if (session.challenge !== name) throw invalidParameter(`Invalid challenge name ${name}: the session is for ${session.challenge}.`);
  if (USER_AUTH_CHALLENGES.has(name)) return respondToUserAuth(pool, name, responses, sessionId, session);
  if (name === 'EMAIL_OTP' && session.simulated) {
    // An unknown user's EMAIL_OTP sign-in (existence errors prevented): refused like a wrong code.
    return answerOtp(pool, null, emailCode(responses), sessionId, session);
  }
  const user = pool.store.users.get(session.userKey);
  if (!user) throw sessionExpired();
  if (name === 'SELECT_MFA_TYPE' || name === 'EMAIL_OTP' || (name === 'MFA_SETUP' && responses.EMAIL !== undefined)) {
    checkSignInAllowed(user);
    return respondToEmailMfa(pool, name, user, responses, sessionId, session);
  }
  switch (name) {
    case 'NEW_PASSWORD_REQUIRED': {
      const password = Input.required(responses, 'NEW_PASSWORD');
      checkPassword(pool.config.passwordPolicy, password, 'change');
      const updates = Object.entries(responses)
        .filter(([key]) => key.startsWith('userAttributes.'))
        .map(([key, value]) => ({ Name: key.slice('userAttributes.'.length), Value: value }))
        .filter(({ Name }) => !Name.endsWith('_verified') && Name !== 'sub');
      checkAttributes(pool, updates, 'update');
      const attributes = { ...user.attributes };
      for (const { Name, Value } of updates) {
        if (Name === 'email' && attributes.email && attributes.email.toLowerCase() !== Value.toLowerCase()) {
          throw notAuthorized('Cannot modify an already provided email');
        }
        attributes[Name] = Value;
      }
      const missing = pool.config.requiredAttributes.filter((attr) => !attributes[attr]);
      if (missing.length)
        throw invalidParameter(`Attributes did not conform to the schema: ${missing.map((attr) => `${attr}: The attribute is required`).join(', ')}`);
      pool.store.reindex(user, () => (user.attributes = attributes));
      Object.assign(user, makeVerifier(pool.config.poolName, user.username, password));
      user.status = 'CONFIRMED';
      user.temporaryPasswordExpiresAt = null;
      user.modifiedAt = Date.now();
      pool.sessions.delete(sessionId);
      await pool.store.save();
      return nextStep(pool, user);
    }
    case 'SMS_MFA':
      checkSignInAllowed(user);
      if (Input.required(responses, 'SMS_MFA_CODE') !== session.smsCode) return wrongMfaCode(pool, user, sessionId);
      pool.sessions.delete(sessionId);
      return issueTokens(pool, user, session.clientId);
    case 'SOFTWARE_TOKEN_MFA': {
      checkSignInAllowed(user);
      const code = Input.required(responses, 'SOFTWARE_TOKEN_MFA_CODE');
      if (!useTotpCode(user, code)) return wrongMfaCode(pool, user, sessionId);
      pool.sessions.delete(sessionId);
      return issueTokens(pool, user, session.clientId);
    }
    default:
      // MFA_SETUP: the SDK treats the answer as tokens, so the token must be verified first.
      if (!session.verified) throw invalidParameter('Verify the software token (VerifySoftwareToken) before answering MFA_SETUP.');
      pool.sessions.delete(sessionId);
      return issueTokens(pool, user, session.clientId);
  }
}
