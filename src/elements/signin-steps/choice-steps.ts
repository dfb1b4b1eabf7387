// The steps of choice-based sign-in (<auth-signin methods>): the email first, then one of the
// methods the pool offers this user (those the site listed, in its order), then that method's
// step. Which flow each belongs to (for error wording), its checks, its answer and its view.
import type { TemplateResult } from 'lit';
import { cognito } from '../../cognito/cognito-client.js';
import type { CognitoConfig, SignInMethod, SignInStep, UserAuthStep } from '../../cognito/types.js';
import type { AuthFlow } from '../../events.js';
import type { FieldErrors } from '../../shared/auth-form-element.js';
import { fieldText } from '../../shared/form-data.js';
import { message } from '../../messages/message.js';
import { isSixDigitCode, normalizeCode } from '../../shared/validation.js';
import { renderPasskeyStep } from './passkey-step.js';
import { renderPasswordStep } from './password-step.js';
import { renderSelectStep } from './select-step.js';
import { renderSignInCodeStep } from './sign-in-code-step.js';
import type { StepContext } from './step-context.js';

/** A first-factor step of choice-based sign-in. */
export type ChoiceStep = Exclude<UserAuthStep, SignInStep>;

/** What the choice steps need beyond a step's context. */
export interface ChoiceContext extends StepContext {
  /** The email the sign-in is for (the password step hands it to password managers). */
  email: string;
  choose(method: SignInMethod): void;
  /** Restarts the sign-in for a new code: Cognito has no resend for sign-in codes. */
  resendCode(): void;
  usePasskey(): void;
  /** Seconds until "Send a new code" may be used (it cools down after each code); 0 when it may. */
  resendWait: number;
  /** The passkey request is open. */
  waitingForPasskey: boolean;
}

const allMethods: readonly SignInMethod[] = ['passkey', 'email-code', 'sms-code', 'password'];

/** The `methods` attribute as known methods, each once, in the order given. */
export function methodsFrom(attribute: string | undefined): SignInMethod[] {
  const names = (attribute ?? '').split(/[\s,]+/);
  return [...new Set(names.filter((name): name is SignInMethod => (allMethods as readonly string[]).includes(name)))];
}

export function isChoiceStep(step: { step: string }): step is ChoiceStep {
  return ['select', 'password', 'passkey', 'email-code', 'sms-code'].includes(step.step);
}

/** Codes are answered in the MFA flow's wording ("this sign-in took too long"); the rest are signing in. */
export const choiceFlow = (step: ChoiceStep): AuthFlow => (step.step === 'email-code' || step.step === 'sms-code' ? 'mfa' : 'signin');

export function validateChoiceStep(step: ChoiceStep, data: FormData): FieldErrors {
  if (step.step === 'password') return data.get('password') ? {} : { password: message('check.password.empty') };
  if (step.step !== 'email-code' && step.step !== 'sms-code') return {};
  const code = normalizeCode(fieldText(data, 'code'));
  if (!code) return { code: message('check.code.empty') };
  if (!isSixDigitCode(code)) return { code: message('check.code.shape') };
  return {};
}

/** Sends a form step's answer (password or code); the select and passkey steps answer by their buttons. */
export function answerChoiceStep(step: ChoiceStep, data: FormData, config: CognitoConfig): Promise<UserAuthStep> {
  if (step.step === 'password') return cognito.answerPassword(config, step.pending, fieldText(data, 'password'));
  if (step.step === 'email-code' || step.step === 'sms-code') return cognito.answerSignInCode(config, step.pending, normalizeCode(fieldText(data, 'code')));
  return Promise.resolve(step);
}

export function renderChoiceStep(ctx: ChoiceContext, step: ChoiceStep): TemplateResult {
  switch (step.step) {
    case 'select':
      return renderSelectStep(ctx, step.methods);
    case 'password':
      return renderPasswordStep(ctx);
    case 'passkey':
      return renderPasskeyStep(ctx);
    default:
      return renderSignInCodeStep(ctx, step);
  }
}
