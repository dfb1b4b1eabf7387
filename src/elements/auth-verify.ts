import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AuthErrorCode } from '../cognito/cognito-errors.js';
import { cognito } from '../cognito/cognito-client.js';
import type { CognitoConfig } from '../cognito/types.js';
import { SessionController } from '../session/session-controller.js';
import { AuthFormElement, type FieldErrors } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { fieldText } from '../shared/form-data.js';
import { isEmailShaped, isSixDigitCode } from '../shared/validation.js';

/**
 * Confirms a new account with the 6-digit code Cognito emailed. The email is pre-filled from the
 * `email` attribute, else `?email=` in the page URL, else the address just registered (kept by
 * the session store across pages). A button sends a new code, then waits `resend-cooldown` seconds.
 *
 * @fires {AuthVerifiedEvent} auth-verified - The code was accepted; the user can sign in.
 * @fires {AuthCodeResentEvent} auth-code-resent - A new code was sent; `detail.delivery` says where.
 * @fires {AuthErrorEvent} auth-error - Verifying or resending failed (`detail.flow` is `verify` or `resend-code`).
 * @csspart secondary - The "Send a new code" button.
 */
export class AuthVerify extends AuthFormElement {
  protected readonly flow = 'verify';
  /** Re-renders when the store's pending email changes (a registration on this page). */
  private readonly session = new SessionController(this);
  private cooldownTimer?: ReturnType<typeof setInterval>;

  /** Seconds left before another code can be requested. */
  @state() private cooldown = 0;

  /** Pre-fills the email field (wins over `?email=` and the remembered address). */
  @property() email?: string;
  /** Seconds to wait after sending a code before another can be requested. Default 30. */
  @property({ attribute: 'resend-cooldown', type: Number }) resendCooldown = 30;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopCooldown();
  }

  private get prefilledEmail(): string {
    const fromUrl = new URLSearchParams(window.location.search).get('email');
    return this.email || fromUrl || this.session.state.pendingEmail || '';
  }

  private get form(): HTMLFormElement | null {
    return this.querySelector('form');
  }

  private checkEmail(email: string): FieldErrors {
    if (!email) return { email: 'Enter the email address you registered with.' };
    if (!isEmailShaped(email)) return { email: 'Enter an email address like name@example.com.' };
    return {};
  }

  protected override validate(data: FormData): FieldErrors {
    const errors = this.checkEmail(fieldText(data, 'email').trim());
    const code = fieldText(data, 'code').trim();
    if (!code) errors.code = 'Enter the 6-digit code from the email.';
    else if (!isSixDigitCode(code)) errors.code = 'The code is 6 digits, like 123456.';
    return errors;
  }

  protected override fieldForError(code: AuthErrorCode): string | null {
    if (code === 'code-mismatch' || code === 'code-expired') return 'code';
    if (code === 'user-not-found' || code === 'invalid-email') return 'email';
    return null;
  }

  protected override async submit(data: FormData, config: CognitoConfig): Promise<void> {
    const email = fieldText(data, 'email').trim();
    await cognito.confirmSignUp(config, email, fieldText(data, 'code').trim());
    this.emit('auth-verified', { username: email });
    if (this.goNext()) return;
    this.status = 'Your email address is verified. You can sign in now.';
  }

  private handleResend(): void {
    if (this.cooldown > 0 || !this.form) return;
    const email = fieldText(new FormData(this.form), 'email').trim();
    void this.run(
      'resend-code',
      () => this.checkEmail(email),
      async (config) => {
        const delivery = await cognito.resendSignUpCode(config, email);
        this.emit('auth-code-resent', { username: email, delivery });
        this.status = `We sent a new code to ${delivery?.destination ?? email}.`;
        this.startCooldown();
      },
    );
  }

  private startCooldown(): void {
    this.stopCooldown();
    this.cooldown = Math.max(0, Math.floor(this.resendCooldown));
    if (!this.cooldown) return;
    this.cooldownTimer = setInterval(() => {
      this.cooldown -= 1;
      if (this.cooldown <= 0) this.stopCooldown();
    }, 1000);
  }

  private stopCooldown(): void {
    clearInterval(this.cooldownTimer);
    this.cooldownTimer = undefined;
  }

  override render() {
    const waiting = this.cooldown > 0;
    // aria-disabled rather than disabled while waiting, so the button keeps focus and a screen
    // reader can still read how long is left.
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        ${this.renderField({ name: 'email', label: 'Email', type: 'email', autocomplete: 'email', value: this.prefilledEmail })}
        ${this.renderField({
          name: 'code',
          label: 'Verification code',
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          pattern: '[0-9]{6}',
          maxlength: 6,
          describedBy: [this.idFor('code-hint')],
          extra: html`<p part="hint" id=${this.idFor('code-hint')}>The 6-digit code we emailed you.</p>`,
        })}
        ${this.renderMessages()} ${this.renderSubmit('Verify', 'Verifying…')}
        <button part="secondary" type="button" aria-disabled=${waiting || this.busy ? 'true' : 'false'} @click=${this.handleResend}>
          Send a new code${waiting ? html` <span>(available in ${this.cooldown} s)</span>` : nothing}
        </button>
      </form>
    `;
  }
}

defineElement('auth-verify', AuthVerify);

declare global {
  interface HTMLElementTagNameMap {
    'auth-verify': AuthVerify;
  }
}
