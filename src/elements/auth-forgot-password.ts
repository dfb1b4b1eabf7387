import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AuthErrorCode } from '../cognito/cognito-errors.js';
import { cognito } from '../cognito/cognito-client.js';
import type { CognitoConfig } from '../cognito/types.js';
import { safeRedirectUrl } from '../config/index.js';
import { SessionController } from '../session/session-controller.js';
import { AuthFormElement, type FieldErrors } from '../shared/auth-form-element.js';
import { Cooldown } from '../shared/cooldown.js';
import { defineElement } from '../shared/define-element.js';
import { fieldText } from '../shared/form-data.js';
import { PasswordChecklist } from '../shared/password-checklist.js';
import { isEmailShaped, isSixDigitCode } from '../shared/validation.js';

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
    if (!email) return { email: 'Enter the email address of your account.' };
    if (!isEmailShaped(email)) return { email: 'Enter an email address like name@example.com.' };
    return {};
  }

  protected override validate(data: FormData): FieldErrors {
    const errors = this.checkEmail(fieldText(data, 'email').trim());
    if (this.stage === 'email') return errors;
    const code = fieldText(data, 'code').trim();
    const password = fieldText(data, 'password');
    const confirm = fieldText(data, 'confirm');
    if (!code) errors.code = 'Enter the 6-digit code from the email.';
    else if (!isSixDigitCode(code)) errors.code = 'The code is 6 digits, like 123456.';
    const problem = this.checklist.problem(password);
    if (problem) errors.password = problem;
    if (!confirm) errors.confirm = 'Type the new password again.';
    else if (confirm !== password) errors.confirm = 'The passwords do not match.';
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
    await cognito.confirmForgotPassword(config, email, fieldText(data, 'code').trim(), fieldText(data, 'password'));
    this.emit('auth-password-reset', { username: email });
    if (this.goNext()) return;
    this.stage = 'done';
    this.status = 'Your password has been reset. You can sign in with the new password now.';
  }

  private async sendCode(config: CognitoConfig, email: string): Promise<void> {
    const delivery = await cognito.forgotPassword(config, email);
    this.sentTo = email;
    this.emit('auth-reset-code-sent', { username: email, delivery });
    this.status = `We sent a code to ${delivery?.destination ?? email}.`;
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
    );
  }

  private renderEmailField(): TemplateResult {
    return this.renderField({ name: 'email', label: 'Email', type: 'email', autocomplete: 'username', value: this.prefilledEmail });
  }

  private renderResetFields(): TemplateResult {
    const waiting = this.cooldown.remaining > 0;
    return html`
      ${this.renderField({
        name: 'code',
        label: 'Reset code',
        autocomplete: 'one-time-code',
        inputmode: 'numeric',
        pattern: '[0-9]{6}',
        maxlength: 6,
        describedBy: [this.idFor('code-hint')],
        extra: html`<p part="hint" id=${this.idFor('code-hint')}>The 6-digit code we emailed you.</p>`,
      })}
      ${this.renderField({
        name: 'password',
        label: 'New password',
        type: 'password',
        autocomplete: 'new-password',
        describedBy: [this.checklist.id],
        onInput: this.checklist.handleInput,
        extra: this.checklist.render(),
      })}
      ${this.renderField({ name: 'confirm', label: 'Confirm new password', type: 'password', autocomplete: 'new-password' })} ${this.renderMessages()}
      ${this.renderSubmit('Reset password', 'Resetting password…')}
      <button part="secondary" type="button" aria-disabled=${waiting || this.busy ? 'true' : 'false'} @click=${this.handleResend}>
        Send a new code${waiting ? html` <span>(available in ${this.cooldown.remaining} s)</span>` : nothing}
      </button>
    `;
  }

  private renderDone(): TemplateResult {
    const signin = this.signinUrl ? safeRedirectUrl(this.signinUrl) : null;
    return html` <div part="form">${this.renderMessages()} ${signin ? html`<a part="secondary" href=${signin.href}>Sign in</a>` : nothing}</div> `;
  }

  override render() {
    if (this.stage === 'done') return this.renderDone();
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        ${this.renderEmailField()}
        ${this.stage === 'email' ? html`${this.renderMessages()} ${this.renderSubmit('Send reset code', 'Sending code…')}` : this.renderResetFields()}
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
