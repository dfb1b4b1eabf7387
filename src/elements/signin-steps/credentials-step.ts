// The first step: email (or username) and password, with links to verify and to reset.
import { html, nothing, type TemplateResult } from 'lit';
import { safeRedirectUrl } from '../../config/index.js';
import { message } from '../../messages/message.js';
import type { StepContext } from './step-context.js';

export interface CredentialsOptions {
  byEmail: boolean;
  /** Pre-fill: what was typed before "Start over". */
  email: string;
  /** Page to verify an unconfirmed account, linked when sign-in met one; else undefined. */
  verifyUrl?: string;
  forgotPasswordUrl?: string;
}

/** A link to a page the site configured, if that URL is safe (same origin). */
export function link(url: string | undefined, text: string): TemplateResult | typeof nothing {
  const href = url ? safeRedirectUrl(url) : null;
  return href ? html`<a part="secondary" href=${href.href}>${text}</a>` : nothing;
}

export function renderCredentialsStep(ctx: StepContext, options: CredentialsOptions): TemplateResult {
  const { byEmail } = options;
  return html`
    <form part="form" novalidate aria-busy=${ctx.busy ? 'true' : 'false'} @submit=${ctx.handleSubmit}>
      ${ctx.field({
        name: 'username',
        label: byEmail ? message('field.email') : message('field.username'),
        type: byEmail ? 'email' : 'text',
        // "username" even for an email: password managers pair it with current-password.
        autocomplete: 'username',
        value: options.email,
      })}
      ${ctx.field({ name: 'password', label: message('field.password'), type: 'password', autocomplete: 'current-password' })} ${ctx.messages()}
      ${link(options.verifyUrl, message('signin.verify-link'))} ${ctx.submit(message('signin.submit'), message('signin.busy'))}
      ${link(options.forgotPasswordUrl, message('signin.forgot-link'))}
    </form>
  `;
}
