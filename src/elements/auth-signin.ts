import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AuthError, AuthErrorCode } from '../cognito/cognito-errors.js';
import { cognito } from '../cognito/cognito-client.js';
import type { CognitoConfig, SignInStep } from '../cognito/types.js';
import { safeRedirectUrl } from '../config/index.js';
import type { AuthFlow } from '../events.js';
import { sessionStore } from '../session/session-store.js';
import { AuthFormElement, type FieldErrors } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { isEmailShaped } from '../shared/validation.js';

/** Where a sign-in stands: asking for credentials, or a step Cognito asked for after them. */
export type SigninStepState = { step: 'credentials' } | Exclude<SignInStep, { step: 'done' }>;

/**
 * Signs an existing user in with email (or username) and password, by SRP: the password never
 * leaves the browser. On success the session is in the store and the page goes to `next`.
 *
 * @fires auth-signed-in - Sign-in finished; the session is in the store. No tokens in the detail.
 * @fires auth-verification-required - The account's email is not verified yet.
 * @fires auth-error - Sign-in failed; `detail.code` says why.
 */
export class AuthSignin extends AuthFormElement {
  protected readonly flow: AuthFlow = 'signin';
  /** What was typed in the last submit, for the verification hand-off. */
  private lastEmail = '';

  /** The current step; each step is drawn by its own render method. */
  @state() protected step: SigninStepState = { step: 'credentials' };
  @state() private needsVerification = false;

  /** Page to verify an unconfirmed account (`<auth-verify>`); linked when sign-in meets one. */
  @property({ attribute: 'verify-url' }) verifyUrl?: string;
  /** Page to reset a forgotten password; linked under the form. */
  @property({ attribute: 'forgot-password-url' }) forgotPasswordUrl?: string;
  /** `text` for pools with plain usernames; default `email` (checked as an email address). */
  @property({ attribute: 'username-field' }) usernameField: 'email' | 'text' = 'email';

  protected override validate(data: FormData): FieldErrors {
    const errors: FieldErrors = {};
    const email = String(data.get('username') ?? '').trim();
    const byEmail = this.usernameField !== 'text';
    if (!email) errors.username = byEmail ? 'Enter your email address.' : 'Enter your username.';
    else if (byEmail && !isEmailShaped(email)) errors.username = 'Enter an email address like name@example.com.';
    if (!data.get('password')) errors.password = 'Enter your password.';
    return errors;
  }

  protected override fieldForError(code: AuthErrorCode): string | null {
    return code === 'not-authorized' || code === 'user-not-found' ? 'password' : null;
  }

  protected override handleFailure(error: AuthError): void {
    this.needsVerification = error.code === 'user-not-confirmed';
    if (!this.needsVerification) return;
    sessionStore.setPendingEmail(this.lastEmail);
    this.emit('auth-verification-required', { username: this.lastEmail });
  }

  protected override async submit(data: FormData, config: CognitoConfig): Promise<void> {
    this.lastEmail = String(data.get('username')).trim();
    this.needsVerification = false;
    const result = await cognito.signIn(config, this.lastEmail, String(data.get('password')));
    if (result.step === 'done') {
      sessionStore.signedIn(result.user, config);
      this.emit('auth-signed-in', { username: result.user.username, email: result.user.email });
      if (this.goNext()) return;
      this.status = `You are signed in as ${result.user.email ?? this.lastEmail}.`;
    } else {
      this.step = result;
    }
  }

  private startOver(): void {
    this.step = { step: 'credentials' };
    this.error = null;
    this.status = '';
  }

  /** A link to a page the site configured, if that URL is safe (same origin). */
  private renderLink(url: string | undefined, text: string): TemplateResult | typeof nothing {
    const href = url ? safeRedirectUrl(url) : null;
    return href ? html`<a part="secondary" href=${href.href}>${text}</a>` : nothing;
  }

  protected renderCredentials(): TemplateResult {
    const byEmail = this.usernameField !== 'text';
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        ${this.renderField({
          name: 'username',
          label: byEmail ? 'Email' : 'Username',
          type: byEmail ? 'email' : 'text',
          // "username" even for an email: password managers pair it with current-password.
          autocomplete: 'username',
        })}
        ${this.renderField({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' })}
        ${this.renderMessages()}
        ${this.needsVerification ? this.renderLink(this.verifyUrl, 'Verify your email address') : nothing}
        ${this.renderSubmit('Sign in', 'Signing in…')} ${this.renderLink(this.forgotPasswordUrl, 'Forgot your password?')}
      </form>
    `;
  }

  /** Steps this element cannot complete yet (new password, MFA): says so and offers a way back. */
  protected renderExtraStep(_step: Exclude<SigninStepState, { step: 'credentials' }>): TemplateResult {
    return html`
      <div part="form">
        <p part="error" role="alert">
          This account needs an extra step to sign in (a new password or a second factor), which this
          site does not support yet.
        </p>
        <button part="secondary" type="button" @click=${this.startOver}>Back to sign in</button>
      </div>
    `;
  }

  protected renderStep(step: SigninStepState): TemplateResult {
    return step.step === 'credentials' ? this.renderCredentials() : this.renderExtraStep(step);
  }

  override render() {
    return this.renderStep(this.step);
  }
}

defineElement('auth-signin', AuthSignin);

declare global {
  interface HTMLElementTagNameMap {
    'auth-signin': AuthSignin;
  }
}
