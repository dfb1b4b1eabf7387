import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AuthErrorCode } from '../cognito/cognito-errors.js';
import { cognito } from '../cognito/cognito-client.js';
import type { CognitoConfig } from '../cognito/types.js';
import { sessionStore } from '../session/session-store.js';
import { AuthFormElement, type FieldErrors } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { checkPassword, parsePolicy, summarize, type PasswordPolicy } from '../shared/password-policy.js';
import { isEmailShaped } from '../shared/validation.js';

// Announce the checklist's summary once typing pauses, not on every keystroke.
const ANNOUNCE_AFTER_MS = 1200;

/**
 * Registers a new user with email and password. The password is checked in the browser against
 * the pool's policy (state it with `password-min-length` and `password-require`), shown as a live
 * checklist. On success the email is remembered so `<auth-verify>` is pre-filled.
 *
 * @fires auth-registered - The user was created; `detail.delivery` says where the code went.
 * @fires auth-error - Registration failed; `detail.code` says why.
 * @csspart checklist - The list of password requirements, each marked met or not.
 */
export class AuthRegister extends AuthFormElement {
  protected readonly flow = 'register';
  private announceTimer?: ReturnType<typeof setTimeout>;
  private policy: PasswordPolicy = parsePolicy(undefined, undefined);

  @state() private password = '';
  @state() private announcement = '';

  /** Minimum password length of the pool (Cognito allows 6–99). Default 8. */
  @property({ attribute: 'password-min-length', type: Number }) passwordMinLength?: number;
  /**
   * Character classes the pool requires, space-separated from `upper lower digit symbol`.
   * Default: all four (Cognito's default policy); `""` for none.
   */
  @property({ attribute: 'password-require' }) passwordRequire?: string;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('passwordMinLength') || changed.has('passwordRequire')) {
      this.policy = parsePolicy(this.passwordMinLength, this.passwordRequire);
    }
  }

  protected override validate(data: FormData): FieldErrors {
    const errors: FieldErrors = {};
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const confirm = String(data.get('confirm') ?? '');
    if (!email) errors.email = 'Enter your email address.';
    else if (!isEmailShaped(email)) errors.email = 'Enter an email address like name@example.com.';
    const unmet = checkPassword(this.policy, password).filter((rule) => !rule.met);
    if (!password) errors.password = 'Choose a password.';
    else if (unmet.length) errors.password = `The password needs: ${unmet.map((r) => r.label.toLowerCase()).join(', ')}.`;
    if (!confirm) errors.confirm = 'Type the password again.';
    else if (confirm !== password) errors.confirm = 'The passwords do not match.';
    return errors;
  }

  protected override fieldForError(code: AuthErrorCode): string | null {
    if (code === 'username-exists' || code === 'invalid-email') return 'email';
    if (code === 'invalid-password') return 'password';
    return null;
  }

  protected override async submit(data: FormData, config: CognitoConfig): Promise<void> {
    const email = String(data.get('email')).trim();
    const { username, confirmed, delivery } = await cognito.signUp(config, { email, password: String(data.get('password')) });
    sessionStore.setPendingEmail(email);
    this.emit('auth-registered', { username, email, confirmed, delivery });
    if (this.goNext()) return;
    this.status = confirmed
      ? 'Your account is ready. You can sign in now.'
      : `Account created. We sent a verification code to ${delivery?.destination ?? email}.`;
  }

  private handlePasswordInput(event: InputEvent): void {
    this.password = (event.target as HTMLInputElement).value;
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.announcement = summarize(checkPassword(this.policy, this.password));
    }, ANNOUNCE_AFTER_MS);
  }

  private renderChecklist() {
    const rules = checkPassword(this.policy, this.password);
    return html`
      <ul part="checklist" id=${this.idFor('checklist')} aria-label="Password requirements">
        ${rules.map(
          (rule) => html`
            <li ?data-met=${rule.met}>
              <span aria-hidden="true">${rule.met ? '✓' : '○'}</span>
              <span>${rule.label}<span data-auth-sr>${rule.met ? ' (met)' : ' (not met yet)'}</span></span>
            </li>
          `,
        )}
      </ul>
      <p data-auth-sr aria-live="polite">${this.announcement}</p>
    `;
  }

  override render() {
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        ${this.renderField({ name: 'email', label: 'Email', type: 'email', autocomplete: 'username' })}
        ${this.renderField({
          name: 'password',
          label: 'Password',
          type: 'password',
          autocomplete: 'new-password',
          describedBy: [this.idFor('checklist')],
          onInput: this.handlePasswordInput,
          extra: this.renderChecklist(),
        })}
        ${this.renderField({ name: 'confirm', label: 'Confirm password', type: 'password', autocomplete: 'new-password' })}
        ${this.renderMessages()} ${this.renderSubmit('Create account', 'Creating account…')}
      </form>
    `;
  }
}

defineElement('auth-register', AuthRegister);

declare global {
  interface HTMLElementTagNameMap {
    'auth-register': AuthRegister;
  }
}
