// Runs a task while holding a lock shared by every tab of this origin (Web Locks), so two tabs
// never refresh the same tokens at once: under refresh-token rotation the loser's token would be
// spent. Every browser we support has Web Locks in secure contexts, and sign-in needs a secure
// context anyway; without them (an old browser, a plain-http page) the task runs unlocked, and
// refresh.ts still sends one refresh per page.

/** `task()` under the lock `name`, across tabs; resolves or rejects with its result. */
export function withCrossTabLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks?.request) return locks.request(`cognito-auth-elements.${name}`, task) as Promise<T>;
  return task();
}
