// Choice-based sign-in with a code sent by email or text, and "Send a new code" (which restarts
// the sign-in: Cognito has no resend for these codes), cooling down between codes.
import { html, nothing, type TemplateResult } from 'lit';
import { message } from '../../messages/message.js';
import type { ChoiceContext, ChoiceStep } from './choice-steps.js';
import { codeField, stepForm } from './step-context.js';

export function renderSignInCodeStep(ctx: ChoiceContext, step: Extract<ChoiceStep, { step: 'email-code' | 'sms-code' }>): TemplateResult {
  const texted = step.step === 'sms-code';
  const intro = texted
    ? step.destination
      ? message('signin.sms.intro', { destination: step.destination })
      : message('signin.sms.intro-no-destination')
    : step.destination
      ? message('signin.email.intro', { destination: step.destination })
      : message('signin.email.intro-no-destination');
  const field = codeField(ctx, texted ? message('signin.sms.code') : message('signin.email.code'), message('signin.sms.hint'));
  const waiting = ctx.resendWait > 0;
  const resend = html`<button part="secondary" type="button" aria-disabled=${ctx.busy || waiting ? 'true' : 'false'} @click=${ctx.resendCode}>
    ${message('signin.code.resend')}${waiting ? html` <span>${message('signin.code.resend-wait', { seconds: ctx.resendWait })}</span>` : nothing}
  </button>`;
  return stepForm(ctx, html`<p part="hint">${intro}</p>`, html`${field} ${resend}`, ctx.submit(message('signin.code.submit'), message('signin.code.busy')));
}
