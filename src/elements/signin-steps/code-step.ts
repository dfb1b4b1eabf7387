// SOFTWARE_TOKEN_MFA and SMS_MFA: the 6-digit code from an authenticator app or a text message.
import { html, type TemplateResult } from 'lit';
import type { SignInStep } from '../../cognito/types.js';
import { codeField, stepForm, type StepContext } from './step-context.js';

export function renderCodeStep(ctx: StepContext, step: Extract<SignInStep, { step: 'totp' | 'sms' }>): TemplateResult {
  const sms = step.step === 'sms';
  const where = sms && step.destination ? `to ${step.destination}` : 'to your phone';
  const intro = sms
    ? html`<p part="hint">We texted a sign-in code ${where}.</p>`
    : html`<p part="hint">Open your authenticator app and enter the code it shows for this site.</p>`;
  const field = sms
    ? codeField(ctx, 'Code from the text message', 'It is 6 digits, like 123456.')
    : codeField(ctx, 'Authenticator code', 'It is 6 digits and changes every 30 seconds.');
  return stepForm(ctx, intro, field, ctx.submit('Verify', 'Verifying…'));
}
