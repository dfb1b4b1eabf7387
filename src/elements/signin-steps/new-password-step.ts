// NEW_PASSWORD_REQUIRED: an administrator created the account with a temporary password. Asks
// for a new password (with the policy checklist) and any attribute the pool requires.
import { html, nothing, type TemplateResult } from 'lit';
import type { AttributeField, SignInStep } from '../../cognito/types.js';
import { message } from '../../messages/message.js';
import type { FieldErrors } from '../../shared/auth-form-element.js';
import { fieldText } from '../../shared/form-data.js';
import type { PasswordChecklist } from '../../shared/password-checklist.js';
import { attributeField, attributeHint, checkAttribute, normalizeAttribute } from '../../shared/user-attributes.js';
import { isEmailShaped } from '../../shared/validation.js';
import { stepForm, type StepContext } from './step-context.js';

type NewPasswordStep = Extract<SignInStep, { step: 'new-password' }>;

/** Field names of the attribute inputs, kept apart from `password` and `confirm`. */
const fieldName = (attribute: string) => `attr-${attribute}`;

/** The field for a required attribute (the sign-up catalogue's; email, which it leaves out, here). */
function fieldFor(name: string): AttributeField {
  if (name === 'email') return { name, label: message('field.email'), type: 'email', required: true, autocomplete: 'email' };
  return attributeField({ name, required: true });
}

const valueOf = (field: AttributeField, data: FormData) => normalizeAttribute(field, fieldText(data, fieldName(field.name)));

export function validateNewPassword(step: NewPasswordStep, data: FormData, checklist: PasswordChecklist): FieldErrors {
  const errors: FieldErrors = {};
  const password = fieldText(data, 'password');
  const confirm = fieldText(data, 'confirm');
  const problem = checklist.problem(password);
  if (problem) errors.password = problem;
  if (!confirm) errors.confirm = message('check.confirm.empty-new');
  else if (confirm !== password) errors.confirm = message('check.confirm.mismatch');
  for (const field of step.requiredAttributes.map(fieldFor)) {
    const value = valueOf(field, data);
    const problem = field.type === 'email' && value && !isEmailShaped(value) ? message('check.email.shape') : checkAttribute(field, value);
    if (problem) errors[fieldName(field.name)] = problem;
  }
  return errors;
}

/** The required attributes as Cognito wants them, by attribute name. */
export function attributesFrom(step: NewPasswordStep, data: FormData): Record<string, string> {
  return Object.fromEntries(step.requiredAttributes.map(fieldFor).map((field) => [field.name, valueOf(field, data)]));
}

export function renderNewPasswordStep(ctx: StepContext, step: NewPasswordStep, checklist: PasswordChecklist): TemplateResult {
  const intro = html`<p part="hint">
    ${step.requiredAttributes.length ? message('signin.new-password.intro-details') : message('signin.new-password.intro')}
  </p>`;
  const fields = html`
    ${ctx.field({
      name: 'password',
      label: message('field.new-password'),
      type: 'password',
      autocomplete: 'new-password',
      describedBy: [checklist.id],
      onInput: checklist.handleInput,
      extra: checklist.render(),
    })}
    ${ctx.field({ name: 'confirm', label: message('field.confirm-new-password'), type: 'password', autocomplete: 'new-password' })}
    ${step.requiredAttributes.map(fieldFor).map((field) => {
      const hint = attributeHint(field);
      const hintId = ctx.idFor(`${fieldName(field.name)}-hint`);
      return ctx.field({
        name: fieldName(field.name),
        label: field.label,
        type: field.type,
        autocomplete: field.autocomplete ?? 'off',
        describedBy: hint ? [hintId] : [],
        extra: hint ? html`<p part="hint" id=${hintId}>${hint}</p>` : nothing,
      });
    })}
  `;
  return stepForm(ctx, intro, fields, ctx.submit(message('signin.new-password.submit'), message('signin.busy')));
}
