// What a sign-in step's view gets from <auth-signin>: the base class's field, message and button
// renderers, and the element's handlers. The steps are plain functions, so each stays small and
// the element keeps its protected members to itself.
import { html, type TemplateResult } from 'lit';
import { message } from '../../messages/message.js';
import type { FieldOptions } from '../../shared/auth-form-element.js';

export interface StepContext {
  busy: boolean;
  idFor(name: string): string;
  field(options: FieldOptions): TemplateResult;
  messages(): TemplateResult;
  submit(label: string, busyLabel: string): TemplateResult;
  handleSubmit(event: SubmitEvent): void;
  startOver(): void;
  /** Shows a message in the step's status line. */
  setStatus(text: string): void;
  /** Renders the step again (after something it shows has loaded). */
  requestUpdate(): void;
}

/** One step's form: a heading-like intro, its fields, messages, submit, and "Start over". */
export function stepForm(ctx: StepContext, intro: TemplateResult, fields: TemplateResult, submit: TemplateResult): TemplateResult {
  return html`
    <form part="form" novalidate aria-busy=${ctx.busy ? 'true' : 'false'} @submit=${ctx.handleSubmit}>
      ${intro} ${fields} ${ctx.messages()} ${submit}
      <button part="secondary" type="button" aria-disabled=${ctx.busy ? 'true' : 'false'} @click=${ctx.startOver}>${message('signin.start-over')}</button>
    </form>
  `;
}

/** The 6-digit code input of the MFA steps. */
export function codeField(ctx: StepContext, label: string, hint: string): TemplateResult {
  return ctx.field({
    name: 'code',
    label,
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    secret: true,
    describedBy: [ctx.idFor('code-hint')],
    extra: html`<p part="hint" id=${ctx.idFor('code-hint')}>${hint}</p>`,
  });
}
