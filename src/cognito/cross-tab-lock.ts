// Runs a task while holding a lock shared by every tab of this origin, so two tabs never refresh
// the same tokens at once (under refresh-token rotation the loser's token would be spent).
// Web Locks where the browser has them (all current browsers, secure contexts); elsewhere a
// lease in localStorage, which is weaker (two tabs can race for the same free lease) but
// still stops the common case of tabs waking together.

const leaseMs = 10_000;
const pollMs = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withLease<T>(name: string, task: () => Promise<T>): Promise<T> {
  let storage: Storage | null = null;
  try {
    storage = localStorage;
  } catch {
    return task(); // no shared storage means no other tab to share with
  }
  const key = `cognito-auth-elements.lock.${name}`;
  const holder = Math.random().toString(36).slice(2);
  // Wait while someone else holds an unexpired lease, but never longer than one lease.
  const deadline = Date.now() + leaseMs;
  for (;;) {
    const until = Number((storage.getItem(key) ?? '').split(' ')[1]);
    if (!(until > Date.now()) || Date.now() > deadline) break;
    await sleep(pollMs);
  }
  storage.setItem(key, `${holder} ${Date.now() + leaseMs}`);
  try {
    return await task();
  } finally {
    if (storage.getItem(key)?.startsWith(`${holder} `)) storage.removeItem(key);
  }
}

/** `task()` under the lock `name`, across tabs; resolves or rejects with its result. */
export function withCrossTabLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks?.request) return locks.request(`cognito-auth-elements.${name}`, task) as Promise<T>;
  return withLease(name, task);
}
