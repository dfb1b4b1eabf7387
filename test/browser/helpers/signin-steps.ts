// Bringing an <auth-signin> to one of its steps against a runner pool, for the step tests.
import { fixture, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { settled } from './form.js';
import { latestCode, poolConfig, poolOperation, strongPassword, uniqueEmail, type PoolName } from './pool.js';

/** An <auth-signin> on `pool`, with `extra` attributes (e.g. `methods="email-code"`). */
export function signinOn(pool: PoolName, extra = ''): Promise<HTMLElement> {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig({ pool });
  return fixture<HTMLElement>(
    `<auth-signin region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" ${extra}></auth-signin>`,
  );
}

/** The step `el` shows (a protected field, read as the other step tests do). */
export const stepOf = (el: Element) => (el as unknown as { step: { step: string } }).step.step;

export async function reachStep(el: HTMLElement, step: string): Promise<void> {
  await waitUntil(() => stepOf(el) === step, `never reached the ${step} step`, { timeout: 10_000 });
  await settled(el);
}

/** A random North American test number, so users of one run never share a phone's texts. */
export const uniquePhone = () => `+1555555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;

/** A confirmed user with a phone on `pool`; `mfa` turns those second factors on, none preferred. */
export async function userWithPhone(pool: PoolName, mfa: Array<'sms' | 'email'> = []): Promise<{ email: string; phone: string }> {
  const config = poolConfig({ pool, storage: 'memory' });
  const email = uniqueEmail('phone');
  const phone = uniquePhone();
  const { username } = await cognito.signUp(config, { email, password: strongPassword, attributes: { phone_number: phone } });
  await cognito.confirmSignUp(config, email, await latestCode(email, 'sign-up', new URL(config.endpoint!)));
  if (mfa.length) {
    await poolOperation(
      'AdminSetUserMFAPreference',
      { Username: username, SMSMfaSettings: { Enabled: mfa.includes('sms') }, EmailMfaSettings: { Enabled: mfa.includes('email') } },
      pool,
    );
  }
  return { email, phone };
}
