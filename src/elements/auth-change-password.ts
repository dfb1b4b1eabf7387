import { html, nothing, type TemplateResult } from 'lit';
import { account } from '../cognito/account-client.js';
import { property } from 'lit/decorators.js';
import type { AuthError, AuthErrorCode } from '../cognito/cognito-errors.js';
import type { CognitoConfig } from '../cognito/types.js';
import type { AuthFlow } from '../events.js';
import { message, type MessageRef } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { AuthFormElement, type FieldErrors, type HelpLink } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { fieldText } from '../shared/form-data.js';
import { PasswordChecklist } from '../shared/password-checklist.js';
// The account page's words come with it, not with the drop-in file.
import '../messages/en-account.js';

// As at sign-in: from this many wrong current passwords in a row, say that Cognito will pause
// the attempts (LimitExceededException) rather than only "not right".
const WARN_AFTER_FAILURES = 4;

/**
 * Changes the signed-in user's password (Cognito's ChangePassword): the current password, then a
 * new one checked against the pool's policy (`password-min-length`, `password-require`) as a live
 * checklist, typed twice. A wrong current password is marked on its field; after several, the
 * message warns that Cognito pauses attempts, and its pause (`limit-exceeded`) links to
 * `forgot-password-url`. Other devices stay signed in, as in Cognito. Signed out, it says so and
 * links to `signin-url`.
 *
 * @fires {AuthPasswordChangedEvent} auth-password-changed - The password was changed.
 * @fires {AuthErrorEvent} auth-error - Changing failed (`detail.flow` is `change-password`).
 * @csspart checklist - The list of password requirements, each marked met or not.
 * @csspart secondary - Links under the message (sign in, reset your password).
 */
export class AuthChangePassword extends AuthFormElement {
  protected readonly flow = 'change-password';
  private readonly session = new SessionController(this);
  private readonly checklist = new PasswordChecklist(this, this.idFor('checklist'));
  private failures = 0;

  /** Minimum password length of the pool (Cognito allows 6–99). Default 8. */
  @property({ attribute: 'password-min-length', type: Number }) passwordMinLength?: number;
  /** Character classes the pool requires, from `upper lower digit symbol`. Default: all four; `""`: none. */
  @property({ attribute: 'password-require' }) passwordRequire?: string;
  /** Sign-in page, linked when nobody is signed in. */
  @property({ attribute: 'signin-url' }) signinUrl?: string;
  /** Password-reset page, linked when Cognito pauses attempts after wrong current passwords. */
  @property({ attribute: 'forgot-password-url' }) forgotPasswordUrl?: string;

  protected override validate(data: FormData): FieldErrors {
    const errors: FieldErrors = {};
    const current = fieldText(data, 'current');
    const password = fieldText(data, 'password');
    const confirm = fieldText(data, 'confirm');
    if (!current) errors.current = message('check.password.empty');
    const problem = this.checklist.problem(password);
    if (problem) errors.password = problem;
    else if (password === current) errors.password = message('change-password.same');
    if (!confirm) errors.confirm = message('check.confirm.empty-new');
    else if (confirm !== password) errors.confirm = message('check.confirm.mismatch');
    return errors;
  }

  protected override fieldForError(code: AuthErrorCode): string | null {
    if (code === 'not-authorized' || code === 'limit-exceeded' || code === 'password-attempts-exceeded') return 'current';
    if (code === 'invalid-password') return 'password';
    return null;
  }

  protected override errorText(error: AuthError, flow: AuthFlow): MessageRef {
    if (error.code === 'not-authorized' && this.failures >= WARN_AFTER_FAILURES) return { key: 'change-password.lockout-warning' };
    return super.errorText(error, flow);
  }

  protected override async submit(data: FormData, config: CognitoConfig): Promise<void> {
    try {
      await account.changePassword(config, fieldText(data, 'current'), fieldText(data, 'password'));
    } catch (err) {
      if ((err as AuthError).code === 'not-authorized') this.failures += 1;
      throw err;
    }
    this.failures = 0;
    this.checklist.reset();
    this.emit('auth-password-changed', { username: this.session.state.user?.username ?? '' });
    if (this.goNext()) return;
    this.status = message('change-password.done');
  }

  protected override helpLinks(): HelpLink[] {
    const code = this.error?.code;
    if (code === 'signed-out' || code === 'session-expired') return this.linkTo(this.signinUrl, message('link.signin'));
    if (code === 'limit-exceeded' || code === 'password-attempts-exceeded' || (code === 'not-authorized' && this.failures >= WARN_AFTER_FAILURES)) {
      return this.linkTo(this.forgotPasswordUrl, message('link.reset-password'));
    }
    return [];
  }

  private renderSignedOut(): TemplateResult {
    const links = this.linkTo(this.signinUrl, message('link.signin'));
    return html`<div part="form">
      <p part="status" role="status">${message('account.signed-out')}</p>
      ${links.map((link) => html`<a part="secondary" href=${link.href}>${link.text}</a>`)}
    </div>`;
  }

  override render() {
    const { user, ready } = this.session.state;
    if (ready && !user && !this.status) return this.renderSignedOut();
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        ${
          user?.email
            ? html`<input type="email" name="username" autocomplete="username" .value=${user.email} hidden readonly tabindex="-1" aria-hidden="true" />`
            : nothing
        }
        ${this.renderField({ name: 'current', label: message('change-password.current'), type: 'password', autocomplete: 'current-password' })}
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
        ${this.renderMessages()} ${this.renderSubmit(message('change-password.submit'), message('change-password.busy'))}
      </form>
    `;
  }
}

defineElement('auth-change-password', AuthChangePassword);

declare global {
  interface HTMLElementTagNameMap {
    'auth-change-password': AuthChangePassword;
  }
}
