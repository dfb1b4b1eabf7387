// SELECT_MFA_TYPE: the account has several second factors on and none preferred, so the person
// picks where the code comes from. One submit button per factor (its value says which): a single
// press answers, and Enter on a focused button does the same.
// aria-disabled while busy, not disabled, as in the sign-in method step: a disabled button
// cannot keep the focus the step gives it.
import { html, type TemplateResult } from 'lit';
import type { MfaFactor, SignInStep } from '../../cognito/types.js';
import { message, type MessageKey } from '../../messages/message.js';
import type { StepContext } from './step-context.js';

const labels: Record<MfaFactor, MessageKey> = {
  totp: 'signin.select-mfa.totp',
  sms: 'signin.select-mfa.sms',
  email: 'signin.select-mfa.email',
};

export function renderSelectMfaStep(ctx: StepContext, step: Extract<SignInStep, { step: 'select-mfa' }>): TemplateResult {
  const busy = ctx.busy ? 'true' : 'false';
  return html`
    <form part="form" novalidate aria-busy=${busy} @submit=${ctx.handleSubmit}>
      <p part="hint">${message('signin.select-mfa.intro')}</p>
      ${step.factors.map(
        (factor) => html`<button part="submit method" type="submit" name="factor" value=${factor} aria-disabled=${busy}>${message(labels[factor])}</button>`,
      )}
      ${ctx.messages()}
      <button part="secondary" type="button" aria-disabled=${busy} @click=${ctx.startOver}>${message('signin.start-over')}</button>
    </form>
  `;
}
