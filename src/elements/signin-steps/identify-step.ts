// The first step of choice-based sign-in: the email alone; the methods follow for that account.
import { html, type TemplateResult } from 'lit';
import { message } from '../../messages/message.js';
import { link } from './credentials-step.js';
import type { StepContext } from './step-context.js';

/** `verifyUrl`: the verify page, linked when the account turned out unconfirmed. */
export function renderIdentifyStep(ctx: StepContext, email: string, verifyUrl?: string): TemplateResult {
  return html`
    <form part="form" novalidate aria-busy=${ctx.busy ? 'true' : 'false'} @submit=${ctx.handleSubmit}>
      ${ctx.field({ name: 'username', label: message('field.email'), type: 'email', autocomplete: 'username webauthn', value: email })} ${ctx.messages()}
      ${link(verifyUrl, message('signin.verify-link'))} ${ctx.submit(message('signin.continue'), message('signin.identify.busy'))}
    </form>
  `;
}
