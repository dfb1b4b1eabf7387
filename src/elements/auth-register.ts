import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { AuthError, type AuthErrorCode } from '../cognito/cognito-errors.js';
import { cognito } from '../cognito/cognito-client.js';
import type { AttributeField, CognitoConfig } from '../cognito/types.js';
import { sessionStore } from '../session/session-store.js';
import { AuthFormElement, type FieldErrors } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { fieldText } from '../shared/form-data.js';
import { PasswordChecklist } from '../shared/password-checklist.js';
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
 * @fires {AuthRegisteredEvent} auth-registered - The user was created; `detail.delivery` says where the code went.
 * @fires {AuthErrorEvent} auth-error - Registration failed; `detail.code` says why.
 * @csspart checklist - The list of password requirements, each marked met or not.
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('attributeList') || changed.has('attributeFields')) {
      this.fields = this.attributeFields ? this.attributeFields.map(attributeField) : parseAttributeList(this.attributeList);
    }
  }

  protected override validate(data: FormData): FieldErrors {
    const errors: FieldErrors = {};
    const email = fieldText(data, 'email').trim();
    const password = fieldText(data, 'password');
    const confirm = fieldText(data, 'confirm');
    if (!email) errors.email = 'Enter your email address.';
    else if (!isEmailShaped(email)) errors.email = 'Enter an email address like name@example.com.';
    const passwordProblem = this.checklist.problem(password);
    if (passwordProblem) errors.password = passwordProblem;
    if (!confirm) errors.confirm = 'Type the password again.';
    else if (confirm !== password) errors.confirm = 'The passwords do not match.';
    for (const field of this.fields) {
      // A half-typed date (or number) submits as "": the input itself knows it is incomplete.
      const badInput = this.querySelector<HTMLInputElement>(`input[name="${CSS.escape(field.name)}"]`)?.validity.badInput;
      const problem = badInput
        ? `Enter a complete ${field.type === 'date' ? 'date' : field.label.toLowerCase()}.`
        : checkAttribute(field, normalizeAttribute(field, fieldText(data, field.name)));
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
    const password = fieldText(data, 'password');
    const { username, confirmed, delivery } = await cognito.signUp(config, { email, password, attributes });
    sessionStore.setPendingEmail(email);
    this.emit('auth-registered', { username, email, confirmed, delivery });
    if (this.goNext()) return;
    this.status = confirmed
      ? 'Your account is ready. You can sign in now.'
      : `Account created. We sent a verification code to ${delivery?.destination ?? email}.`;
  }

  // The pool requires an attribute this form does not ask for: the visitor cannot fix that, the
  // site owner can. Cognito names the attribute in its message ("name: The attribute is required").
  protected override handleFailure(error: AuthError): void {
    if (error.code !== 'invalid-input') return;
    const missing = [...innermostMessage(error).matchAll(/([\w:]+): The attribute is required/g)]
      .map((match) => match[1])
      .filter((name) => !this.fields.some((field) => field.name === name));
    if (!missing.length) return;
    const labels = missing.map((name) => attributeField({ name }).label.toLowerCase()).join(', ');
    this.error = new AuthError(
      error.code,
      `This site's accounts need details this form does not ask for (${labels}), so you cannot register here yet. Please let the site owner know.`,
      error,
    );
  }

  private renderAttribute(field: AttributeField) {
    const hint = attributeHint(field);
    const hintId = this.idFor(`${field.name}-hint`);
    return this.renderField({
      name: field.name,
      label: field.required ? field.label : `${field.label} (optional)`,
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
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        ${this.renderField({ name: 'email', label: 'Email', type: 'email', autocomplete: 'username' })}
        ${this.renderField({
          name: 'password',
          label: 'Password',
          type: 'password',
          autocomplete: 'new-password',
          describedBy: [this.checklist.id],
          onInput: this.checklist.handleInput,
          extra: this.checklist.render(),
        })}
        ${this.renderField({ name: 'confirm', label: 'Confirm password', type: 'password', autocomplete: 'new-password' })}
        ${this.fields.map((field) => this.renderAttribute(field))} ${this.renderMessages()} ${this.renderSubmit('Create account', 'Creating account…')}
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
