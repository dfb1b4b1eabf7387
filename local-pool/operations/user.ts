// Self-service operations with an access token, and token revocation (protocol §3.8).
import { err, incorrectPassword, invalidParameter, notAuthorized } from '../errors.js';
import { Input, type AttributeType } from '../input.js';
import { checkPassword, checkPasswordShape } from '../policy.js';
import {
  attributeList,
  checkAttributes,
  checkClient,
  checkNotLimited,
  countFailure,
  mfaSettings,
  sendCode,
  useCode,
  userDoesNotExist,
  type CodeDeliveryDetails,
  type Pool,
} from '../pool.js';
import { applyPending, dropPending, holdPending, pendingValue, waitsForVerification } from '../pending-attributes.js';
import { makeVerifier, passwordMatches } from '../srp.js';
import { Store, type CodePurpose, type User } from '../store.js';

/** The user an access token belongs to, or Cognito's access-token errors. */
export async function authenticate(pool: Pool, input: Input): Promise<User> {
  const claims = await pool.tokens.verifyAccessToken(input.string('AccessToken'));
  if (pool.store.revokedOrigins.has(claims.origin_jti)) throw notAuthorized('Access Token has been revoked');
  const user = pool.store.users.get(Store.key(claims.username));
  if (!user || user.attributes.sub !== claims.sub) throw userDoesNotExist();
  if (!user.enabled) throw notAuthorized('User is disabled.');
  return user;
}

export async function getUser(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  return { Username: user.username, UserAttributes: attributeList(user), ...mfaSettings(user) };
}

export async function deleteUser(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  pool.store.remove(user);
  await pool.store.save();
  return {};
}

const VERIFIABLE: Record<string, CodePurpose> = { email: 'verify:email', phone_number: 'verify:phone_number' };

/**
 * Applies attribute changes after the schema check: an empty value deletes. A changed email or
 * phone_number becomes unverified and gets a code (to the new address), unless an administrator's
 * call sets its `*_verified` to true itself; only administrators may set `*_verified` at all.
 * Where the pool keeps the original value until the new one is verified (verifyBeforeUpdate), a
 * verified email or phone number stays as it is and the new one waits with its code (see
 * pending-attributes.ts); an administrator's `*_verified: true` puts a waiting one in place.
 */
export async function changeAttributes(pool: Pool, user: User, updates: AttributeType[], by: 'user' | 'admin'): Promise<CodeDeliveryDetails[]> {
  checkAttributes(pool, updates, 'update');
  if (pool.config.emailAsUsername) {
    const email = updates.find((a) => a.Name === 'email')?.Value;
    const owner = email ? pool.store.findByEmail(email) : undefined;
    if (owner && owner !== user) throw err('AliasExistsException', 'An account with the given email already exists.');
  }
  const given = new Map(updates.map(({ Name, Value }) => [Name, Value]));
  const changed: string[] = [];
  const waiting: ('email' | 'phone_number')[] = [];
  pool.store.reindex(user, () => {
    for (const [name, value] of given) {
      if (name.endsWith('_verified') && by === 'user') continue;
      const verifiedByCaller = by === 'admin' && given.get(`${name}_verified`) === 'true';
      if (VERIFIABLE[name] && !verifiedByCaller && waitsForVerification(pool, user, name, value)) {
        if (pendingValue(user, name) !== value) waiting.push(name);
        holdPending(user, name, value);
        continue;
      }
      if (VERIFIABLE[name]) dropPending(user, name);
      if (user.attributes[name] === value) continue;
      if (value === '') delete user.attributes[name];
      else user.attributes[name] = value;
      if (VERIFIABLE[name] && !verifiedByCaller) {
        user.attributes[`${name}_verified`] = 'false';
        if (value) changed.push(name);
      }
    }
  });
  // `email_verified: true` from an administrator, for a change that was waiting: it is verified.
  for (const name of ['email', 'phone_number'] as const) {
    if (by === 'admin' && given.get(`${name}_verified`) === 'true' && !given.has(name)) applyPending(pool, user, name);
  }
  user.modifiedAt = Date.now();
  const deliveries: CodeDeliveryDetails[] = [];
  for (const name of changed) {
    const delivery = sendCode(pool, user, VERIFIABLE[name], 'verify-attribute', pool.config.limits.signUpCodeTtlMs, name as 'email' | 'phone_number');
    if (delivery) deliveries.push(delivery);
  }
  for (const name of waiting) {
    const delivery = sendCode(pool, user, VERIFIABLE[name], 'verify-attribute', pool.config.limits.signUpCodeTtlMs, name, pendingValue(user, name));
    if (delivery) deliveries.push(delivery);
  }
  await pool.store.save();
  return deliveries;
}

export async function updateUserAttributes(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  const deliveries = await changeAttributes(pool, user, input.attributes('UserAttributes'), 'user');
  return deliveries.length ? { CodeDeliveryDetailsList: deliveries } : {};
}

export async function deleteUserAttributes(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  const names = Array.isArray(input.body.UserAttributeNames) ? input.body.UserAttributeNames : null;
  if (!names || names.some((name) => typeof name !== 'string')) {
    throw invalidParameter("1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null");
  }
  // Deleting is a change: unknown and immutable attributes are refused as in an update.
  pool.config.schema.check(
    (names as string[]).map((name) => ({ Name: name, Value: '' })),
    'update',
  );
  for (const name of names as string[]) {
    if (name === 'email' && pool.config.emailAsUsername) throw invalidParameter('Cannot delete the email of an email-as-username user.');
  }
  pool.store.reindex(user, () => {
    for (const name of names as string[]) delete user.attributes[name];
  });
  user.modifiedAt = Date.now();
  await pool.store.save();
  return {};
}

export async function getUserAttributeVerificationCode(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  const name = input.string('AttributeName');
  const purpose = VERIFIABLE[name];
  if (!purpose || !user.attributes[name]) throw invalidParameter(`Cannot send a verification code for attribute ${name}.`);
  checkNotLimited(user, purpose);
  // A change waiting for its code: the new code goes to the new address, as the first did.
  const delivery = sendCode(
    pool,
    user,
    purpose,
    'verify-attribute',
    pool.config.limits.signUpCodeTtlMs,
    name as 'email' | 'phone_number',
    pendingValue(user, name),
  );
  await pool.store.save();
  return { CodeDeliveryDetails: delivery };
}

export async function verifyUserAttribute(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  const name = input.string('AttributeName');
  const code = input.string('Code');
  const purpose = VERIFIABLE[name];
  if (!purpose) throw invalidParameter(`Attribute ${name} cannot be verified.`);
  try {
    useCode(pool, user, purpose, code);
    if (pendingValue(user, name)) {
      applyPending(pool, user, name as 'email' | 'phone_number');
    } else {
      user.attributes[`${name}_verified`] = 'true';
      user.modifiedAt = Date.now();
    }
  } finally {
    await pool.store.save();
  }
  return {};
}

export async function changePassword(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  const previous = input.string('PreviousPassword');
  const proposed = input.string('ProposedPassword');
  checkPasswordShape(previous, 'previousPassword');
  checkNotLimited(user, 'changePassword');
  if (!passwordMatches(pool.config.poolName, user.username, previous, user.salt, user.verifier)) {
    try {
      countFailure(pool, user, 'changePassword', incorrectPassword());
    } finally {
      await pool.store.save();
    }
  }
  checkPassword(pool.config.passwordPolicy, proposed, 'change');
  Object.assign(user, makeVerifier(pool.config.poolName, user.username, proposed));
  delete user.codeAttempts.changePassword;
  user.modifiedAt = Date.now();
  await pool.store.save();
  return {};
}

export function revokeUser(pool: Pool, user: User) {
  for (const record of pool.store.refreshTokens.values()) {
    if (record.username !== user.username || record.revoked) continue;
    record.revoked = true;
    pool.store.revokedOrigins.add(record.originJti);
  }
}

export async function globalSignOut(pool: Pool, input: Input) {
  const user = await authenticate(pool, input);
  revokeUser(pool, user);
  await pool.store.save();
  return {};
}

export async function revokeToken(pool: Pool, input: Input) {
  const token = input.string('Token');
  checkClient(pool, input.string('ClientId'));
  if (token.split('.').length === 3) throw err('UnsupportedTokenTypeException', 'Unsupported token type');
  const record = pool.store.refreshTokens.get(token);
  // RFC 7009: an unknown token is not an error.
  if (!record) return {};
  if (record.clientId !== input.string('ClientId')) throw err('UnauthorizedException', 'Client is not authorized to revoke this token');
  record.revoked = true;
  pool.store.revokedOrigins.add(record.originJti);
  await pool.store.save();
  return {};
}
