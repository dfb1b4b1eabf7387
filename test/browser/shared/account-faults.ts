// The fault tests of form-behaviour.ts, for one action of a signed-in account element (a save, a
// code, a button): the pool answers 500, throttles, drops the connection or is slower than the
// timeout; the element sends one request however often it is clicked, says what happened, keeps
// what was typed, stays accessible, and the action succeeds when tried again.
import { expect, oneEvent } from '@open-wc/testing';
import { authErrorMessage } from '../../../src/cognito/error-messages.js';
import { configure } from '../../../src/config/index.js';
import type { AuthErrorEvent, AuthFlow } from '../../../src/events.js';
import { parts, settled } from '../helpers/form.js';
import { clearFaults, injectFault, type PoolName } from '../helpers/pool.js';
import { logCognitoRequests } from '../helpers/requests.js';

export type FaultKind = 'http-500' | 'throttle' | 'drop' | 'delay';

const codes: Record<FaultKind, 'server' | 'too-many-requests' | 'network' | 'timeout'> = {
  'http-500': 'server',
  throttle: 'too-many-requests',
  drop: 'network',
  delay: 'timeout',
};

export interface AccountAction<C> {
  /** What the test names: "saving the details". */
  name: string;
  flow: AuthFlow;
  /** The Cognito operation the action sends (the one the fault hits). */
  operation: string;
  pool?: PoolName;
  kinds?: FaultKind[];
  /** An element (signed in, loaded) ready for the action, with whatever the action needs. */
  arrange(): Promise<C & { el: HTMLElement }>;
  /** Clicks what starts the action (called twice in a row: the second must send nothing). */
  act(ctx: C & { el: HTMLElement }): void;
  /** Inputs whose values must survive the failure. */
  kept?: string[];
  /** Resolves once a retried action has succeeded. */
  succeeded(ctx: C & { el: HTMLElement }): Promise<unknown>;
}

export function itSurvivesFaults<C>(action: AccountAction<C>): void {
  for (const kind of action.kinds ?? (['http-500', 'throttle', 'drop', 'delay'] as const)) {
    it(`${action.name}: a ${kind} is shown, one request is sent, nothing typed is lost, and a retry succeeds`, async () => {
      const ctx = await action.arrange();
      const { el } = ctx;
      const typed = Object.fromEntries((action.kept ?? []).map((name) => [name, parts(el).input(name).value]));
      await injectFault({ operation: action.operation, kind, delayMs: 2000 }, action.pool);
      if (kind === 'delay') configure({ timeout: 400 });
      const requests = logCognitoRequests();
      let detail: AuthErrorEvent['detail'];
      try {
        const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
        action.act(ctx);
        action.act(ctx);
        ({ detail } = await failed);
        expect(requests.count(action.operation), 'requests for two clicks').to.equal(1);
      } finally {
        requests.stop();
        configure({ timeout: null });
        await clearFaults(action.pool);
      }
      const code = codes[kind];
      expect(detail).to.deep.equal({ flow: action.flow, code, message: authErrorMessage(code, action.flow) });
      await settled(el);
      expect(parts(el).alert?.textContent?.trim()).to.equal(authErrorMessage(code, action.flow));
      for (const [name, value] of Object.entries(typed)) expect(parts(el).input(name).value, name).to.equal(value);
      expect(el.querySelector('[aria-busy="true"]'), 'busy after the failure').to.equal(null);
      await expect(el).to.be.accessible();
      // The late answer of a timed-out request may still have changed the pool; the others did not.
      if (kind === 'delay') return;
      const done = action.succeeded(ctx);
      action.act(ctx);
      await done;
    });
  }
}
