import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { AuthError, type AuthErrorCode } from '../cognito/cognito-errors.js';
import { authErrorKey } from '../cognito/error-messages.js';
import type { CognitoConfig } from '../cognito/types.js';
import { resolveConfig, safeRedirectUrl } from '../config/index.js';
import type { AuthEventDetails, AuthFlow } from '../events.js';
import { LocalizedElement } from '../messages/localized.js';
import { message, word, type MessageRef } from '../messages/message.js';
import { adoptStylesOnce } from './adopt-styles.js';
import { formStyles } from './form.styles.js';
import { navigation } from './navigation.js';
import { reportOnce } from './report-once.js';

/** Problems found in the browser, by field name. */
export type FieldErrors = Record<string, string>;

/** How one labelled input is drawn by {@link AuthFormElement.renderField}. */
export interface FieldOptions {
  name: string;
  label: string;
  type?: string;
  autocomplete: string;
  inputmode?: string;
  pattern?: string;
  maxlength?: number;
  /** Whether the field must be filled in; default true. */
  required?: boolean;
  /** Pre-fill; bound once per change, so what the user types afterwards is kept. */
  value?: string;
  /** Ids of more elements that describe the input (a hint, a checklist). */
  describedBy?: string[];
  /** Emptied after a successful submit (default: password fields). */
  secret?: boolean;
  /** Called on each keystroke. */
  onInput?: (event: InputEvent) => void;
  /** Rendered under the input (a hint, a checklist). */
  extra?: TemplateResult | typeof nothing;
}

/** A link offered under the form's error or status (sign in, reset your password). */
export interface HelpLink {
  href: string;
  text: string;
}

/** The request a busy form is waiting for: its main submit, or a secondary action. */
export type BusyAction = 'submit' | 'resend' | 'signout' | 'load' | 'remove' | 'change';

// A per-bundle prefix keeps ids unique even when two copies of the script share a page.
const idPrefix = `auth-${Math.random().toString(36).slice(2, 7)}`;
let instances = 0;

/**
 * What every form element is: a light-DOM form that checks its fields in the browser, resolves
 * its pool configuration, sends one request at a time, shows busy, error and success states, and
 * fires `auth-*` events.
 *
 * @fires {AuthErrorEvent} auth-error - A request failed; `detail.flow` and `detail.code` say which and why.
 * @csspart form - The `<form>`.
 * @csspart field - A label, its input and their messages.
 * @csspart label - A field's label.
 * @csspart input - A text input.
 * @csspart hint - Help text under an input.
 * @csspart error - An error message: next to its field, or for the whole form (`role="alert"`).
 * @csspart submit - The submit button.
 * @csspart reveal - The show-password button beside a password input (its state in `aria-pressed`).
 * @csspart status - Success and progress messages (`role="status"`).
 * @cssprop --auth-accent - Submit button background, links and focus ring. Default `#2f5bea` (links and focus ring mix it with the text colour).
 * @cssprop --auth-accent-text - Submit button text. Default `#fff`.
 * @cssprop --auth-radius - Corner radius of inputs, buttons and messages. Default `0.5rem`.
 * @cssprop --auth-gap - Space between fields. Default `1rem`.
 * @cssprop --auth-font - Font family. Default: inherited from the page.
 * @cssprop --auth-error - Error text and invalid input border. Default: `#d3261b` mixed with the text colour (65%).
 * @cssprop --auth-success - Success messages and met password rules. Default: `#1f9d4c` mixed with the text colour (70%).
 * @cssprop --auth-border - Input border colour. Default: the text colour at 60% (3:1 or more on white for text as dark as #444).
 * @cssprop --auth-max-width - Maximum width of the form. Default `24rem`.
 */
export abstract class AuthFormElement extends LocalizedElement {
  /** Unique per instance: the prefix of every id inside this element. */
  protected readonly uid = `${idPrefix}-${++instances}`;
  /** The flow reported in `auth-error` for a submit. */
  protected abstract readonly flow: AuthFlow;

  /** What the form is waiting for, or null; one request at a time. */
  @state() protected busyAction: BusyAction | null = null;
  /** The failure of the last request, shown for the whole form. */
  @state() protected error: AuthError | null = null;
  /** Browser-side problems (and a server error concerning one field), by field name. */
  @state() protected fieldErrors: FieldErrors = {};
  /** The last success message (or what a secondary action is doing); a ref is worded when shown, in the language of the moment. */
  @state() protected status: string | MessageRef = '';
  /** Password fields the user chose to show as text. */
  @state() private revealed: ReadonlySet<string> = new Set();

  /**
   * AWS region of the user pool, e.g. `us-east-1`; default: the pool id's prefix. Each of these
   * five overrides the other configuration sources for this element.
   */
  @property() region?: string;
  /** User pool id, e.g. `us-east-1_AbCdEfGhI`. */
  @property({ attribute: 'user-pool-id' }) userPoolId?: string;
  /** App client id (a client without a secret). */
  @property({ attribute: 'user-pool-client-id' }) userPoolClientId?: string;
  /** Another Cognito endpoint, e.g. a local pool `http://localhost:9229/`. */
  @property() endpoint?: string;
  /** The hosted UI's domain (`<prefix>.auth.<region>.amazoncognito.com`, a custom domain, or the local pool's URL), for provider buttons. */
  @property() domain?: string;
  /** Same-origin URL to go to after success. Other origins and `javascript:` are refused. */
  @property() next?: string;

  // Light DOM: password managers and autofill see the inputs, and the page's CSS reaches them.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Whether a request is in flight. */
  protected get busy(): boolean {
    return this.busyAction !== null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStylesOnce(this.getRootNode(), formStyles);
    this.addEventListener('input', this.recheckOnInput);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('input', this.recheckOnInput);
  }

  /**
   * The checks of the form as it stands, for clearing errors while the user corrects them; by
   * default {@link validate}. An element whose form changes with its step checks that step.
   */
  protected checkCurrentForm(data: FormData): FieldErrors {
    return this.validate(data);
  }

  // A field's error goes as soon as what is typed is right, not at the next submit: every field
  // showing an error is checked again (the confirmation depends on the password). A field a
  // server error pointed at is cleared once it is edited. No new errors appear while typing.
  private readonly recheckOnInput = (event: Event): void => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.form || !Object.keys(this.fieldErrors).length) return;
    const data = new FormData(input.form);
    const now = this.inOwnLocale(() => this.checkCurrentForm(data));
    const kept: FieldErrors = {};
    for (const [name, problem] of Object.entries(this.fieldErrors)) {
      // '' marks a field a server error pointed at: it stays until that field is edited.
      if (problem === '') {
        if (name !== input.name) kept[name] = '';
      } else if (now[name] !== undefined) {
        kept[name] = now[name];
      }
    }
    // `kept` holds a subset of the keys: same size and same texts means nothing changed.
    const before = Object.entries(this.fieldErrors);
    if (before.length !== Object.keys(kept).length || before.some(([name, problem]) => kept[name] !== problem)) this.fieldErrors = kept;
  };

  /** Sends the form's request; throw an AuthError to show it and fire `auth-error`. */
  protected abstract submit(data: FormData, config: CognitoConfig): Promise<void>;

  /** Browser-side checks of the submitted form; a non-empty result sends nothing. */
  protected validate(_data: FormData): FieldErrors {
    return {};
  }

  /** The field a server error is about (marked invalid and selected for retyping), if any. */
  protected fieldForError(_code: AuthErrorCode, _flow: AuthFlow): string | null {
    return null;
  }

  /** Called after a failure has been shown and `auth-error` fired. */
  protected handleFailure(_error: AuthError, _flow: AuthFlow): void {}

  /** The id of something inside this element. */
  protected idFor(name: string): string {
    return `${this.uid}-${name}`;
  }

  /** This element's configuration, or what is missing from it. */
  protected resolveOwnConfig(): { config: CognitoConfig | null; missing: string[] } {
    const { region, userPoolId, userPoolClientId, endpoint, domain } = this;
    return resolveConfig({ region, userPoolId, userPoolClientId, endpoint, domain });
  }

  protected handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    void this.run(
      this.flow,
      () => this.validate(data),
      (config) => this.submit(data, config),
    );
  }

  /**
   * Runs one request: checks in the browser first, then the configuration, then sends, with busy,
   * error and focus handling. A call while another is in flight does nothing (no double submit).
   * `action` says which button waits (its label changes, not the others'); `busyStatus` is shown
   * in the status line meanwhile. After a successful submit the password and code fields are
   * emptied. Resolves to whether the task succeeded.
   */
  protected async run(
    flow: AuthFlow,
    check: () => FieldErrors,
    task: (config: CognitoConfig) => Promise<void>,
    action: BusyAction = 'submit',
    busyStatus = '',
  ): Promise<boolean> {
    if (this.busy) return false;
    this.error = null;
    this.status = '';
    this.fieldErrors = this.inOwnLocale(check);
    if (Object.keys(this.fieldErrors).length) {
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return false;
    }
    const { config, missing } = this.resolveOwnConfig();
    if (!config) {
      const text: MessageRef = { key: 'config.missing', params: { fields: missing.join(', ') } };
      this.fail(new AuthError('not-configured', message(text.key, text.params), undefined, text), flow);
      return false;
    }
    const root = this.getRootNode() as Document | ShadowRoot;
    const focused = root.activeElement instanceof HTMLElement && this.contains(root.activeElement) ? root.activeElement : null;
    this.busyAction = action;
    this.status = busyStatus;
    let ok = false;
    try {
      await task(config);
      ok = true;
    } catch (err) {
      if (busyStatus && this.status === busyStatus) this.status = '';
      this.fail(err, flow);
    } finally {
      this.busyAction = null;
    }
    if (ok && action === 'submit') this.clearSecrets();
    await this.updateComplete;
    this.restoreFocus(ok, focused);
    return ok;
  }

  // A password or code left in a field after it served is one a passer-by can read or reuse.
  private clearSecrets(): void {
    for (const input of this.querySelectorAll<HTMLInputElement>('input[type="password"], input[data-auth-clear]')) input.value = '';
    this.revealed = new Set();
  }

  /**
   * The message shown for a failure: the error's own catalogue text where it has one (a named
   * challenge, the site's reason, a configuration problem), else the code's, worded for the flow.
   */
  protected errorText(error: AuthError, flow: AuthFlow): MessageRef {
    return error.text ?? { key: authErrorKey(error.code, flow) };
  }

  private fail(err: unknown, flow: AuthFlow): void {
    const cause = err instanceof AuthError ? err : new AuthError('unknown', String(err), err);
    reportForDevelopers(cause);
    const text = this.errorText(cause, flow);
    const shown = message(text.key, text.params);
    this.error = new AuthError(cause.code, shown, cause, text);
    const field = this.fieldForError(cause.code, flow);
    // The alert carries the text; the field points at it so it is read again on focus.
    if (field) this.fieldErrors = { [field]: '' };
    this.emit('auth-error', { flow, code: cause.code, message: shown });
    this.handleFailure(this.error, flow);
  }

  // After a failure, the field concerned is focused with its text selected for retyping. Otherwise
  // focus goes back where it was: a button disabled while busy dropped it to <body>.
  private restoreFocus(ok: boolean, previous: HTMLElement | null): void {
    const invalid = ok ? null : this.querySelector<HTMLInputElement>('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      invalid.select();
    } else if (previous?.isConnected && !(previous as HTMLButtonElement).disabled) {
      previous.focus();
    }
  }

  /** Fires a bubbling, composed `auth-*` event. */
  protected emit<K extends keyof AuthEventDetails>(type: K, detail: AuthEventDetails[K]): void {
    /** @ignore Each element lists the events it fires with `@fires`; this dispatch names none. */
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** Goes to `target` (default `next`) if it is set and safe; says whether it navigated. */
  protected goNext(target = this.next): boolean {
    if (!target) return false;
    const url = safeRedirectUrl(target);
    if (!url) {
      console.warn(`cognito-auth-elements: refusing to go to "${target}" (only same-origin URLs are allowed).`);
      return false;
    }
    navigation.go(url.href);
    return true;
  }

  private toggleReveal(name: string): void {
    const next = new Set(this.revealed);
    if (!next.delete(name)) next.add(name);
    this.revealed = next;
  }

  /** The show-password button of a password field: one name, its state in `aria-pressed`. */
  private renderReveal(name: string, inputId: string): TemplateResult {
    const shown = this.revealed.has(name);
    return html`<button
      part="secondary reveal"
      type="button"
      aria-controls=${inputId}
      aria-pressed=${shown ? 'true' : 'false'}
      @click=${() => this.toggleReveal(name)}
    >
      ${message('password.show')}
    </button>`;
  }

  /** One labelled input with its error, described by its hint, its error and the form's alert. */
  protected renderField(field: FieldOptions): TemplateResult {
    const id = this.idFor(field.name);
    const problem = this.fieldErrors[field.name];
    const invalid = problem !== undefined;
    const password = field.type === 'password';
    const type = password && this.revealed.has(field.name) ? 'text' : (field.type ?? 'text');
    const describedBy = [
      ...(field.describedBy ?? []),
      ...(problem ? [`${id}-error`] : []),
      ...(invalid && !problem && this.error ? [this.idFor('alert')] : []),
    ];
    return html`
      <div part="field">
        <label part="label" for=${id}>${field.label}</label>
        <input
          part="input"
          id=${id}
          name=${field.name}
          type=${type}
          autocomplete=${field.autocomplete}
          inputmode=${ifDefined(field.inputmode)}
          pattern=${ifDefined(field.pattern)}
          maxlength=${ifDefined(field.maxlength)}
          ?data-auth-clear=${field.secret ?? password}
          spellcheck=${ifDefined(password ? 'false' : undefined)}
          autocapitalize=${ifDefined(password ? 'off' : undefined)}
          ?required=${field.required ?? true}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy.length ? describedBy.join(' ') : undefined)}
          .value=${field.value ?? ''}
          @input=${field.onInput}
        />
        ${password ? this.renderReveal(field.name, id) : nothing} ${field.extra ?? nothing}
        ${problem ? html`<p part="error" id="${id}-error">${problem}</p>` : nothing}
      </div>
    `;
  }

  /** Links that help with the current error or status (none by default). */
  protected helpLinks(): HelpLink[] {
    return [];
  }

  /** A same-origin link to a page the site configured, or nothing when unset or unsafe. */
  protected linkTo(url: string | undefined, text: string): HelpLink[] {
    const href = url ? safeRedirectUrl(url) : null;
    return href ? [{ href: href.href, text }] : [];
  }

  /** The configuration warning, the form-level error and the success status, with their links. */
  protected renderMessages(): TemplateResult {
    const { missing } = this.error ? { missing: [] } : this.resolveOwnConfig();
    // Worded now, not when they happened, so that a change of language reaches them.
    const text = this.error ? word(this.error.text ?? this.error.message) : missing.length ? message('config.missing', { fields: missing.join(', ') }) : '';
    const links = this.helpLinks();
    return html`
      ${text ? html`<p part="error" role="alert" id=${this.idFor('alert')}>${text}</p>` : nothing}
      <p part="status" role="status">${word(this.status)}</p>
      ${links.map((link) => html`<a part="secondary" href=${link.href}>${link.text}</a>`)}
    `;
  }

  /** The submit button: disabled while any request is in flight, relabelled while its own is. */
  protected renderSubmit(label: string, busyLabel: string): TemplateResult {
    const waiting = this.busyAction === 'submit';
    return html`<button part="submit" type="submit" ?disabled=${this.busy}>${waiting ? busyLabel : label}</button>`;
  }
}

// Our own bugs and the site's configuration problems are for its developer: the console says what
// the visitor's message cannot (once per distinct problem, not on every retry).
function reportForDevelopers(error: AuthError): void {
  if (error.code === 'not-configured') reportOnce('error', `cognito-auth-elements: ${error.message}`);
  else if (error.code === 'unknown' && error.cause instanceof Error) reportOnce('error', 'cognito-auth-elements: unexpected error', error.cause);
}
