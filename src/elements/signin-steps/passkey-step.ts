// Choice-based sign-in with a passkey: the browser asks at once; this step offers to ask again
// after a cancel or a time-out.
import { html, type TemplateResult } from 'lit';
import { message } from '../../messages/message.js';
import type { ChoiceContext } from './choice-steps.js';

export function renderPasskeyStep(ctx: ChoiceContext): TemplateResult {
  return html`
    <form part="form" novalidate aria-busy=${ctx.busy ? 'true' : 'false'} @submit=${(event: SubmitEvent) => event.preventDefault()}>
      <p part="hint">${message('signin.passkey.intro')}</p>
      ${ctx.messages()}
      <button part="submit" type="button" aria-disabled=${ctx.busy ? 'true' : 'false'} @click=${ctx.usePasskey}>
        ${ctx.waitingForPasskey ? message('signin.passkey.busy') : message('signin.method.passkey')}
      </button>
      <button part="secondary" type="button" aria-disabled=${ctx.busy ? 'true' : 'false'} @click=${ctx.startOver}>${message('signin.start-over')}</button>
    </form>
  `;
}
