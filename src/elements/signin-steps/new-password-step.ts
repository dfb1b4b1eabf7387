// NEW_PASSWORD_REQUIRED: an administrator created the account with a temporary password. Asks
// for a new password (with the policy checklist) and any attribute the pool requires.
import { html, nothing, type TemplateResult } from 'lit';
import type { SignInStep } from '../../cognito/types.js';
import type { FieldErrors } from '../../shared/auth-form-element.js';
import type { PasswordChecklist } from '../../shared/password-checklist.js';
import { isEmailShaped } from '../../shared/validation.js';
import { attributeInput, isE164 } from './attribute-fields.js';
import { stepForm, type StepContext } from './step-context.js';

type NewPasswordStep = Extract<SignInStep, { step: 'new-password' }>;

/** Field names of the attribute inputs, kept apart from `password` and `confirm`. */
const fieldName = (attribute: string) => `attr-${attribute}`;

export function validateNewPassword(step: NewPasswordStep, data: FormData, checklist: PasswordChecklist): FieldErrors {
  const errors: FieldErrors = {};
  const password = String(data.get('password') ?? '');
  const confirm = String(data.get('confirm') ?? '');
  const problem = checklist.problem(password);
  if (problem) errors.password = problem;
  if (!confirm) errors.confirm = 'Type the new password again.';
  else if (confirm !== password) errors.confirm = 'The passwords do not match.';
  for (const attribute of step.requiredAttributes) {
    const value = String(data.get(fieldName(attribute)) ?? '').trim();
    const { label } = attributeInput(attribute);
    if (!value) errors[fieldName(attribute)] = `Enter your ${label.toLowerCase()}.`;
    else if (attribute === 'phone_number' && !isE164(value)) errors[fieldName(attribute)] = 'Enter the number with its country code, like +14155550123.';
    else if (attribute === 'email' && !isEmailShaped(value)) errors[fieldName(attribute)] = 'Enter an email address like name@example.com.';
  }
  return errors;
}

/** The required attributes as Cognito wants them, by attribute name. */
export function attributesFrom(step: NewPasswordStep, data: FormData): Record<string, string> {
  return Object.fromEntries(step.requiredAttributes.map((a) => [a, String(data.get(fieldName(a)) ?? '').trim()]));
}

export function renderNewPasswordStep(ctx: StepContext, step: NewPasswordStep, checklist: PasswordChecklist): TemplateResult {
  const intro = html`<p part="hint">Your account was set up with a temporary password. Choose your own password to
    finish signing in${step.requiredAttributes.length ? ', and fill in the details below' : ''}.</p>`;
  const fields = html`
    ${ctx.field({
      name: 'password',
      label: 'New password',
      type: 'password',
      autocomplete: 'new-password',
      describedBy: [checklist.id],
      onInput: checklist.handleInput,
      extra: checklist.render(),
    })}
    ${ctx.field({ name: 'confirm', label: 'Confirm new password', type: 'password', autocomplete: 'new-password' })}
    ${step.requiredAttributes.map((attribute) => {
      const { hint, ...input } = attributeInput(attribute);
      const hintId = ctx.idFor(`${fieldName(attribute)}-hint`);
      return ctx.field({
        name: fieldName(attribute),
        ...input,
        describedBy: hint ? [hintId] : [],
        extra: hint ? html`<p part="hint" id=${hintId}>${hint}</p>` : nothing,
      });
    })}
  `;
  return stepForm(ctx, intro, fields, ctx.submit('Set password and sign in', 'Signing in…'));
}
