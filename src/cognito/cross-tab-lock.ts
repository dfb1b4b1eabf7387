// Runs a task while holding a lock shared by every tab of this origin (Web Locks), so two tabs
// never refresh the same tokens at once: under refresh-token rotation the loser's token would be
// spent. Every browser we support has Web Locks in secure contexts, and sign-in needs a secure
// context anyway; without them (an old browser, a plain-http page) the task runs unlocked, and
// refresh.ts still sends one refresh per page.

/**
 * `task(waited)` under the lock `name`, across tabs; resolves or rejects with its result.
 * `waited` is true when another tab held the lock first (it has probably just done the work).
 */
export async function withCrossTabLock<T>(name: string, task: (waited: boolean) => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks?.request) return task(false);
  const lockName = `cognito-auth-elements.${name}`;
  let ran = false;
  const result = await locks.request(lockName, { ifAvailable: true }, (lock) => (lock ? ((ran = true), task(false)) : undefined));
  return ran ? (result as T) : (locks.request(lockName, () => task(true)) as Promise<T>);
}
