// <auth-signin providers="Google Apple" hosted-ui>: under the first step's form, "or" and one
// <auth-hosted-signin> button per provider (and one for the hosted sign-in page), configured as
// the sign-in form is. The buttons' element loads on demand, the first time a form shows them.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { message } from '../../messages/message.js';

/** What the buttons take from the sign-in element: its configuration attributes and `next`. */
export interface ProviderButtonsHost {
  providers?: string;
  hostedUi: boolean;
  region?: string;
  userPoolId?: string;
  userPoolClientId?: string;
  endpoint?: string;
  domain?: string;
  next?: string;
}

let loading: Promise<unknown> | undefined;

/** `form`, followed by the provider buttons when the host asks for any. */
export function withProviderButtons(host: ProviderButtonsHost, form: TemplateResult): TemplateResult {
  const providers = (host.providers ?? '').split(/[\s,]+/).filter(Boolean);
  if (!providers.length && !host.hostedUi) return form;
  loading ??= import('../auth-hosted-signin.js');
  const button = (provider?: string) =>
    html`<auth-hosted-signin
      provider=${ifDefined(provider)}
      region=${ifDefined(host.region)}
      user-pool-id=${ifDefined(host.userPoolId)}
      user-pool-client-id=${ifDefined(host.userPoolClientId)}
      endpoint=${ifDefined(host.endpoint)}
      domain=${ifDefined(host.domain)}
      next=${ifDefined(host.next)}
    ></auth-hosted-signin>`;
  return html`${form}
    <div data-auth-providers>
      <p data-auth-or>${message('hosted.or')}</p>
      ${providers.map((provider) => button(provider))} ${host.hostedUi ? button() : nothing}
    </div>`;
}
