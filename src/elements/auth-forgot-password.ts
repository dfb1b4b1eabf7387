import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AuthErrorCode } from '../cognito/cognito-errors.js';
import { cognito } from '../cognito/cognito-client.js';
import type { CognitoConfig } from '../cognito/types.js';
import { message } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';
import { AuthFormElement, type FieldErrors, type HelpLink } from '../shared/auth-form-element.js';
import { Cooldown } from '../shared/cooldown.js';
import { defineElement } from '../shared/define-element.js';
import { fieldText } from '../shared/form-data.js';
import { leaveNotice } from '../shared/next-page-notice.js';
import { PasswordChecklist } from '../shared/password-checklist.js';
import { isEmailShaped, isSixDigitCode, normalizeCode } from '../shared/validation.js';

/**
 * Resets a forgotten password in two steps: the email, to which Cognito sends a code; then the
 * code and a new password, checked against the pool's policy (`password-min-length`,
 * `password-require`) as a live checklist. Afterwards the page goes to `next`, or says so with a
 * link to `signin-url`. The email is pre-filled from the `email` attribute, else `?email=`, else
 * the address the session store remembers.
 *
 * @fires {AuthResetCodeSentEvent} auth-reset-code-sent - A reset code was sent (also on "Send a new code"); `detail.delivery` says where.
 * @fires {AuthPasswordResetEvent} auth-password-reset - The password was changed; the user can sign in with it.
 * @fires {AuthErrorEvent} auth-error - Sending the code or resetting failed (`detail.flow` is `forgot-password`).
 * @csspart secondary - The "Send a new code" button, and the sign-in link after the reset.
 * @csspart checklist - The list of password requirements, each marked met or not.
 */
export class AuthForgotPassword extends AuthFormElement {
  protected readonly flow = 'forgot-password';
  private readonly session = new SessionController(this);
  private readonly cooldown = new Cooldown(this);
  private readonly checklist = new PasswordChecklist(this, this.idFor('checklist'));

  /** `email`: ask for the address; `reset`: code and new password; `done`: reset. */
  @state() private stage: 'email' | 'reset' | 'done' = 'email';
  /** The address the code went to. */
  @state() private sentTo = '';

  /** Pre-fills the email field (wins over `?email=` and the remembered address). */
  @property() email?: string;
  /** Sign-in page, linked after the reset when there is no `next`. */
  @property({ attribute: 'signin-url' }) signinUrl?: string;
  /** Seconds to wait after sending a code before another can be requested. Default 30. */
  @property({ attribute: 'resend-cooldown', type: Number }) resendCooldown = 30;
  /** Minimum password length of the pool (Cognito allows 6–99). Default 8. */
  @property({ attribute: 'password-min-length', type: Number }) passwordMinLength?: number;
  /** Character classes the pool requires, from `upper lower digit symbol`. Default: all four; `""`: none. */
  @property({ attribute: 'password-require' }) passwordRequire?: string;

  private get prefilledEmail(): string {
    const fromUrl = new URLSearchParams(window.location.search).get('email');
    return this.sentTo || this.email || fromUrl || this.session.state.pendingEmail || '';
  }

  private checkEmail(email: string): FieldErrors {
    if (!email) return { email: message('check.email.empty-account') };
    if (!isEmailShaped(email)) return { email: message('check.email.shape') };
    return {};
  }

  protected override validate(data: FormData): FieldErrors {
    const errors = this.checkEmail(fieldText(data, 'email').trim());
    if (this.stage === 'email') return errors;
    const code = normalizeCode(fieldText(data, 'code'));
    const password = fieldText(data, 'password');
    const confirm = fieldText(data, 'confirm');
    if (!code) errors.code = message('check.code.empty-email');
    else if (!isSixDigitCode(code)) errors.code = message('check.code.shape');
    const problem = this.checklist.problem(password);
    if (problem) errors.password = problem;
    if (!confirm) errors.confirm = message('check.confirm.empty-new');
    else if (confirm !== password) errors.confirm = message('check.confirm.mismatch');
    return errors;
  }

  protected override fieldForError(code: AuthErrorCode): string | null {
    if (code === 'code-mismatch' || code === 'code-expired') return 'code';
    if (code === 'invalid-password') return 'password';
    if (code === 'user-not-found' || code === 'invalid-email') return 'email';
    return null;
  }

  protected override async submit(data: FormData, config: CognitoConfig): Promise<void> {
    const email = fieldText(data, 'email').trim();
    if (this.stage === 'email') return this.sendCode(config, email);
    await cognito.confirmForgotPassword(config, email, normalizeCode(fieldText(data, 'code')), fieldText(data, 'password'));
    this.emit('auth-password-reset', { username: cognito.username(config, email) });
    // The sign-in page says the password changed, with the email filled in.
    sessionStore.setPendingEmail(email);
    if (this.next) leaveNotice(message('forgot.next-page'));
    if (this.goNext()) return;
    this.stage = 'done';
    this.status = { key: 'forgot.done' };
  }

  private async sendCode(config: CognitoConfig, email: string): Promise<void> {
    const delivery = await cognito.forgotPassword(config, email);
    this.sentTo = email;
    this.emit('auth-reset-code-sent', { username: cognito.username(config, email), delivery });
    this.status = { key: 'forgot.code-sent', params: { destination: delivery?.destination ?? email } };
    if (this.stage !== 'reset') {
      this.stage = 'reset';
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('[name="code"]')?.focus();
    }
    this.cooldown.start(this.resendCooldown);
  }

  private handleResend(): void {
    const form = this.querySelector('form');
    if (this.cooldown.remaining > 0 || !form) return;
    const email = fieldText(new FormData(form), 'email').trim();
    void this.run(
      this.flow,
      () => this.checkEmail(email),
      (config) => this.sendCode(config, email),
      'resend',
      message('forgot.resend-busy'),
    );
  }

  private renderEmailField(): TemplateResult {
    return this.renderField({ name: 'email', label: message('field.email'), type: 'email', autocomplete: 'username', value: this.prefilledEmail });
  }

  private renderResetFields(): TemplateResult {
    const waiting = this.cooldown.remaining > 0;
    return html`
      ${this.renderField({
        name: 'code',
        label: message('forgot.code'),
        autocomplete: 'one-time-code',
        inputmode: 'numeric',
        secret: true,
        describedBy: [this.idFor('code-hint')],
        extra: html`<p part="hint" id=${this.idFor('code-hint')}>${message('forgot.code-hint')}</p>`,
      })}
      ${this.renderField({
        name: 'password',
        label: message('field.new-password'),
        type: 'password',
        autocomplete: 'new-password',
        describedBy: [this.checklist.id],
        onInput: this.checklist.handleInput,
        extra: this.checklist.render(),
      })}
      ${this.renderField({ name: 'confirm', label: message('field.confirm-new-password'), type: 'password', autocomplete: 'new-password' })}
      ${this.renderMessages()} ${this.renderSubmit(message('forgot.submit'), message('forgot.busy'))}
      <button part="secondary" type="button" aria-disabled=${waiting || this.busy ? 'true' : 'false'} @click=${this.handleResend}>
        ${this.busyAction === 'resend' ? message('forgot.resend-busy') : message('forgot.resend')}${
          waiting ? html` <span>${message('forgot.resend-wait', { seconds: this.cooldown.remaining })}</span>` : nothing
        }
      </button>
    `;
  }

  protected override helpLinks(): HelpLink[] {
    return this.stage === 'done' ? this.linkTo(this.signinUrl, message('forgot.signin-link')) : [];
  }

  private renderDone(): TemplateResult {
    return html`<div part="form">${this.renderMessages()}</div>`;
  }

  override render() {
    if (this.stage === 'done') return this.renderDone();
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        ${this.renderEmailField()}
        ${
          this.stage === 'email'
            ? html`${this.renderMessages()} ${this.renderSubmit(message('forgot.submit-email'), message('forgot.busy-email'))}`
            : this.renderResetFields()
        }
      </form>
    `;
  }
}

defineElement('auth-forgot-password', AuthForgotPassword);

declare global {
  interface HTMLElementTagNameMap {
    'auth-forgot-password': AuthForgotPassword;
  }
}
