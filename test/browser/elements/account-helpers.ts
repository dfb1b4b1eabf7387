// What the account-page element tests share: a signed-in user in a chosen pool, markup configured
// for that pool, and the fault tests of form-behaviour.ts (http 500, throttle, a dropped
// connection, a pool slower than the timeout) for one action of a signed-in element.
import { expect, oneEvent } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { authErrorMessage } from '../../../src/cognito/error-messages.js';
import type { SessionUser } from '../../../src/cognito/types.js';
import { configure } from '../../../src/config/index.js';
import type { AuthErrorEvent, AuthFlow } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { parts, settled } from '../helpers/form.js';
import { clearFaults, createConfirmedUser, injectFault, poolConfig, uniqueEmail, type PoolName } from '../helpers/pool.js';
import { logCognitoRequests } from '../helpers/requests.js';

/** Markup for `<tag>` configured for `pool` by its attributes. */
export function configuredFor(tag: string, extra = '', pool: PoolName = 'default'): string {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig({ pool });
  return `<${tag} region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" ${extra}></${tag}>`;
}

/** A new confirmed user of `pool`, signed in with a password (SRP) and recorded in the store. */
export async function signedIn(pool: PoolName = 'default'): Promise<{ email: string; password: string; user: SessionUser }> {
  const config = poolConfig({ pool });
  const { email, password } = await createConfirmedUser(uniqueEmail('account'), undefined, config);
  const step = await cognito.signIn(config, email, password);
  if (step.step !== 'done') throw new Error(`expected sign-in to finish, got ${step.step}`);
  sessionStore.signedIn(step.user, config);
  await sessionStore.whenReady();
  return { email, password, user: step.user };
}

export interface FaultCase {
  /** What the action is, for the test names. */
  action: string;
  operation: string;
  flow: AuthFlow;
  pool?: PoolName;
  successEvent: string;
  /** A signed-in element ready for the action, and the values typed for it (kept after a failure). */
  prepare(): Promise<{ el: HTMLElement; values: Record<string, string>; act: () => void }>;
}

/** The shared fault tests for one action of an account element. */
export function itSurvivesFaults(c: FaultCase): void {
  for (const [kind, code] of [
    ['http-500', 'server'],
    ['throttle', 'too-many-requests'],
    ['drop', 'network'],
    ['delay', 'timeout'],
  ] as const) {
    it(`${c.action}: shows a ${kind}, sends one request, keeps what was typed, and succeeds on retry`, async () => {
      if (kind === 'delay') configure({ timeout: 400 });
      const { el, values, act } = await c.prepare();
      await injectFault({ operation: c.operation, kind, delayMs: 2000 }, c.pool);
      const requests = logCognitoRequests();
      let failed: Event;
      try {
        const settledEvent = Promise.race([oneEvent(el, 'auth-error'), oneEvent(el, c.successEvent)]);
        act();
        failed = await settledEvent;
        expect(requests.count(c.operation), 'requests for one click').to.equal(1);
      } finally {
        requests.stop();
        configure({ timeout: null });
      }
      expect(failed.type).to.equal('auth-error');
      expect((failed as AuthErrorEvent).detail).to.deep.equal({ flow: c.flow, code, message: authErrorMessage(code, c.flow) });
      await settled(el);
      expect(parts(el).alert?.textContent?.trim()).to.equal(authErrorMessage(code, c.flow));
      for (const [name, value] of Object.entries(values)) expect(parts(el).input(name).value, name).to.equal(value);
      expect(el.querySelector('[aria-busy="true"]'), 'busy after the failure').to.equal(null);
      await expect(el).to.be.accessible();
      await clearFaults(c.pool);
      // The timed-out request still reached the pool (it answered late): its retry may meet "already done".
      if (kind === 'delay') return;
      const retried = Promise.race([oneEvent(el, 'auth-error'), oneEvent(el, c.successEvent)]);
      act();
      expect((await retried).type).to.equal(c.successEvent);
    });
  }
}
