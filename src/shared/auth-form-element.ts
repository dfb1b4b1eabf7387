import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { AuthError, type AuthErrorCode } from '../cognito/cognito-errors.js';
import { authErrorMessage } from '../cognito/error-messages.js';
import type { CognitoConfig } from '../cognito/types.js';
import { onConfigChange, resolveConfig, safeRedirectUrl } from '../config/index.js';
import type { AuthEventDetails, AuthFlow } from '../events.js';
import { adoptStylesOnce } from './adopt-styles.js';
import { formStyles } from './form.styles.js';
import { navigation } from './navigation.js';

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
  /** Called on each keystroke. */
  onInput?: (event: InputEvent) => void;
  /** Rendered under the input (a hint, a checklist). */
  extra?: TemplateResult | typeof nothing;
}

/** Codes whose AuthError message says more than the code's catalogue text. */
const specificMessages: ReadonlySet<AuthErrorCode> = new Set(['not-configured', 'unsupported-challenge']);

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
 * @csspart status - Success and progress messages (`role="status"`).
 * @cssprop --auth-accent - Submit button background, links and focus ring. Default `#2f5bea` (links and focus ring mix it with the text colour).
 * @cssprop --auth-accent-text - Submit button text. Default `#fff`.
 * @cssprop --auth-radius - Corner radius of inputs, buttons and messages. Default `0.5rem`.
 * @cssprop --auth-gap - Space between fields. Default `1rem`.
 * @cssprop --auth-font - Font family. Default: inherited from the page.
 * @cssprop --auth-error - Error text and invalid input border. Default: `#d3261b` mixed with the text colour (65%).
 * @cssprop --auth-success - Success messages and met password rules. Default: `#1f9d4c` mixed with the text colour (70%).
 * @cssprop --auth-border - Input border colour. Default: the text colour at 40%.
 * @cssprop --auth-max-width - Maximum width of the form. Default `24rem`.
 */
export abstract class AuthFormElement extends LitElement {
  /** Unique per instance: the prefix of every id inside this element. */
  protected readonly uid = `${idPrefix}-${++instances}`;
  /** The flow reported in `auth-error` for a submit. */
  protected abstract readonly flow: AuthFlow;
  private stopConfigListener?: () => void;

  @state() protected busy = false;
  /** The failure of the last request, shown for the whole form. */
  @state() protected error: AuthError | null = null;
  /** Browser-side problems (and a server error concerning one field), by field name. */
  @state() protected fieldErrors: FieldErrors = {};
  /** The last success message. */
  @state() protected status = '';

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
  /** Same-origin URL to go to after success. Other origins and `javascript:` are refused. */
  @property() next?: string;

  // Light DOM: password managers and autofill see the inputs, and the page's CSS reaches them.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStylesOnce(this.getRootNode(), formStyles);
    // configure() may run after we render: drop the "not configured" notice when it does.
    this.stopConfigListener = onConfigChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopConfigListener?.();
  }

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
    const { region, userPoolId, userPoolClientId, endpoint } = this;
    return resolveConfig({ region, userPoolId, userPoolClientId, endpoint });
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
   * Resolves to whether the task succeeded.
   */
  protected async run(flow: AuthFlow, check: () => FieldErrors, task: (config: CognitoConfig) => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.error = null;
    this.status = '';
    this.fieldErrors = check();
    if (Object.keys(this.fieldErrors).length) {
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return false;
    }
    const { config, missing } = this.resolveOwnConfig();
    if (!config) {
      this.fail(new AuthError('not-configured', notConfiguredMessage(missing)), flow);
      return false;
    }
    const root = this.getRootNode() as Document | ShadowRoot;
    const focused = root.activeElement instanceof HTMLElement && this.contains(root.activeElement) ? root.activeElement : null;
    this.busy = true;
    let ok = false;
    try {
      await task(config);
      ok = true;
    } catch (err) {
      this.fail(err, flow);
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.restoreFocus(ok, focused);
    return ok;
  }

  private fail(err: unknown, flow: AuthFlow): void {
    const cause = err instanceof AuthError ? err : new AuthError('unknown', String(err), err);
    // Worded for this flow and keyed by code; our own not-configured and unsupported-challenge
    // texts name what is missing.
    const message = cause.message && specificMessages.has(cause.code) ? cause.message : authErrorMessage(cause.code, flow);
    this.error = new AuthError(cause.code, message, cause);
    const field = this.fieldForError(cause.code, flow);
    // The alert carries the text; the field points at it so it is read again on focus.
    if (field) this.fieldErrors = { [field]: '' };
    this.emit('auth-error', { flow, code: cause.code, message });
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

  /** Goes to `next` if it is set and safe; says whether it navigated. */
  protected goNext(): boolean {
    if (!this.next) return false;
    const url = safeRedirectUrl(this.next);
    if (!url) {
      console.warn(`cognito-auth-elements: refusing to go to next="${this.next}" (only same-origin URLs are allowed).`);
      return false;
    }
    navigation.go(url.href);
    return true;
  }

  /** One labelled input with its error, described by its hint, its error and the form's alert. */
  protected renderField(field: FieldOptions): TemplateResult {
    const id = this.idFor(field.name);
    const problem = this.fieldErrors[field.name];
    const invalid = problem !== undefined;
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
          type=${field.type ?? 'text'}
          autocomplete=${field.autocomplete}
          inputmode=${ifDefined(field.inputmode)}
          pattern=${ifDefined(field.pattern)}
          maxlength=${ifDefined(field.maxlength)}
          ?required=${field.required ?? true}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy.length ? describedBy.join(' ') : undefined)}
          .value=${field.value ?? ''}
          @input=${field.onInput}
        />
        ${field.extra ?? nothing} ${problem ? html`<p part="error" id="${id}-error">${problem}</p>` : nothing}
      </div>
    `;
  }

  /** The configuration warning, the form-level error and the success status. */
  protected renderMessages(): TemplateResult {
    const { missing } = this.error ? { missing: [] } : this.resolveOwnConfig();
    const text = this.error?.message ?? (missing.length ? notConfiguredMessage(missing) : '');
    return html`
      ${text ? html`<p part="error" role="alert" id=${this.idFor('alert')}>${text}</p>` : nothing}
      <p part="status" role="status">${this.status}</p>
    `;
  }

  /** The submit button, disabled and relabelled while busy. */
  protected renderSubmit(label: string, busyLabel: string): TemplateResult {
    return html`<button part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? busyLabel : label}</button>`;
  }
}

function notConfiguredMessage(missing: string[]): string {
  return `This form is not configured yet: missing ${missing.join(', ')}.`;
}
