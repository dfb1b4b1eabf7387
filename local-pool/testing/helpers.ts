// What a test needs from a pool it started, in process: the codes it "sent", users made without a
// sign-up, real tokens without a browser, a reset, faults and the request log.
import type { MessageKind } from '../mailbox.js';
import type { Pool } from '../pool.js';
import { createSeedUser } from '../seed.js';
import type { ServerControls } from '../server.js';
import type { LocalPoolHelpers } from './helper-types.js';
import { signInTokens } from './srp-sign-in.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function poolHelpers(pool: Pool, controls: Pick<ServerControls, 'faults' | 'requests' | 'reset'>): LocalPoolHelpers {
  const latest = (to: string, kind: MessageKind | undefined, since: number) =>
    pool.mailbox
      .list(to)
      .filter((m) => (kind === undefined || m.kind === kind) && Date.parse(m.sentAt) >= since)
      .at(-1);

  return {
    messages: (to) => pool.mailbox.list(to),
    async latestCode(to, query = {}) {
      const { kind, since, timeoutMs = 5000 } = typeof query === 'string' ? { kind: query } : query;
      const from = since === undefined ? -Infinity : Number(since);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = latest(to, kind, from);
        if (found) return found.code;
        if (Date.now() >= deadline) break;
        await sleep(20);
      }
      const sent = pool.mailbox.list(to).map((m) => `${m.kind} at ${m.sentAt}`);
      throw new Error(
        `latestCode: no ${kind ?? ''}${kind ? ' ' : ''}message to ${to}${since === undefined ? '' : ` since ${new Date(from).toISOString()}`} within ${timeoutMs} ms ` +
          `(sent to ${to}: ${sent.length ? sent.join(', ') : 'nothing'})`,
      );
    },
    async createUser(user) {
      const created = createSeedUser(pool, user);
      await pool.store.save();
      return created;
    },
    signInTokens: (username, password) => signInTokens(pool, username, password),
    reset: () => controls.reset(),
    faults: {
      add(request) {
        const fault = controls.faults.add(request);
        if (typeof fault === 'string') throw new Error(`faults.add: ${fault}`);
        return fault;
      },
      list: () => controls.faults.list(),
      clear: () => controls.faults.clear(),
    },
    requests: (operation) => controls.requests.list(operation),
  };
}
