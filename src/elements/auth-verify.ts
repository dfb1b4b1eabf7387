import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AuthErrorCode } from '../cognito/cognito-errors.js';
import { cognito } from '../cognito/cognito-client.js';
import type { CognitoConfig } from '../cognito/types.js';
import { SessionController } from '../session/session-controller.js';
import { AuthFormElement, type FieldErrors, type HelpLink } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { message } from '../messages/message.js';
import { sessionStore } from '../session/session-store.js';
import { fieldText } from '../shared/form-data.js';
import { leaveNotice, takeNotice } from '../shared/next-page-notice.js';
import { forgetSignUpSession, signUpSessionFor } from '../shared/signup-session.js';
import { isEmailShaped, isSixDigitCode, normalizeCode } from '../shared/validation.js';

/**
 * Confirms a new account with the 6-digit code Cognito emailed. The email is pre-filled from the
 * `email` attribute, else `?email=` in the page URL, else the address just registered (kept by
 * the session store across pages). A button sends a new code, then waits `resend-cooldown` seconds.
 *
 * When `<auth-register>` signed the user up in this tab a few minutes ago and the app client
 * allows USER_AUTH, the confirmed code also signs the user in (Cognito's sign-up Session): no
 * password or second code. Then it goes to `signin-next` (else `next`). Otherwise, as before,
 * the user is asked to sign in.
 *
 * @fires {AuthVerifiedEvent} auth-verified - The code was accepted; the user can sign in.
 * @fires {AuthSignedInEvent} auth-signed-in - After auth-verified, when the sign-up's Session signed the user in; the session is in the store.
 * @fires {AuthCodeResentEvent} auth-code-resent - A new code was sent; `detail.delivery` says where.
 * @fires {AuthErrorEvent} auth-error - Verifying or resending failed (`detail.flow` is `verify` or `resend-code`).
 * @csspart secondary - The "Send a new code" button, and the sign-in link once the email is verified.
 */
export class AuthVerify extends AuthFormElement {
  protected readonly flow = 'verify';
  /** Re-renders when the store's pending email changes (a registration on this page). */
  private readonly session = new SessionController(this);
  private cooldownTimer?: ReturnType<typeof setInterval>;

  /** Seconds left before another code can be requested. */
  @state() private cooldown = 0;
  /** The last code was accepted (and did not sign the user in: then there is no sign-in link). */
  @state() private verified = false;

  /** Pre-fills the email field (wins over `?email=` and the remembered address). */
  @property() email?: string;
  /** Sign-in page, linked once the email is verified (or was already). */
  @property({ attribute: 'signin-url' }) signinUrl?: string;
  /** Where to go once the confirmed code has signed the user in (default: `next`). */
  @property({ attribute: 'signin-next' }) signinNext?: string;
  /** Seconds to wait after sending a code before another can be requested. Default 30. */
  @property({ attribute: 'resend-cooldown', type: Number }) resendCooldown = 30;

  override connectedCallback(): void {
    super.connectedCallback();
    // E.g. "Account created. We sent a verification code to …", from the page that sent us here.
    this.status ||= takeNotice('auth-verify');
  }

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
    if (!email) return { email: message('check.email.empty-registered') };
    if (!isEmailShaped(email)) return { email: message('check.email.shape') };
    return {};
  }

  protected override validate(data: FormData): FieldErrors {
    const errors = this.checkEmail(fieldText(data, 'email').trim());
    const code = normalizeCode(fieldText(data, 'code'));
    if (!code) errors.code = message('check.code.empty-email');
    else if (!isSixDigitCode(code)) errors.code = message('check.code.shape');
    return errors;
  }

  protected override fieldForError(code: AuthErrorCode): string | null {
    if (code === 'code-mismatch' || code === 'code-expired') return 'code';
    if (code === 'user-not-found' || code === 'invalid-email') return 'email';
    return null;
  }

  protected override async submit(data: FormData, config: CognitoConfig): Promise<void> {
    const email = fieldText(data, 'email').trim();
    const kept = signUpSessionFor(email, config.userPoolClientId);
    const { session } = await cognito.confirmSignUp(config, email, normalizeCode(fieldText(data, 'code')), kept);
    if (kept) forgetSignUpSession();
    this.emit('auth-verified', { username: cognito.username(config, email) });
    if (session && (await this.signInWith(session, email, config))) return;
    // The sign-in page says why the visitor is there, with the email filled in.
    sessionStore.setPendingEmail(email);
    if (this.next) leaveNotice(message('verify.next-page'));
    if (this.goNext()) return;
    this.verified = true;
    this.status = { key: 'verify.done' };
  }

  /** Signs in with ConfirmSignUp's Session; false (ask to sign in, as before) when it cannot. */
  private async signInWith(session: string, email: string, config: CognitoConfig): Promise<boolean> {
    // Refused (expired, say): the email is verified all the same, so the user signs in as usual.
    // Not done: a pool that also asks for MFA, which the sign-in form walks through.
    const step = await cognito.signInAfterConfirm(config, email, session).catch(() => null);
    if (step?.step !== 'done') return false;
    sessionStore.signedIn(step.user, config);
    this.emit('auth-signed-in', { username: cognito.username(config, email), email: step.user.email });
    if (this.goNext(this.signinNext || this.next)) return true;
    this.status = { key: 'signin.done', params: { email: step.user.email ?? email } };
    return true;
  }

  protected override helpLinks(): HelpLink[] {
    const canSignIn = this.verified || this.error?.code === 'already-confirmed';
    return canSignIn ? this.linkTo(this.signinUrl, message('link.signin')) : [];
  }

  private handleResend(): void {
    if (this.cooldown > 0 || !this.form) return;
    const email = fieldText(new FormData(this.form), 'email').trim();
    void this.run(
      'resend-code',
      () => this.checkEmail(email),
      async (config) => {
        const delivery = await cognito.resendSignUpCode(config, email);
        this.emit('auth-code-resent', { username: cognito.username(config, email), delivery });
        this.status = { key: 'verify.resent', params: { destination: delivery?.destination ?? email } };
        this.startCooldown();
      },
      'resend',
      message('verify.resend-busy'),
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
        ${this.renderField({ name: 'email', label: message('field.email'), type: 'email', autocomplete: 'email', value: this.prefilledEmail })}
        ${this.renderField({
          name: 'code',
          label: message('verify.code'),
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          secret: true,
          describedBy: [this.idFor('code-hint')],
          extra: html`<p part="hint" id=${this.idFor('code-hint')}>${message('verify.code-hint')}</p>`,
        })}
        ${this.renderMessages()} ${this.renderSubmit(message('verify.submit'), message('verify.busy'))}
        <button part="secondary" type="button" aria-disabled=${waiting || this.busy ? 'true' : 'false'} @click=${this.handleResend}>
          ${this.busyAction === 'resend' ? message('verify.resend-busy') : message('verify.resend')}${
            waiting ? html` <span>${message('verify.resend-wait', { seconds: this.cooldown })}</span>` : nothing
          }
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
