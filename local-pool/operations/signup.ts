// SignUp, ConfirmSignUp, ResendConfirmationCode (protocol §3.1–3.3).
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

export async function signUp(pool: Pool, input: Input) {
  checkClient(pool, input.string('ClientId'));
  const username = input.string('Username');
  const password = input.string('Password');
  const given = input.attributes('UserAttributes');
  checkUsernameShape(username);
  const { emailAsUsername } = pool.config;
  if (emailAsUsername && !isEmail(username)) throw invalidParameter('Username should be an email.');
  checkPassword(pool.config.passwordPolicy, password, 'signup');
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
  const user = newUser(pool, username, attributes, password);
  pool.store.add(user);
  const delivery = sendCode(pool, user, 'signUp', 'sign-up', pool.config.limits.signUpCodeTtlMs);
  await pool.store.save();
  return {
    UserConfirmed: false,
    UserSub: user.attributes.sub,
    ...(delivery ? { CodeDeliveryDetails: delivery } : {}),
  };
}

export async function confirmSignUp(pool: Pool, input: Input) {
  checkClient(pool, input.string('ClientId'));
  const username = input.string('Username');
  const code = input.string('ConfirmationCode');
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
  return {};
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
