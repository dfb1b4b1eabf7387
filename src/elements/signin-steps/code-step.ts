// SOFTWARE_TOKEN_MFA, SMS_MFA and email MFA: the 6-digit code from an authenticator app, a text message or an email.
import { html, type TemplateResult } from 'lit';
import type { SignInStep } from '../../cognito/types.js';
import { message } from '../../messages/message.js';
import { codeField, stepForm, type StepContext } from './step-context.js';

export function renderCodeStep(ctx: StepContext, step: Extract<SignInStep, { step: 'totp' | 'sms' | 'email' }>): TemplateResult {
  if (step.step === 'email') {
    const emailed = step.destination ? message('signin.email.intro', { destination: step.destination }) : message('signin.email.intro-no-destination');
    const field = codeField(ctx, message('signin.email.code'), message('signin.sms.hint'));
    return stepForm(ctx, html`<p part="hint">${emailed}</p>`, field, ctx.submit(message('signin.code.submit'), message('signin.code.busy')));
  }
  const sms = step.step === 'sms';
  const texted = sms && step.destination ? message('signin.sms.intro', { destination: step.destination }) : message('signin.sms.intro-no-destination');
  const intro = html`<p part="hint">${sms ? texted : message('signin.totp.intro')}</p>`;
  const field = sms
    ? codeField(ctx, message('signin.sms.code'), message('signin.sms.hint'))
    : codeField(ctx, message('signin.totp.code'), message('signin.totp.hint'));
  return stepForm(ctx, intro, field, ctx.submit(message('signin.code.submit'), message('signin.code.busy')));
}
