// SOFTWARE_TOKEN_MFA and SMS_MFA: the 6-digit code from an authenticator app or a text message.
import { html, type TemplateResult } from 'lit';
import type { SignInStep } from '../../cognito/types.js';
import { message } from '../../messages/message.js';
import { codeField, stepForm, type StepContext } from './step-context.js';

export function renderCodeStep(ctx: StepContext, step: Extract<SignInStep, { step: 'totp' | 'sms' }>): TemplateResult {
  const sms = step.step === 'sms';
  const texted = sms && step.destination ? message('signin.sms.intro', { destination: step.destination }) : message('signin.sms.intro-no-destination');
  const intro = html`<p part="hint">${sms ? texted : message('signin.totp.intro')}</p>`;
  const field = sms
    ? codeField(ctx, message('signin.sms.code'), message('signin.sms.hint'))
    : codeField(ctx, message('signin.totp.code'), message('signin.totp.hint'));
  return stepForm(ctx, intro, field, ctx.submit(message('signin.code.submit'), message('signin.code.busy')));
}
