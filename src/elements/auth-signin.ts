import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AuthError, AuthErrorCode } from '../cognito/cognito-errors.js';
import { cognito } from '../cognito/cognito-client.js';
import type { CognitoConfig, SessionUser, SignInMethod, UserAuthStep } from '../cognito/types.js';
import type { AuthFlow } from '../events.js';
import { message, type MessageRef } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';
import { adoptStylesOnce } from '../shared/adopt-styles.js';
import { AuthFormElement, type FieldErrors } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { fieldText } from '../shared/form-data.js';
import { takeNotice } from '../shared/next-page-notice.js';
import { PasswordChecklist } from '../shared/password-checklist.js';
import { renderSignedInAs, SignedInAs } from '../shared/signed-in-as.js';
import { isEmailShaped } from '../shared/validation.js';
import { signinStyles } from './auth-signin.styles.js';
import { answerChoiceStep, choiceFlow, isChoiceStep, methodsFrom, renderChoiceStep, validateChoiceStep, type ChoiceStep } from './signin-steps/choice-steps.js';
import { ChoiceSignIn } from './signin-steps/choice-sign-in.js';
import { renderCredentialsStep } from './signin-steps/credentials-step.js';
import { renderIdentifyStep } from './signin-steps/identify-step.js';
import { withProviderButtons } from './signin-steps/provider-buttons.js';
import type * as PasskeyOffer from './signin-steps/passkey-offer-step.js';
import type { PasskeyOfferStep, Task } from './signin-steps/passkey-offer-step.js';
import { answerStep, renderExtraStep, stepFlow, validateStep, type ExtraStep } from './signin-steps/signin-steps.js';
import type { StepContext } from './signin-steps/step-context.js';

// Cognito pauses sign-in after five failed attempts (one second, doubling), so a person typing
// slowly is told "incorrect" again while the pause grows; from this many failures in a row the
// message says what is happening.
const WARN_AFTER_FAILURES = 4;

// The passkey offer loads only on pages that ask for it (offer-passkey), when a sign-in ends, so
// the drop-in file's first download does not carry it.
let passkeyOffer: Promise<typeof PasskeyOffer> | undefined;
const loadPasskeyOffer = () => (passkeyOffer ??= import('./signin-steps/passkey-offer-step.js'));

/** Where a sign-in stands: asking for credentials, or a step Cognito asked for after them. */
export type SigninStepState = { step: 'credentials' } | ExtraStep | ChoiceStep | PasskeyOfferStep;

/**
 * Signs an existing user in with email (or username) and password, by SRP: the password never
 * leaves the browser. Then any step the pool asks for: a new password (and required attributes)
 * for an account created with a temporary one, an authenticator-app or texted code, or setting up
 * an authenticator app (QR code and setup key). On success the session is in the store and the
 * page goes to `next`; with `offer-passkey`, first "Sign in faster next time with a passkey".
 *
 * @fires {AuthSignedInEvent} auth-signed-in - Sign-in finished; the session is in the store. No tokens in the detail.
 * @fires {AuthVerificationRequiredEvent} auth-verification-required - The account's email is not verified yet.
 * @fires {AuthErrorEvent} auth-error - Sign-in failed; `detail.flow` is `signin`, `new-password` or `mfa`, `detail.code` says why.
 * @csspart secondary - The forgot-password and verify links, "Start over", and the set-up step's copy button and `otpauth:` link.
 * @csspart checklist - The password requirements in the new-password step.
 * @csspart qr - The QR code (`<svg>`) in the authenticator set-up step.
 */
export class AuthSignin extends AuthFormElement {
  protected readonly flow: AuthFlow = 'signin';
  /** What was typed in the last submit, for the verification hand-off and "Start over". */
  private lastEmail = '';
  /** The passkey offer's module, once loaded. */
  private offer?: typeof PasskeyOffer;
  /** Failed password attempts in a row for `lastEmail`. */
  private failures = 0;
  private readonly checklist = new PasswordChecklist(this, this.idFor('checklist'));
  /** The email a previous page handed over (just registered, verified or reset). */
  private readonly session = new SessionController(this);
  /** "Signed in as …" with a sign-out button, instead of the form, while someone is signed in. */
  private readonly signedInAs = new SignedInAs(this, this.session);

  /** The current step; each step is drawn by its own render function. */
  @state() protected step: SigninStepState = { step: 'credentials' };
  @state() private needsVerification = false;
  /** Where choice-based sign-in goes after each answer, and its choose / passkey / resend buttons. */
  private readonly choice = new ChoiceSignIn(this, {
    methods: () => this.choiceMethods,
    email: () => this.lastEmail,
    step: () => this.step,
    resendCooldown: () => this.resendCooldown,
    run: (flow, task, action) => this.run(flow, () => ({}), task, action),
    finish: (result, config) => this.finish(result, config),
    setStatus: (text) => void (this.status = text),
  });

  /**
   * Choice-based sign-in (Cognito's USER_AUTH, Essentials plan or higher): the ways to offer, in
   * order, from `passkey email-code sms-code password`. The email is asked first; then the methods
   * the pool allows for that account (one is used at once). Absent: email and password (SRP).
   */
  @property() methods?: string;
  /**
   * After a sign-in by password or code, offers to create a passkey ("Create a passkey", "Not
   * now") before going to `next`. Set it only where the pool allows passkeys (WEB_AUTHN among its
   * first factors). Not shown where the browser or page cannot make one, after "Not now" (per
   * user), or ever again once the pool said passkeys are off.
   */
  @property({ attribute: 'offer-passkey', type: Boolean }) offerPasskey = false;
  /**
   * Identity providers offered as buttons under the first step, e.g. `Google Apple` (also
   * `Facebook`, `Amazon`, or a SAML/OIDC provider's name): sign-in at the hosted UI. Needs `domain`.
   */
  @property() providers?: string;
  /** Also offers "Continue with the hosted sign-in page" under the first step. Needs `domain`. */
  @property({ attribute: 'hosted-ui', type: Boolean }) hostedUi = false;
  /** Seconds before "Send a new code" can be used again after an emailed or texted sign-in code. */
  @property({ attribute: 'resend-cooldown', type: Number }) resendCooldown = 30;
  /** Page to verify an unconfirmed account (`<auth-verify>`); linked when sign-in meets one. */
  @property({ attribute: 'verify-url' }) verifyUrl?: string;
  /** Page to reset a forgotten password; linked under the form. */
  @property({ attribute: 'forgot-password-url' }) forgotPasswordUrl?: string;
  /** `text` for pools with plain usernames; default `email` (checked as an email address). */
  @property({ attribute: 'username-field' }) usernameField: 'email' | 'text' = 'email';
  /** Minimum password length of the pool, for the new-password step. Default 8. */
  @property({ attribute: 'password-min-length', type: Number }) passwordMinLength?: number;
  /** Character classes the pool requires, from `upper lower digit symbol`. Default: all four; `""`: none. */
  @property({ attribute: 'password-require' }) passwordRequire?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    // E.g. "signed out here, but the server could not be told", from a page that redirected here.
    this.status ||= takeNotice();
    cognito.prepareSignIn();
  }

  protected override updated(changed: PropertyValues): void {
    // A new step replaces the form: put keyboard and screen-reader users on its first input.
    if (changed.has('step') && this.step.step !== 'credentials') {
      // Only the authenticator set-up needs more than the shared sheet.
      if (this.step.step === 'totp-setup') adoptStylesOnce(this.getRootNode(), signinStyles);
      this.querySelector<HTMLElement>('input[part~="input"]:not([type="hidden"]), [part~="method"], [data-offer]')?.focus();
    }
  }

  protected override validate(data: FormData): FieldErrors {
    const errors: FieldErrors = {};
    const email = fieldText(data, 'username').trim();
    const byEmail = this.usernameField !== 'text';
    if (!email) errors.username = byEmail ? message('check.email.empty') : message('check.username.empty');
    else if (byEmail && !isEmailShaped(email)) errors.username = message('check.email.shape');
    if (!this.choiceMethods.length && !data.get('password')) errors.password = message('check.password.empty');
    return errors;
  }

  protected override checkCurrentForm(data: FormData): FieldErrors {
    const step = this.step;
    if (step.step === 'credentials') return this.validate(data);
    if (step.step === 'passkey-offer') return {};
    return isChoiceStep(step) ? validateChoiceStep(step, data) : validateStep(step, data, this.checklist);
  }

  protected override errorText(error: AuthError, flow: AuthFlow): MessageRef {
    if (flow === 'signin' && error.code === 'not-authorized' && this.failures >= WARN_AFTER_FAILURES) return { key: 'signin.lockout-warning' };
    // A texted code is checked in the latest message, not in an app.
    if (flow === 'mfa' && this.step.step === 'sms' && error.code === 'code-mismatch') return { key: 'error.mfa-sms.code-mismatch' };
    return super.errorText(error, flow);
  }

  protected override fieldForError(code: AuthErrorCode, flow: AuthFlow): string | null {
    if (flow === 'mfa') return code === 'code-mismatch' || code === 'code-expired' ? 'code' : null;
    if (flow === 'new-password') return code === 'invalid-password' ? 'password' : null;
    return code === 'not-authorized' || code === 'user-not-found' ? 'password' : null;
  }

  protected override handleFailure(error: AuthError, flow: AuthFlow): void {
    this.needsVerification = flow === 'signin' && error.code === 'user-not-confirmed';
    if (!this.needsVerification) return;
    sessionStore.setPendingEmail(this.lastEmail);
    this.emit('auth-verification-required', { username: this.lastEmail });
  }

  protected override handleSubmit(event: SubmitEvent): void {
    const step = this.step;
    if (step.step === 'credentials') return super.handleSubmit(event);
    event.preventDefault();
    if (step.step === 'passkey-offer') return;
    // With the pressed button's name and value: the MFA picker's buttons say which factor.
    const data = new FormData(event.currentTarget as HTMLFormElement, event.submitter);
    if (isChoiceStep(step)) {
      void this.run(
        choiceFlow(step),
        () => validateChoiceStep(step, data),
        async (config) => this.choice.after(await answerChoiceStep(step, data, config), config),
      );
      return;
    }
    void this.run(
      stepFlow(step),
      () => validateStep(step, data, this.checklist),
      async (config) => this.finish(await answerStep(step, data, config), config),
    );
  }

  protected override async submit(data: FormData, config: CognitoConfig): Promise<void> {
    const email = fieldText(data, 'username').trim();
    if (email !== this.lastEmail) this.failures = 0;
    this.lastEmail = email;
    this.needsVerification = false;
    if (this.choiceMethods.length) return this.choice.after(await cognito.startUserAuth(config, email), config);
    let result: UserAuthStep;
    try {
      result = await cognito.signIn(config, email, fieldText(data, 'password'));
    } catch (err) {
      if ((err as AuthError).code === 'not-authorized' || (err as AuthError).code === 'user-not-found') this.failures += 1;
      throw err;
    }
    this.failures = 0;
    this.finish(result, config);
  }

  /** The `methods` attribute, parsed; empty for the password form. */
  private get choiceMethods(): SignInMethod[] {
    return methodsFrom(this.methods);
  }

  /** Shows the next step, or (only when done) stores the session and fires auth-signed-in. */
  private finish(result: UserAuthStep, config: CognitoConfig): void {
    if (result.step !== 'done') {
      this.checklist.reset();
      this.step = result;
      return;
    }
    this.signedInAs.key = 'signin.done';
    sessionStore.signedIn(result.user, config);
    this.emit('auth-signed-in', { username: cognito.username(config, this.lastEmail), email: result.user.email });
    // A passkey sign-in (the step is still `passkey`) needs no offer of one.
    if (this.offerPasskey && this.step.step !== 'passkey') return this.offerPasskeyOr(result.user, config);
    this.proceed();
  }

  /** Offers a passkey to `user` if the page and browser can make one and nobody said no; else goes on. */
  private offerPasskeyOr(user: SessionUser, config: CognitoConfig): void {
    loadPasskeyOffer().then(
      (offer) => {
        this.offer = offer;
        const step = offer.passkeyOfferFor(config, user);
        if (step) this.step = step;
        else this.proceed();
      },
      // The offer is a nicety: a failed download must not hold the person up.
      () => this.proceed(),
    );
  }

  /** Leaves a finished sign-in: to `next`, else the "signed in as" note. */
  private proceed(): void {
    this.step = { step: 'credentials' };
    this.goNext();
  }

  private startOver(): void {
    if (this.busy) return;
    this.step = { step: 'credentials' };
    this.error = null;
    this.fieldErrors = {};
    this.status = '';
    cognito.prepareSignIn();
    const field = this.choiceMethods.length ? 'username' : 'password';
    void this.updateComplete.then(() => this.querySelector<HTMLInputElement>(`[name="${field}"]`)?.focus());
  }

  protected renderStep(step: SigninStepState): TemplateResult {
    const ctx: StepContext = {
      busy: this.busy,
      idFor: (name) => this.idFor(name),
      field: (options) => this.renderField(options),
      messages: () => this.renderMessages(),
      submit: (label, busyLabel) => this.renderSubmit(label, busyLabel),
      handleSubmit: this.handleSubmit,
      startOver: this.startOver,
      setStatus: (text) => void (this.status = text),
      requestUpdate: () => this.requestUpdate(),
    };
    if (step.step === 'passkey-offer') {
      const view = {
        ...ctx,
        run: (task: Task) => this.run('signin', () => ({}), task),
        show: (next: PasskeyOfferStep) => (this.step = next),
        proceed: () => this.proceed(),
      };
      // The step is only entered once the module has loaded (offerPasskeyOr).
      return (this.offer as typeof PasskeyOffer).renderPasskeyOfferStep(view, step);
    }
    if (isChoiceStep(step)) return renderChoiceStep(this.choice.context(ctx, step), step);
    if (step.step !== 'credentials') return renderExtraStep(ctx, step, this.checklist);
    const email = this.lastEmail || this.session.state.pendingEmail || '';
    if (this.choiceMethods.length) return renderIdentifyStep(ctx, email, this.needsVerification ? this.verifyUrl : undefined);
    return renderCredentialsStep(ctx, {
      byEmail: this.usernameField !== 'text',
      email,
      verifyUrl: this.needsVerification ? this.verifyUrl : undefined,
      forgotPasswordUrl: this.forgotPasswordUrl,
    });
  }

  override render() {
    if (this.step.step === 'credentials' && this.signedInAs.showing) return renderSignedInAs(this.signedInAs);
    const view = this.renderStep(this.step);
    return this.step.step === 'credentials' ? withProviderButtons(this, view) : view;
  }
}

defineElement('auth-signin', AuthSignin);

declare global {
  interface HTMLElementTagNameMap {
    'auth-signin': AuthSignin;
  }
}
