// Choice-based sign-in: one button per method the pool offers this user, in the site's order.
// aria-disabled while busy, not disabled: the step appears while its request is still settling,
// and a disabled button cannot take the focus the new step gives its first button.
import { html, type TemplateResult } from 'lit';
import type { SignInMethod } from '../../cognito/types.js';
import { message, type MessageKey } from '../../messages/message.js';
import type { ChoiceContext } from './choice-steps.js';

const labels: Record<SignInMethod, MessageKey> = {
  passkey: 'signin.method.passkey',
  'email-code': 'signin.method.email-code',
  'sms-code': 'signin.method.sms-code',
  password: 'signin.method.password',
};

export function renderSelectStep(ctx: ChoiceContext, methods: SignInMethod[]): TemplateResult {
  return html`
    <form part="form" novalidate aria-busy=${ctx.busy ? 'true' : 'false'} @submit=${(event: SubmitEvent) => event.preventDefault()}>
      <p part="hint">${message('signin.select.intro', { email: ctx.email })}</p>
      ${methods.map(
        (method) =>
          html`<button part="submit method" type="button" data-method=${method} aria-disabled=${ctx.busy ? 'true' : 'false'} @click=${() => ctx.choose(method)}>
            ${message(labels[method])}
          </button>`,
      )}
      ${ctx.messages()}
      <button part="secondary" type="button" aria-disabled=${ctx.busy ? 'true' : 'false'} @click=${ctx.startOver}>${message('signin.start-over')}</button>
    </form>
  `;
}
