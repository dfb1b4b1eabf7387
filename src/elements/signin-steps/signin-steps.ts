// The steps Cognito may ask for after the password, for <auth-signin>: which flow each belongs to
// (for error wording), its browser checks, the adapter call that answers it, and its view.
import type { TemplateResult } from 'lit';
import { cognito } from '../../cognito/cognito-client.js';
import type { CognitoConfig, MfaFactor, SignInStep } from '../../cognito/types.js';
import type { AuthFlow } from '../../events.js';
import type { FieldErrors } from '../../shared/auth-form-element.js';
import { fieldText } from '../../shared/form-data.js';
import type { PasswordChecklist } from '../../shared/password-checklist.js';
import { message } from '../../messages/message.js';
import { isSixDigitCode, normalizeCode } from '../../shared/validation.js';
import { renderCodeStep } from './code-step.js';
import { attributesFrom, renderNewPasswordStep, validateNewPassword } from './new-password-step.js';
import { renderSelectMfaStep } from './select-mfa-step.js';
import type { StepContext } from './step-context.js';
import { renderTotpSetupStep } from './totp-setup-step.js';

/** A step after the password (anything but done). */
export type ExtraStep = Exclude<SignInStep, { step: 'done' }>;

export function stepFlow(step: ExtraStep): AuthFlow {
  return step.step === 'new-password' ? 'new-password' : 'mfa';
}

export function validateStep(step: ExtraStep, data: FormData, checklist: PasswordChecklist): FieldErrors {
  if (step.step === 'new-password') return validateNewPassword(step, data, checklist);
  if (step.step === 'select-mfa') return {};
  const code = normalizeCode(fieldText(data, 'code'));
  if (!code) return { code: message('check.code.empty') };
  if (!isSixDigitCode(code)) return { code: message('check.code.shape') };
  return {};
}

/** Sends the step's answer; resolves to the next step (or done). */
export function answerStep(step: ExtraStep, data: FormData, config: CognitoConfig): Promise<SignInStep> {
  const code = normalizeCode(fieldText(data, 'code'));
  switch (step.step) {
    case 'new-password':
      return cognito.completeNewPassword(config, step.pending, fieldText(data, 'password'), attributesFrom(step, data));
    case 'totp-setup':
      return cognito.verifyTotpSetup(config, step.pending, code);
    case 'select-mfa':
      return cognito.chooseMfaFactor(config, step.pending, chosenFactor(step, data));
    default:
      return cognito.answerMfaCode(config, step.pending, code);
  }
}

export function renderExtraStep(ctx: StepContext, step: ExtraStep, checklist: PasswordChecklist): TemplateResult {
  switch (step.step) {
    case 'new-password':
      return renderNewPasswordStep(ctx, step, checklist);
    case 'totp-setup':
      return renderTotpSetupStep(ctx, step);
    case 'select-mfa':
      return renderSelectMfaStep(ctx, step);
    default:
      return renderCodeStep(ctx, step);
  }
}

/**
 * The factor whose button was pressed (the submitter's value, in the form data). A submit without
 * a pressed button takes the first, as HTML's implicit submission uses the form's first button.
 */
function chosenFactor(step: Extract<SignInStep, { step: 'select-mfa' }>, data: FormData): MfaFactor {
  const pressed = fieldText(data, 'factor') as MfaFactor;
  return step.factors.includes(pressed) ? pressed : step.factors[0];
}
