// ForgotPassword, ConfirmForgotPassword (protocol §3.7).
import { codeMismatch, expiredCode, invalidParameter, notAuthorized } from '../errors.js';
import { Input } from '../input.js';
import { checkPassword } from '../policy.js';
import { checkClient, recordSignInSuccess, sendCode, simulatedDelivery, useCode, userNotFoundForCode, type Pool } from '../pool.js';
import { makeVerifier } from '../srp.js';

export async function forgotPassword(pool: Pool, input: Input) {
  checkClient(pool, input.string('ClientId'));
  const username = input.string('Username');
  const user = pool.store.find(username);
  if (!user) {
    if (pool.config.existenceErrors === 'ENABLED') return { CodeDeliveryDetails: simulatedDelivery(username) };
    throw userNotFoundForCode();
  }
  if (!user.enabled) throw notAuthorized('User is disabled.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') throw notAuthorized('User password cannot be reset in the current state.');
  const via = user.attributes.email_verified === 'true' ? 'email' : user.attributes.phone_number_verified === 'true' ? 'phone_number' : null;
  if (!via) throw invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
  const delivery = sendCode(pool, user, 'forgotPassword', 'forgot-password', pool.config.limits.forgotPasswordCodeTtlMs, via);
  await pool.store.save();
  return { CodeDeliveryDetails: delivery };
}

export async function confirmForgotPassword(pool: Pool, input: Input) {
  checkClient(pool, input.string('ClientId'));
  const username = input.string('Username');
  const code = input.string('ConfirmationCode');
  const password = input.string('Password');
  const user = pool.store.find(username);
  if (!user) {
    if (pool.config.existenceErrors === 'ENABLED') throw codeMismatch();
    throw userNotFoundForCode();
  }
  // Hiding users hides disabled ones too (AWS's managing-errors guide): a code mismatch, not "disabled".
  if (!user.enabled && pool.config.existenceErrors === 'ENABLED') throw codeMismatch();
  if (!user.codes.forgotPassword && !user.codeAttempts.forgotPassword) throw expiredCode();
  checkPassword(pool.config.passwordPolicy, password, 'change');
  try {
    useCode(pool, user, 'forgotPassword', code);
    Object.assign(user, makeVerifier(pool.config.poolName, user.username, password));
    if (user.status === 'RESET_REQUIRED' || user.status === 'FORCE_CHANGE_PASSWORD') user.status = 'CONFIRMED';
    user.temporaryPasswordExpiresAt = null;
    recordSignInSuccess(user);
    user.modifiedAt = Date.now();
  } finally {
    await pool.store.save();
  }
  return {};
}
