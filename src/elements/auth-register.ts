import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { AuthError, AuthErrorCode } from '../cognito/cognito-errors.js';
import { cognito } from '../cognito/cognito-client.js';
import type { AttributeField, CognitoConfig } from '../cognito/types.js';
import type { AuthFlow } from '../events.js';
import { inSentence, message, type MessageRef } from '../messages/message.js';
import { sessionStore } from '../session/session-store.js';
import { AuthFormElement, type FieldErrors, type HelpLink } from '../shared/auth-form-element.js';
import { renderSignedInAs, SignedInAs } from '../shared/signed-in-as.js';
import { defineElement } from '../shared/define-element.js';
import { fieldText } from '../shared/form-data.js';
import { leaveNotice } from '../shared/next-page-notice.js';
import { PasswordChecklist } from '../shared/password-checklist.js';
import { keepSignUpSession } from '../shared/signup-session.js';
import {
  ATTRIBUTE_MAX_LENGTH,
  attributeField,
  attributeHint,
  checkAttribute,
  normalizeAttribute,
  parseAttributeList,
  type AttributeFieldInput,
} from '../shared/user-attributes.js';
import { isEmailShaped } from '../shared/validation.js';

/**
 * Registers a new user with email and password. The password is checked in the browser against
 * the pool's policy (state it with `password-min-length` and `password-require`), shown as a live
 * checklist. On success the email is remembered so `<auth-verify>` is pre-filled.
 *
 * Pools that ask for more than an email take more fields with `attributes`: standard attributes
 * (`name`, `given_name`, `family_name`, `phone_number`, `birthdate`, `website`, …) get a label,
 * input type, autocomplete token and browser-side check; `custom:*` ones a label made from their
 * name. Or set `attributeFields` for full control.
 *
 * `passwordless` drops the password fields: the account signs in with an emailed code or a
 * passkey (the pool must allow those first factors, and its app client ALLOW_USER_AUTH). When
 * the app client allows USER_AUTH, SignUp's Session is kept in this tab for `<auth-verify>`,
 * which then signs the user in as soon as the code is confirmed, with or without a password.
 *
 * @fires {AuthRegisteredEvent} auth-registered - The user was created; `detail.delivery` says where the code went.
 * @fires {AuthErrorEvent} auth-error - Registration failed; `detail.code` says why.
 * @csspart checklist - The list of password requirements, each marked met or not.
 * @csspart secondary - The sign-in and reset links when the email already has an account; the sign-out button when someone is signed in.
 */
export class AuthRegister extends AuthFormElement {
  protected readonly flow = 'register';
  private readonly checklist = new PasswordChecklist(this, this.idFor('checklist'));
  private fields: AttributeField[] = [];

  /** Minimum password length of the pool (Cognito allows 6–99). Default 8. */
  @property({ attribute: 'password-min-length', type: Number }) passwordMinLength?: number;
  /**
   * Character classes the pool requires, space-separated from `upper lower digit symbol`.
   * Default: all four (Cognito's default policy); `""` for none.
   */
  @property({ attribute: 'password-require' }) passwordRequire?: string;
  /**
   * More attributes to ask for, after the email: names separated by spaces or commas, a trailing
   * `*` marking one required, e.g. `"name* phone_number birthdate custom:company*"`. (The
   * property is `attributeList`: `attributes` is taken by the DOM.)
   */
  @property({ attribute: 'attributes' }) attributeList?: string;
  /**
   * The extra fields in full (takes precedence over `attributes`): `{ name, label?, type?,
   * required?, autocomplete? }` each; what is left out comes from the standard attribute's
   * defaults (or, for `custom:*`, a label made from the name, type text, optional).
   */
  @property({ attribute: false }) attributeFields?: AttributeFieldInput[];
  /** No password fields: a sign-up for passwordless sign-in (emailed code or passkey). */
  @property({ type: Boolean }) passwordless = false;
  /** Sign-in page, linked when the email already has an account. */
  @property({ attribute: 'signin-url' }) signinUrl?: string;
  /** Password reset page, linked when the email already has an account. */
  @property({ attribute: 'forgot-password-url' }) forgotPasswordUrl?: string;

  /** "Already signed in as …", with a sign-out button, instead of the form. */
  private readonly signedInAs = new SignedInAs(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('attributeList') || changed.has('attributeFields')) {
      this.fields = this.attributeFields ? this.attributeFields.map(attributeField) : parseAttributeList(this.attributeList);
    }
  }

  protected override validate(data: FormData): FieldErrors {
    const errors: FieldErrors = {};
    const email = fieldText(data, 'email').trim();
    if (!email) errors.email = message('check.email.empty');
    else if (!isEmailShaped(email)) errors.email = message('check.email.shape');
    if (!this.passwordless) {
      const password = fieldText(data, 'password');
      const confirm = fieldText(data, 'confirm');
      const passwordProblem = this.checklist.problem(password);
      if (passwordProblem) errors.password = passwordProblem;
      if (!confirm) errors.confirm = message('check.confirm.empty');
      else if (confirm !== password) errors.confirm = message('check.confirm.mismatch');
    }
    for (const field of this.fields) {
      // A half-typed date (or number) submits as "": the input itself knows it is incomplete.
      const badInput = this.querySelector<HTMLInputElement>(`input[name="${CSS.escape(field.name)}"]`)?.validity.badInput;
      const incomplete =
        field.type === 'date' ? message('attribute.check.incomplete-date') : message('attribute.check.incomplete', { label: inSentence(field.label) });
      const problem = badInput ? incomplete : checkAttribute(field, normalizeAttribute(field, fieldText(data, field.name)));
      if (problem) errors[field.name] = problem;
    }
    return errors;
  }

  protected override fieldForError(code: AuthErrorCode): string | null {
    if (code === 'username-exists' || code === 'invalid-email') return 'email';
    if (code === 'invalid-password') return 'password';
    return null;
  }

  protected override async submit(data: FormData, config: CognitoConfig): Promise<void> {
    const email = fieldText(data, 'email').trim();
    const attributes: Record<string, string> = {};
    for (const field of this.fields) {
      const value = normalizeAttribute(field, fieldText(data, field.name));
      if (value) attributes[field.name] = value;
    }
    const password = this.passwordless ? undefined : fieldText(data, 'password');
    const { username, confirmed, delivery, session } = await cognito.signUp(config, { email, password, attributes });
    sessionStore.setPendingEmail(email);
    // A confirmed account has no code to verify: the Session would wait for a step that never comes.
    keepSignUpSession(email, config.userPoolClientId, confirmed ? null : session);
    this.emit('auth-registered', { username, email, confirmed, delivery });
    const done: MessageRef = confirmed
      ? { key: 'register.done.confirmed' }
      : { key: 'register.done.code-sent', params: { destination: delivery?.destination ?? email } };
    this.status = done;
    // The next page (verify, usually) says where the code went.
    if (this.next) leaveNotice(message(done.key, done.params), 'auth-verify');
    this.goNext();
  }

  // The pool requires an attribute this form does not ask for: the visitor cannot fix that, the
  // site owner can. Cognito names the attribute in its message ("name: The attribute is required").
  protected override errorText(error: AuthError, flow: AuthFlow): MessageRef {
    if (error.code !== 'invalid-input') return super.errorText(error, flow);
    const missing = [...innermostMessage(error).matchAll(/([\w:]+): The attribute is required/g)]
      .map((match) => match[1])
      .filter((name) => !this.fields.some((field) => field.name === name));
    if (!missing.length) return super.errorText(error, flow);
    const labels = missing.map((name) => inSentence(attributeField({ name }).label)).join(', ');
    return { key: 'register.missing-attributes', params: { labels } };
  }

  protected override helpLinks(): HelpLink[] {
    if (this.error?.code !== 'username-exists') return [];
    return [...this.linkTo(this.signinUrl, message('link.signin')), ...this.linkTo(this.forgotPasswordUrl, message('link.reset-password'))];
  }

  private renderAttribute(field: AttributeField) {
    const hint = attributeHint(field);
    const hintId = this.idFor(`${field.name}-hint`);
    return this.renderField({
      name: field.name,
      label: field.required ? field.label : message('field.optional', { label: field.label }),
      type: field.type,
      autocomplete: field.autocomplete ?? 'off',
      required: field.required,
      maxlength: ATTRIBUTE_MAX_LENGTH,
      inputmode: field.type === 'tel' ? 'tel' : undefined,
      describedBy: hint ? [hintId] : [],
      extra: hint ? html`<p part="hint" id=${hintId}>${hint}</p>` : nothing,
    });
  }

  override render() {
    if (this.signedInAs.showing) return renderSignedInAs(this.signedInAs);
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        ${this.renderField({ name: 'email', label: message('field.email'), type: 'email', autocomplete: 'username' })}
        ${
          this.passwordless
            ? nothing
            : [
                this.renderField({
                  name: 'password',
                  label: message('field.password'),
                  type: 'password',
                  autocomplete: 'new-password',
                  describedBy: [this.checklist.id],
                  onInput: this.checklist.handleInput,
                  extra: this.checklist.render(),
                }),
                this.renderField({ name: 'confirm', label: message('field.confirm-password'), type: 'password', autocomplete: 'new-password' }),
              ]
        }
        ${this.fields.map((field) => this.renderAttribute(field))} ${this.renderMessages()}
        ${this.renderSubmit(message('register.submit'), message('register.busy'))}
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

/** The message at the bottom of an error's cause chain (the pool's own words). */
function innermostMessage(error: unknown): string {
  // The chain ends in the service's own error, a plain { name, message, statusCode } object.
  let current = error as { cause?: unknown; message?: unknown } | undefined;
  while (current?.cause && typeof current.cause === 'object') current = current.cause;
  return typeof current?.message === 'string' ? current.message : '';
}
