// <auth-signin offer-passkey>: after a sign-in by password or code, offers to create a passkey
// before going on to `next`. The element cannot ask whether the pool turned WEB_AUTHN on, so the
// site opts in; a pool that answers "not enabled" is remembered and never offered again. "Not now"
// is remembered per user, in this browser. The session is already stored while the offer shows.
import { html, nothing, type TemplateResult } from 'lit';
import { account } from '../../cognito/account-client.js';
import { AuthError, authError } from '../../cognito/cognito-errors.js';
import type { CognitoConfig, SessionUser } from '../../cognito/types.js';
import { message, type MessageKey } from '../../messages/message.js';
import type { StepContext } from './step-context.js';

/** `offering` until a passkey was created (`created`) or the pool said passkeys are off (`unavailable`). */
export interface PasskeyOfferStep {
  step: 'passkey-offer';
  sub: string;
  state: 'offering' | 'created' | 'unavailable';
}

/** A task run with the element's busy state and error display. */
export type Task = (config: CognitoConfig) => Promise<void>;

export interface PasskeyOfferContext extends StepContext {
  run(task: Task): Promise<boolean>;
  /** Replaces the step (created, or passkeys unavailable). */
  show(step: PasskeyOfferStep): void;
  /** Leaves the finished sign-in, for `next`. */
  proceed(): void;
}

const storageKey = (config: CognitoConfig, sub?: string) => `cognito-auth-elements.passkey-offer.${config.userPoolClientId}${sub ? `.${sub}` : ''}`;

// Storage can throw (blocked cookies, a sandboxed frame): then nothing is remembered, which only
// means the offer may show again.
function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // See read().
  }
}

/** The offer for `user`, or null: only on a page and browser that can make a passkey, and with no earlier "no". */
export function passkeyOfferFor(config: CognitoConfig, user: SessionUser): PasskeyOfferStep | null {
  if (!globalThis.isSecureContext || typeof PublicKeyCredential === 'undefined') return null;
  if (read(storageKey(config)) !== null || read(storageKey(config, user.sub)) !== null) return null;
  return { step: 'passkey-offer', sub: user.sub, state: 'offering' };
}

// The adapter's passkey messages are worded for signing in ("choose another way to sign in");
// here the person is already in, so these codes get words for creating one (passkey-exists's fit).
const creationText: Partial<Record<AuthError['code'], MessageKey>> = {
  'passkey-cancelled': 'passkey.create.cancelled',
  'passkey-unsupported': 'passkey.create.unsupported',
  'passkey-not-enabled': 'passkey.create.not-enabled',
};

/**
 * Creates a passkey for the signed-in user and resolves to its credential id; throws an AuthError
 * worded for creating one (also for <auth-passkeys>' "Add a passkey").
 */
export async function createPasskey(config: CognitoConfig): Promise<{ id: string }> {
  try {
    return await account.registerPasskey(config);
  } catch (err) {
    const key = err instanceof AuthError ? creationText[err.code] : undefined;
    if (!key) throw err;
    if (err instanceof AuthError && err.code === 'passkey-not-enabled') remember(storageKey(config), 'not-enabled');
    throw authError((err as AuthError).code, { key }, err);
  }
}

function create(ctx: PasskeyOfferContext, step: PasskeyOfferStep): void {
  void ctx.run(async (config) => {
    try {
      await createPasskey(config);
    } catch (err) {
      if ((err as AuthError).code === 'passkey-not-enabled') ctx.show({ ...step, state: 'unavailable' });
      throw err;
    }
    ctx.show({ ...step, state: 'created' });
    ctx.setStatus(message('passkey.create.done'));
  });
}

function notNow(ctx: PasskeyOfferContext, step: PasskeyOfferStep): void {
  void ctx.run((config) => {
    remember(storageKey(config, step.sub), 'not-now');
    ctx.proceed();
    return Promise.resolve();
  });
}

export function renderPasskeyOfferStep(ctx: PasskeyOfferContext, step: PasskeyOfferStep): TemplateResult {
  const offering = step.state === 'offering';
  const disabled = ctx.busy ? 'true' : 'false';
  return html`
    <form part="form" novalidate aria-busy=${disabled} @submit=${(event: SubmitEvent) => event.preventDefault()}>
      ${offering ? html`<p part="hint">${message('passkey.offer.intro')}</p>` : nothing} ${ctx.messages()}
      ${
        offering
          ? html`<button part="submit" type="button" data-offer="create" aria-disabled=${disabled} @click=${() => create(ctx, step)}>
                ${ctx.busy ? message('signin.passkey.busy') : message('passkey.offer.create')}
              </button>
              <button part="secondary" type="button" data-offer="not-now" aria-disabled=${disabled} @click=${() => notNow(ctx, step)}>
                ${message('passkey.offer.not-now')}
              </button>`
          : html`<button part="submit" type="button" data-offer="continue" @click=${ctx.proceed}>${message('signin.continue')}</button>`
      }
    </form>
  `;
}
