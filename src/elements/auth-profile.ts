import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { account } from '../cognito/account-client.js';
import { property, state } from 'lit/decorators.js';
import type { AuthErrorCode } from '../cognito/cognito-errors.js';
import { cognito } from '../cognito/cognito-client.js';
import type { AttributeField, CodeDelivery, CognitoConfig } from '../cognito/types.js';
import { message } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';
import { AuthFormElement, type FieldErrors } from '../shared/auth-form-element.js';
import { Cooldown } from '../shared/cooldown.js';
import { defineElement } from '../shared/define-element.js';
import { fieldText } from '../shared/form-data.js';
import { FreshSignIn } from '../shared/fresh-sign-in.js';
import { attributeHint, checkAttribute, normalizeAttribute, parseAttributeList } from '../shared/user-attributes.js';
import { isEmailShaped, isSixDigitCode, normalizeCode } from '../shared/validation.js';
// The account page's words come with it, not with the drop-in file.
import '../messages/en-account.js';

/** A new email or phone number waiting for the code sent to it. */
interface Waiting {
  name: 'email' | 'phone_number';
  value: string;
  delivery: CodeDelivery;
  /** Whether the value is already in place, unverified (a pool that does not keep the original). */
  applied: boolean;
}

const verifiable = (name: string): name is Waiting['name'] => name === 'email' || name === 'phone_number';

/**
 * The signed-in user's details: the attributes named in `attributes` (the same list and checks as
 * `<auth-register attributes>`, plus `email`), read with GetUser and saved with
 * UpdateUserAttributes. A new email (or phone number) is confirmed with the code sent to it: where
 * the pool keeps the original value until then (Cognito's "keep original attribute value active
 * when an update is pending", on for email in new pools) the old email keeps signing in until the
 * code is entered. Changing the email or phone number asks for the password again when the
 * sign-in is older than `max-auth-age`. After each change the session's tokens are renewed, so
 * `<auth-user>` and the page show the new name and email.
 *
 * @fires {AuthAttributesUpdatedEvent} auth-attributes-updated - Attributes were saved (`detail.attributes`), or a new email or phone number is waiting for its code (`detail.pending`); names only.
 * @fires {AuthErrorEvent} auth-error - Loading, saving or confirming failed (`detail.flow` is `profile`), or the password asked for again was wrong (`fresh-sign-in`).
 * @csspart secondary - "Send a new code", "Keep my current email", "Try again" and the password prompt's Cancel.
 * @csspart fresh-sign-in - The form asking for the password again before an email or phone change.
 */
export class AuthProfile extends AuthFormElement {
  protected readonly flow = 'profile';
  private readonly session = new SessionController(this);
  private readonly cooldown = new Cooldown(this);
  private readonly fresh = new FreshSignIn(this, {
    config: () => this.resolveOwnConfig().config,
    action: () => message('profile.fresh-action'),
    idPrefix: this.idFor('fresh'),
  });

  /**
   * The attributes to edit, as `<auth-register attributes>` takes them (`"email name* phone_number
   * custom:company"`; a trailing `*` makes one required). Default `email name`.
   */
  @property({ attribute: 'attributes' }) attributeList = 'email name';
  /** Seconds a sign-in counts as recent for an email or phone change (default: `configure({ maxAuthAge })`, else 900). */
  @property({ attribute: 'max-auth-age', type: Number }) maxAuthAge?: number;
  /** Seconds to wait after sending a code before another can be requested. Default 30. */
  @property({ attribute: 'resend-cooldown', type: Number }) resendCooldown = 30;

  /** The values as saved, from GetUser; null until loaded. */
  @state() private saved: Record<string, string> | null = null;
  /** Changes waiting for their code, the first one shown. */
  @state() private waiting: Waiting[] = [];
  /** The user the values were loaded for (a sign-in as someone else loads again). */
  private loadedFor: string | null = null;

  private get fields(): AttributeField[] {
    const tokens = this.attributeList.split(/[\s,]+/);
    const email = tokens.find((token) => token.replace(/\*$/, '') === 'email');
    const others = parseAttributeList(this.attributeList);
    // Not in the sign-up catalogue (<auth-register> always asks for the email itself).
    const emailField: AttributeField = { name: 'email', label: message('field.email'), type: 'email', autocomplete: 'email', required: true };
    return email ? [emailField, ...others] : others;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void sessionStore.whenReady().then(() => this.requestUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const user = this.session.state.user;
    if (!user) {
      this.loadedFor = null;
      this.saved = null;
      this.waiting = [];
    } else if (user.sub !== this.loadedFor && !this.busy) {
      this.loadedFor = user.sub;
      this.saved = null;
      void this.load();
    }
  }

  private load(): Promise<boolean> {
    return this.run(
      this.flow,
      () => ({}),
      async (config) => {
        this.saved = (await account.getUserDetails(config)).attributes;
      },
      'load',
      message('profile.loading'),
    ).then((ok) => {
      if (ok) this.status = '';
      return ok;
    });
  }

  protected override validate(data: FormData): FieldErrors {
    if (this.waiting.length) {
      const code = normalizeCode(fieldText(data, 'code'));
      if (!code) return { code: message('profile.check.code-empty') };
      return isSixDigitCode(code) ? {} : { code: message('check.code.shape') };
    }
    const errors: FieldErrors = {};
    for (const field of this.fields) {
      const value = normalizeAttribute(field, fieldText(data, field.name));
      const problem = field.name === 'email' ? this.checkEmail(value) : checkAttribute(field, value);
      if (problem) errors[field.name] = problem;
    }
    return errors;
  }

  private checkEmail(value: string): string | null {
    if (!value) return message('profile.check.email-empty');
    return isEmailShaped(value) ? null : message('check.email.shape');
  }

  protected override fieldForError(code: AuthErrorCode): string | null {
    if (this.waiting.length) return code === 'code-mismatch' || code === 'code-expired' || code === 'limit-exceeded' ? 'code' : null;
    if (code === 'username-exists' || code === 'invalid-email') return this.fields.some((field) => field.name === 'email') ? 'email' : null;
    return null;
  }

  protected override submit(data: FormData, config: CognitoConfig): Promise<void> {
    return this.waiting.length ? this.confirmCode(config, normalizeCode(fieldText(data, 'code'))) : this.save(data, config);
  }

  private async save(data: FormData, config: CognitoConfig): Promise<void> {
    const saved = this.saved ?? {};
    const changes: Record<string, string> = {};
    for (const field of this.fields) {
      const value = normalizeAttribute(field, fieldText(data, field.name));
      if (value !== (saved[field.name] ?? '')) changes[field.name] = value;
    }
    const names = Object.keys(changes);
    if (!names.length) {
      this.status = message('profile.unchanged');
      return;
    }
    // An email or phone number is how the account is recovered: a stolen session must not move it.
    if (names.some(verifiable) && !(await this.fresh.ensure())) return;
    const deliveries = await account.updateUserAttributes(config, changes);
    await this.renewClaims(config);
    // Where the pool keeps the original until verified, the ID token still has the old value.
    const claims = this.session.state.user?.claims ?? {};
    const waiting: Waiting[] = [];
    for (const delivery of deliveries) {
      const name = delivery.attribute;
      if (verifiable(name) && changes[name] && claims[name] !== changes[name]) waiting.push({ name, value: changes[name], delivery, applied: false });
    }
    const pending = waiting.map((item) => item.name);
    const applied = names.filter((name) => !pending.includes(name as Waiting['name']));
    const next = { ...saved };
    for (const name of applied) next[name] = changes[name];
    this.saved = next;
    this.emit('auth-attributes-updated', { username: this.username(), attributes: applied, pending });
    // An email that changed at once is unverified: its code is asked for the same way.
    for (const delivery of deliveries) {
      const name = delivery.attribute;
      if (verifiable(name) && applied.includes(name)) waiting.push({ name, value: changes[name], delivery, applied: true });
    }
    if (!waiting.length) {
      this.status = message('profile.saved');
      return;
    }
    await this.askForCode(waiting);
  }

  private async askForCode(waiting: Waiting[]): Promise<void> {
    this.waiting = waiting;
    this.status = message('profile.code-sent', { destination: waiting[0].delivery.destination });
    this.cooldown.start(this.resendCooldown);
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('[name="code"]')?.focus();
  }

  private async confirmCode(config: CognitoConfig, code: string): Promise<void> {
    const [current, ...rest] = this.waiting;
    await account.verifyUserAttribute(config, current.name, code);
    await this.renewClaims(config);
    this.saved = { ...this.saved, [current.name]: current.value, [`${current.name}_verified`]: 'true' };
    this.emit('auth-attributes-updated', { username: this.username(), attributes: [current.name], pending: rest.map((item) => item.name) });
    const done = message(current.name === 'email' ? 'profile.email-changed' : 'profile.phone-changed', { value: current.value });
    if (rest.length) {
      await this.askForCode(rest);
      this.status = `${done} ${message('profile.code-sent', { destination: rest[0].delivery.destination })}`;
      return;
    }
    this.waiting = [];
    this.status = done;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>(`[name="${current.name}"]`)?.focus();
  }

  /** New tokens, so the ID token's claims (name, email) and everything showing them follow the change. */
  private async renewClaims(config: CognitoConfig): Promise<void> {
    try {
      await cognito.getTokens(config, { force: true });
      await sessionStore.refresh();
    } catch {
      // The change is saved; the claims follow at the next renewal.
    }
  }

  private username(): string {
    return this.session.state.user?.username ?? '';
  }

  private handleResend(): void {
    const current = this.waiting[0];
    if (!current || this.cooldown.remaining > 0) return;
    void this.run(
      this.flow,
      () => ({}),
      async (config) => {
        const delivery = await account.sendAttributeCode(config, current.name);
        this.status = message('profile.code-sent', { destination: delivery?.destination ?? current.delivery.destination });
        this.cooldown.start(this.resendCooldown);
      },
      'resend',
      message('profile.resend-busy'),
    );
  }

  // A pending value stays aside at Cognito, harmless: the old one stays in use. One already in
  // place stays unverified; GetUserAttributeVerificationCode can send it a code later.
  private async keepCurrent(): Promise<void> {
    const [current, ...rest] = this.waiting;
    if (!current || this.busy) return;
    this.waiting = rest;
    this.error = null;
    this.fieldErrors = {};
    this.status = current.applied ? message('profile.later', { value: current.value }) : message('profile.kept', { value: this.saved?.[current.name] ?? '' });
    await this.updateComplete;
    this.querySelector<HTMLInputElement>(`[name="${current.name}"]`)?.focus();
  }

  private renderCodeForm(current: Waiting): TemplateResult {
    const waiting = this.cooldown.remaining > 0;
    const label = current.applied ? 'profile.code-intro-unverified' : current.name === 'email' ? 'profile.code-intro-email' : 'profile.code-intro-phone';
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        <p part="hint" id=${this.idFor('code-intro')}>${message(label, { value: current.value })}</p>
        ${this.renderField({
          name: 'code',
          label: message('profile.code'),
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          secret: true,
          describedBy: [this.idFor('code-intro')],
        })}
        ${this.renderMessages()} ${this.renderSubmit(message('profile.confirm'), message('profile.confirm-busy'))}
        <button part="secondary" type="button" aria-disabled=${waiting || this.busy ? 'true' : 'false'} @click=${this.handleResend}>
          ${this.busyAction === 'resend' ? message('profile.resend-busy') : message('profile.resend')}${
            waiting ? html` <span>${message('profile.resend-wait', { seconds: this.cooldown.remaining })}</span>` : nothing
          }
        </button>
        <button part="secondary" type="button" ?disabled=${this.busy} @click=${this.keepCurrent}>
          ${message(current.applied ? 'profile.verify-later' : current.name === 'email' ? 'profile.keep-email' : 'profile.keep-phone')}
        </button>
      </form>
    `;
  }

  private renderEditForm(saved: Record<string, string>): TemplateResult {
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} ?hidden=${this.fresh.prompting} @submit=${this.handleSubmit}>
        ${this.fields.map((field) => {
          const hint = field.name === 'email' ? this.emailHint(saved) : attributeHint(field);
          const hintId = this.idFor(`${field.name}-hint`);
          return this.renderField({
            name: field.name,
            label: field.label,
            type: field.type,
            autocomplete: field.autocomplete ?? 'off',
            required: field.required,
            value: saved[field.name] ?? '',
            describedBy: hint ? [hintId] : [],
            extra: hint ? html`<p part="hint" id=${hintId}>${hint}</p>` : nothing,
          });
        })}
        ${this.renderMessages()} ${this.renderSubmit(message('profile.save'), message('profile.save-busy'))}
      </form>
    `;
  }

  private emailHint(saved: Record<string, string>): string {
    return saved.email_verified === 'false' ? message('profile.email-unverified') : message('profile.email-hint');
  }

  override render() {
    const { ready, user } = this.session.state;
    if (!ready) return html`<div part="form"><p part="status" role="status">${message('profile.loading')}</p></div>`;
    if (!user) return html`<div part="form"><p part="status" role="status">${message('profile.signed-out')}</p></div>`;
    if (this.waiting.length) return this.renderCodeForm(this.waiting[0]);
    if (!this.saved) {
      return html`<div part="form">
        ${this.renderMessages()}
        ${this.error && !this.busy ? html`<button part="secondary" type="button" @click=${() => void this.load()}>${message('profile.retry')}</button>` : nothing}
      </div>`;
    }
    return html`${this.fresh.render()}${this.renderEditForm(this.saved)}`;
  }
}

defineElement('auth-profile', AuthProfile);

declare global {
  interface HTMLElementTagNameMap {
    'auth-profile': AuthProfile;
  }
}
