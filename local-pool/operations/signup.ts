// SignUp, ConfirmSignUp, ResendConfirmationCode (protocol §3.1–3.3), passwordless sign-up and
// the Session that lets USER_AUTH sign the user in right after ConfirmSignUp.
// AWS: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html
// and https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html
import { randomBytes } from 'node:crypto';
import { err, invalidParameter, notAuthorized, codeMismatch } from '../errors.js';
import { Input } from '../input.js';
import { checkPassword } from '../policy.js';
import {
  checkAttributes,
  checkClient,
  checkRequired,
  checkUsernameShape,
  isEmail,
  newUser,
  sendCode,
  simulatedDelivery,
  useCode,
  userNotFoundForCode,
  type Pool,
} from '../pool.js';
import { Store, type User } from '../store.js';
import { allowsPasswordless } from '../user-factors.js';

/**
 * SignUp's Password: required, unless the pool offers a passwordless first factor, where an absent
 * or blank one makes a user without a password (AWS: "omit this parameter or submit a blank value").
 */
function passwordOf(pool: Pool, input: Input): string | null {
  const given = input.optionalString('Password');
  if ((given === undefined || given === '') && allowsPasswordless(pool)) return null;
  return input.string('Password');
}

/** The Session SignUp returns when the client allows USER_AUTH: ConfirmSignUp takes it and hands back one to sign in with. */
function signUpSession(pool: Pool, user: User): { Session?: string } {
  if (!pool.config.explicitAuthFlows.includes('ALLOW_USER_AUTH')) return {};
  return { Session: pool.sessions.add({ challenge: 'SIGN_UP', userKey: Store.key(user.username), clientId: pool.config.clientId }) };
}

export async function signUp(pool: Pool, input: Input) {
  checkClient(pool, input.string('ClientId'));
  const username = input.string('Username');
  const password = passwordOf(pool, input);
  const given = input.attributes('UserAttributes');
  checkUsernameShape(username);
  const { emailAsUsername } = pool.config;
  if (emailAsUsername && !isEmail(username)) throw invalidParameter('Username should be an email.');
  if (password !== null) checkPassword(pool.config.passwordPolicy, password, 'signup');
  checkAttributes(pool, given, 'create');
  const attributes: Record<string, string> = {};
  for (const { Name, Value } of given) {
    // Verification is the pool's job, not the caller's.
    if (!Name.endsWith('_verified')) attributes[Name] = Value;
  }
  if (emailAsUsername) attributes.email = username;
  checkRequired(pool, attributes);
  if (attributes.email) attributes.email_verified = 'false';
  if (attributes.phone_number) attributes.phone_number_verified = 'false';

  // Checked and inserted synchronously, so concurrent sign-ups of one name cannot both win.
  if (pool.store.find(username)) {
    throw err('UsernameExistsException', emailAsUsername ? 'An account with the given email already exists.' : 'User already exists');
  }
  // Without a password: a random one nobody knows, so password and SRP sign-ins simply fail.
  const user = newUser(pool, username, attributes, password ?? randomBytes(32).toString('base64url'));
  if (password === null) user.passwordlessSalt = user.salt;
  pool.store.add(user);
  const delivery = sendCode(pool, user, 'signUp', 'sign-up', pool.config.limits.signUpCodeTtlMs);
  await pool.store.save();
  return {
    UserConfirmed: false,
    UserSub: user.attributes.sub,
    ...(delivery ? { CodeDeliveryDetails: delivery } : {}),
    ...signUpSession(pool, user),
  };
}

export async function confirmSignUp(pool: Pool, input: Input) {
  checkClient(pool, input.string('ClientId'));
  const username = input.string('Username');
  const code = input.string('ConfirmationCode');
  const sessionId = input.optionalString('Session');
  const user = pool.store.find(username);
  if (!user) {
    if (pool.config.existenceErrors === 'ENABLED') throw codeMismatch();
    throw userNotFoundForCode();
  }
  if (user.status !== 'UNCONFIRMED') throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  try {
    const record = useCode(pool, user, 'signUp', code);
    user.status = 'CONFIRMED';
    if (record.attribute) user.attributes[`${record.attribute}_verified`] = 'true';
    user.modifiedAt = Date.now();
  } finally {
    await pool.store.save();
  }
  return sessionId === undefined ? {} : signInSession(pool, user, sessionId);
}

/**
 * ConfirmSignUp's answer to SignUp's Session: a new one that InitiateAuth USER_AUTH takes instead of
 * a factor, once, within the session's lifetime. A session that expired or is not this user's
 * confirms all the same and gets none: the client then signs in as usual.
 */
function signInSession(pool: Pool, user: User, sessionId: string): { Session?: string } {
  const record = pool.sessions.get(sessionId);
  if (!record || record.challenge !== 'SIGN_UP' || record.userKey !== Store.key(user.username)) return {};
  // A fresh lifetime from the confirmation: the user may have taken a while to read the code.
  pool.sessions.delete(sessionId);
  return { Session: pool.sessions.add({ ...record, signedUp: true }) };
}

export async function resendConfirmationCode(pool: Pool, input: Input) {
  checkClient(pool, input.string('ClientId'));
  const username = input.string('Username');
  const user = pool.store.find(username);
  if (!user) {
    if (pool.config.existenceErrors === 'ENABLED') return { CodeDeliveryDetails: simulatedDelivery(username) };
    throw userNotFoundForCode();
  }
  if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
  const delivery = sendCode(pool, user, 'signUp', 'sign-up', pool.config.limits.signUpCodeTtlMs);
  if (!delivery) throw invalidParameter('Cannot send a code: the user has no email or phone_number.');
  await pool.store.save();
  return { CodeDeliveryDetails: delivery };
}
