// Helpers for driving our light-DOM forms the way a person does: type into inputs (found by
// name), press the submit button, and watch the adapter's calls.
import { navigation } from '../../../src/shared/navigation.js';
import { poolConfig } from './pool.js';

/** The inputs, buttons and messages of one of our elements, found by their public part names. */
export function parts(el: Element) {
  return {
    form: el.querySelector<HTMLFormElement>('[part~="form"]')!,
    input: (name: string) => el.querySelector<HTMLInputElement>(`[part~="input"][name="${name}"]`)!,
    submit: el.querySelector<HTMLButtonElement>('[part~="submit"]')!,
    secondary: [...el.querySelectorAll<HTMLElement>('[part~="secondary"]')],
    alert: el.querySelector<HTMLElement>('[part~="error"][role="alert"]'),
    status: el.querySelector<HTMLElement>('[part~="status"]')!,
    fieldError: (name: string) => el.querySelector<HTMLElement>(`[part~="input"][name="${name}"] ~ [part~="error"]`),
  };
}

/** Types `values` into the inputs named by the keys, firing input events as typing does. */
export function fill(el: Element, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const input = parts(el).input(name);
    if (!input) throw new Error(`<${el.localName}> has no input named ${name}`);
    input.focus();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  }
}

/** Fills the form and clicks its submit button. */
export function fillAndSubmit(el: Element, values: Record<string, string>): void {
  fill(el, values);
  parts(el).submit.click();
}

/** A record of the calls made to one method of an object, and a way to put the method back. */
export interface Spy<A extends unknown[]> {
  calls: A[];
  restore(): void;
}

const spies: Array<{ restore(): void }> = [];

/**
 * Wraps `target[method]` so calls still go through (to the real pool) but are counted. sinon is
 * not a dependency of this project; this is the small part of it the tests need.
 */
export function spyOn<T extends object, K extends keyof T>(target: T, method: K): T[K] extends (...args: infer A) => unknown ? Spy<A> : never {
  const original = target[method] as (...args: unknown[]) => unknown;
  const calls: unknown[][] = [];
  target[method] = function (this: unknown, ...args: unknown[]) {
    calls.push(args);
    return original.apply(this, args);
  } as T[K];
  const spy = {
    calls,
    restore() {
      target[method] = original as T[K];
    },
  };
  spies.push(spy);
  return spy as never;
}

/** Replaces `navigation.go` so a success does not leave the test page; returns the URLs asked for. */
export function captureNavigation(): string[] {
  const urls: string[] = [];
  const original = navigation.go;
  navigation.go = (url: string) => void urls.push(url);
  spies.push({ restore: () => void (navigation.go = original) });
  return urls;
}

/** Puts back every method wrapped by spyOn or captureNavigation (call in afterEach). */
export function restoreSpies(): void {
  while (spies.length) spies.pop()!.restore();
}

/**
 * Markup for `<tag>` configured by its attributes to use the local pool, with `extra` attributes.
 * (A string, so a test can also put it into a shadow root with innerHTML.)
 */
export function configured(tag: 'auth-register' | 'auth-verify' | 'auth-signin' | 'auth-forgot-password', extra = ''): string {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig();
  return `<${tag} region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" ${extra}></${tag}>`;
}

/** Waits for a Lit element's pending render. */
export async function settled(el: Element): Promise<void> {
  await (el as Element & { updateComplete: Promise<unknown> }).updateComplete;
}
