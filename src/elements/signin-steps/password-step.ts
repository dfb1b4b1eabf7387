// Choice-based sign-in by password (sent as SRP: the password never leaves the browser).
import { html, type TemplateResult } from 'lit';
import { message } from '../../messages/message.js';
import type { ChoiceContext } from './choice-steps.js';
import { stepForm } from './step-context.js';

export function renderPasswordStep(ctx: ChoiceContext): TemplateResult {
  // The email rides along, hidden, so password managers know which account this password is for.
  const fields = html`<input type="hidden" name="username" autocomplete="username" .value=${ctx.email} />
    ${ctx.field({ name: 'password', label: message('field.password'), type: 'password', autocomplete: 'current-password' })}`;
  return stepForm(
    ctx,
    html`<p part="hint">${message('signin.password.intro', { email: ctx.email })}</p>`,
    fields,
    ctx.submit(message('signin.submit'), message('signin.busy')),
  );
}
