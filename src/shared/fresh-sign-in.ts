// Sensitive account changes (deleting the account, adding a passkey, changing the email, removing
// MFA) ask for the password again when the sign-in is older than `max-auth-age`: tokens left in an
// unattended browser, or stolen from it, must not be enough to lock the owner out of the account.
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { account } from '../cognito/account-client.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { cognito } from '../cognito/cognito-client.js';
import { AuthError, authError, toAuthError } from '../cognito/cognito-errors.js';
import { authErrorKey } from '../cognito/error-messages.js';
import type { CognitoConfig, PendingSignIn, SignInStep } from '../cognito/types.js';
import { message, type MessageKey } from '../messages/message.js';
import { sessionStore } from '../session/session-store.js';
import { isSixDigitCode, normalizeCode } from './validation.js';
// The account page's words come with it, not with the drop-in file.
import '../messages/en-account.js';

/**
 * Seconds a sign-in counts as recent, unless `max-auth-age` or `configure({ maxAuthAge })` says
 * otherwise: 15 minutes. Long enough that someone who has just signed in to change their account is
 * not asked twice, and that several changes in a row need one password; short enough that a
 * browser left signed in (sessions last as long as the refresh token, 30 days by default) cannot
 * be used to delete the account or take it over. The same order as GitHub's "sudo mode" prompt
 * and the `max_age` sites commonly send to OpenID providers for such actions.
 */
export const DEFAULT_MAX_AUTH_AGE = 900;

// From this many wrong passwords in a row, the message warns that sign-in will be paused (as
// <auth-signin> does): Cognito locks the account for a while after about five.
const WARN_AFTER_FAILURES = 4;

/** What a host gives the controller. */
// Only what the controller uses of the element: an element may redefine other HTMLElement members
// (<auth-register>'s `attributes` property is a string).
export interface FreshSignInHost extends ReactiveControllerHost, Pick<HTMLElement, 'getRootNode' | 'querySelector' | 'dispatchEvent'> {
  /** The host's `max-auth-age` attribute (seconds), when it has one. */
  maxAuthAge?: number;
}

export interface FreshSignInOptions {
  /** The host's resolved configuration (its attributes, then configure(), …), or null. */
  config: () => CognitoConfig | null;
  /** What the password unlocks, completing "enter your password again to …": `delete your account`. */
  action: () => string;
  /** A prefix for the prompt's ids, unique on the page (the host's `idFor('fresh')`). */
  idPrefix: string;
}

type Stage = 'idle' | 'password' | 'code';

/**
 * Asks for the password again before a sensitive change, when the sign-in is older than
 * `max-auth-age` seconds (the host's property, else `configure({ maxAuthAge })`, else 900).
 *
 * Usage, in an element (an {@link AuthFormElement}):
 * ```ts
 * @property({ attribute: 'max-auth-age', type: Number }) maxAuthAge?: number;
 * private readonly fresh = new FreshSignIn(this, {
 *   config: () => this.resolveOwnConfig().config,
 *   action: () => message('delete.fresh-action'), // "delete your account"
 *   idPrefix: this.idFor('fresh'),
 * });
 *
 * // In the action, after your own browser-side checks and before the request:
 * if (!(await this.fresh.ensure())) return; // cancelled: do nothing, say nothing
 *
 * // In render(): the prompt beside your form, which is hidden (not removed) meanwhile, so
 * // what the person typed there is kept:
 * html`${this.fresh.render()}<form ?hidden=${this.fresh.prompting} …>…</form>`
 * ```
 *
 * - `ensure()` resolves `true` at once when the sign-in is recent. Otherwise it shows the prompt
 *   ("For your security, enter your password again to <action>", and how long ago the sign-in
 *   was), signs in again with SRP as the current user (cognito.signIn: a new `auth_time`, stored
 *   and put in the session store like any sign-in), then resolves `true`; Cancel resolves
 *   `false`. Calls while a prompt is open share it. It rejects with AuthError `signed-out` when
 *   nobody is signed in, or `not-configured` without a configuration.
 * - A wrong password says so beside the field and lets the person retry; from the fourth in a
 *   row it warns that sign-in pauses, and Cognito's lockout (`password-attempts-exceeded`) is
 *   shown as at sign-in. The prompt fires `auth-error` with flow `fresh-sign-in` for each failure.
 * - When the pool asks for MFA (an authenticator app, a texted or emailed code), a code step
 *   follows in the same prompt. Steps a signed-in person never meets here (a temporary password,
 *   setting up MFA, choosing among factors) say to sign out and in again instead.
 * - Passwordless users (passkey or emailed-code sign-in, no password) cannot pass the prompt:
 *   only the password is offered, since a site that needs this for them would sign them in again
 *   with `<auth-signin methods>`, which gives a new `auth_time` too. Decided for the first version.
 * - The host calls `render()` once per render; it returns `nothing` when no prompt is open.
 */
export class FreshSignIn implements ReactiveController {
  private stage: Stage = 'idle';
  private busy = false;
  private error = '';
  private fieldError = '';
  /** Whether the last failure concerns what was typed (marked on the field), not the service. */
  private errorOnField = false;
  private failures = 0;
  private pending: PendingSignIn | null = null;
  private codeStep: Extract<SignInStep, { step: 'totp' | 'sms' | 'email' }>['step'] = 'totp';
  private waiting: Promise<boolean> | null = null;
  private settle: ((ok: boolean) => void) | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(
    private readonly host: FreshSignInHost,
    private readonly options: FreshSignInOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // A prompt nobody can answer any more: the action it guarded does not happen.
    this.finish(false);
  }

  /** Whether the prompt is showing (hide the host's own form meanwhile). */
  get prompting(): boolean {
    return this.stage !== 'idle';
  }

  /** The sign-in age limit in seconds that applies now. */
  get maxAge(): number {
    const own = this.host.maxAuthAge;
    if (typeof own === 'number' && Number.isFinite(own) && own >= 0) return own;
    return this.options.config()?.maxAuthAge ?? DEFAULT_MAX_AUTH_AGE;
  }

  /** Whether the current sign-in is recent enough for a sensitive change. */
  isRecent(config: CognitoConfig): boolean {
    const age = account.secondsSinceSignIn(config);
    return age !== null && age <= this.maxAge;
  }

  /**
   * Resolves true when the sign-in is recent, or once the person has entered their password (and
   * code) again; false when they cancel.
   */
  ensure(): Promise<boolean> {
    if (this.waiting) return this.waiting;
    const config = this.options.config();
    if (!config) return Promise.reject(authError('not-configured', { key: 'error.not-configured' }));
    if (!cognito.storedUser(config)) return Promise.reject(authError('signed-out', { key: 'error.signed-out' }));
    if (this.isRecent(config)) return Promise.resolve(true);
    const root = this.host.getRootNode() as Document | ShadowRoot;
    this.returnFocus = root.activeElement instanceof HTMLElement ? root.activeElement : null;
    this.waiting = new Promise<boolean>((resolve) => (this.settle = resolve));
    this.open('password');
    return this.waiting;
  }

  /** Closes an open prompt as if cancelled. */
  cancel(): void {
    this.finish(false);
  }

  private open(stage: Stage): void {
    this.stage = stage;
    this.error = '';
    this.fieldError = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.input()?.focus());
  }

  private finish(ok: boolean): void {
    if (!this.settle) return;
    const settle = this.settle;
    this.settle = null;
    this.waiting = null;
    this.pending = null;
    this.stage = 'idle';
    this.busy = false;
    this.error = '';
    this.fieldError = '';
    this.host.requestUpdate();
    const back = this.returnFocus;
    this.returnFocus = null;
    void this.host.updateComplete.then(() => {
      if (back?.isConnected && !(back as HTMLButtonElement).disabled) back.focus();
      settle(ok);
    });
  }

  private input(): HTMLInputElement | null {
    return this.host.querySelector<HTMLInputElement>(`#${this.options.idPrefix}-input`);
  }

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.busy) return;
    const value = this.input()?.value ?? '';
    const problem = this.stage === 'password' ? (value ? '' : message('check.password.empty')) : this.codeProblem(normalizeCode(value));
    if (problem) {
      this.fieldError = problem;
      this.error = '';
      this.host.requestUpdate();
      void this.host.updateComplete.then(() => this.input()?.focus());
      return;
    }
    void this.send(value);
  };

  private codeProblem(code: string): string {
    if (!code) return message('check.code.empty');
    return isSixDigitCode(code) ? '' : message('check.code.shape');
  }

  private async send(value: string): Promise<void> {
    const config = this.options.config();
    const user = config ? cognito.storedUser(config) : null;
    if (!config || !user) {
      this.finish(false);
      return;
    }
    this.busy = true;
    this.error = '';
    this.fieldError = '';
    this.host.requestUpdate();
    try {
      const step =
        this.stage === 'password' || !this.pending
          ? await cognito.signIn(config, user.username, value)
          : await cognito.answerMfaCode(config, this.pending, normalizeCode(value));
      this.busy = false;
      this.failures = 0;
      await this.next(step, config);
    } catch (err) {
      this.busy = false;
      this.fail(err);
    }
  }

  private async next(step: SignInStep, config: CognitoConfig): Promise<void> {
    switch (step.step) {
      case 'done':
        sessionStore.signedIn(step.user, config);
        this.finish(true);
        return;
      case 'totp':
      case 'sms':
      case 'email':
        this.pending = step.pending;
        this.codeStep = step.step;
        this.open('code');
        await this.host.updateComplete;
        return;
      default:
        // A temporary password, MFA set-up or a choice of factors: the sign-in page's job.
        throw authError('unsupported-challenge', { key: 'fresh.finish-elsewhere' });
    }
  }

  private fail(err: unknown): void {
    const flow = this.stage === 'code' ? 'mfa' : 'fresh-sign-in';
    const error = err instanceof AuthError ? err : toAuthError(err, flow);
    if (error.code === 'not-authorized' && this.stage === 'password') this.failures += 1;
    const key: MessageKey =
      error.code === 'not-authorized' && this.stage === 'password' && this.failures >= WARN_AFTER_FAILURES
        ? 'signin.lockout-warning'
        : (error.text?.key ?? authErrorKey(error.code, flow));
    this.error = message(key, error.text?.params);
    this.errorOnField = ['not-authorized', 'password-attempts-exceeded', 'code-mismatch', 'code-expired'].includes(error.code);
    // A spent sign-in session (the code came too late) starts again from the password.
    if (this.stage === 'code' && (error.code === 'session-expired' || error.code === 'not-authorized')) this.stage = 'password';
    this.host.dispatchEvent(
      new CustomEvent('auth-error', { detail: { flow: 'fresh-sign-in', code: error.code, message: this.error }, bubbles: true, composed: true }),
    );
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const input = this.input();
      input?.focus();
      input?.select();
    });
  }

  private codeLabel(): string {
    if (this.codeStep === 'sms') return message('signin.sms.code');
    if (this.codeStep === 'email') return message('signin.email.code');
    return message('signin.totp.code');
  }

  // For password managers: the account the password is for (a hidden username field beside it).
  private username(): string {
    const config = this.options.config();
    const user = config ? cognito.storedUser(config) : null;
    return user?.email ?? user?.username ?? '';
  }

  private why(): string {
    const config = this.options.config();
    const age = config ? account.secondsSinceSignIn(config) : null;
    if (age === null) return message('fresh.why-unknown');
    const minutes = Math.round(age / 60);
    return minutes <= 1 ? message('fresh.why-minute') : message('fresh.why', { minutes });
  }

  /** The prompt (password, then a code if the pool asks), or nothing when none is open. */
  render(): TemplateResult | typeof nothing {
    if (this.stage === 'idle') return nothing;
    const id = this.options.idPrefix;
    const password = this.stage === 'password';
    const describedBy = [`${id}-intro`, ...(this.fieldError ? [`${id}-error`] : []), ...(this.error ? [`${id}-alert`] : [])].join(' ');
    return html`
      <form part="form fresh-sign-in" novalidate aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="${id}-intro" @submit=${this.handleSubmit}>
        <p part="hint" id="${id}-intro">
          ${password ? message('fresh.intro', { action: this.options.action() }) : message('fresh.code-intro')}
          ${password ? html`<span>${this.why()}</span>` : nothing}
        </p>
        ${
          password && this.username()
            ? html`<input type="text" name="username" autocomplete="username" .value=${this.username()} hidden readonly tabindex="-1" aria-hidden="true" />`
            : nothing
        }
        <div part="field">
          <label part="label" for="${id}-input">${password ? message('field.password') : this.codeLabel()}</label>
          <input
            part="input"
            id="${id}-input"
            name=${password ? 'fresh-password' : 'fresh-code'}
            type=${password ? 'password' : 'text'}
            autocomplete=${password ? 'current-password' : 'one-time-code'}
            inputmode=${ifDefined(password ? undefined : 'numeric')}
            required
            aria-invalid=${this.fieldError || (this.error && this.errorOnField) ? 'true' : 'false'}
            aria-describedby=${describedBy}
          />
          ${this.fieldError ? html`<p part="error" id="${id}-error">${this.fieldError}</p>` : nothing}
        </div>
        ${this.error ? html`<p part="error" role="alert" id="${id}-alert">${this.error}</p>` : nothing}
        <p part="status" role="status">${this.busy ? message('fresh.busy') : ''}</p>
        <button part="submit" type="submit" ?disabled=${this.busy}>
          ${this.busy ? message('fresh.busy') : message(password ? 'fresh.submit' : 'signin.code.submit')}
        </button>
        <button part="secondary" type="button" @click=${() => this.cancel()}>${message('fresh.cancel')}</button>
      </form>
    `;
  }
}
