import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { cognito } from '../cognito/cognito-client.js';
import { AuthError } from '../cognito/cognito-errors.js';
import { brandName, identityProvider } from '../cognito/hosted-ui/providers.js';
import type { CognitoConfig } from '../cognito/types.js';
import { safeRedirectUrl } from '../config/index.js';
import type { AuthFlow } from '../events.js';
import { message } from '../messages/message.js';
import { hostedUiCallback } from '../session/hosted-ui-callback.js';
import { hostedUiErrorText } from '../session/hosted-ui-finish.js';
import { adoptStylesOnce } from '../shared/adopt-styles.js';
import { AuthFormElement } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { navigation } from '../shared/navigation.js';
import { hostedSigninStyles } from './auth-hosted-signin.styles.js';
import { providerIcon } from './auth-hosted-signin.icons.js';

/**
 * One button that signs in at the hosted UI (Cognito's managed login, OAuth 2.0 authorization code
 * with PKCE): straight at an identity provider with `provider` ("Continue with Google"), or at the
 * hosted sign-in page itself without it. The page goes to the domain; the answer comes back to
 * `redirectSignIn` (default: this page), where the script exchanges it, stores the session and
 * fires `auth-signed-in` with `provider` on `document`, then returns to `next` (or this page).
 * A failure that comes back (cancelled at the provider, expired) is shown under the button it
 * started from. Needs `domain` (attribute or configuration).
 *
 * @fires {AuthSignedInEvent} auth-signed-in - On the page the hosted UI returns to, on `document`: the session is in the store; `detail.provider` names the identity provider. No tokens in the detail.
 * @fires {AuthErrorEvent} auth-error - The sign-in could not start, or came back refused (on `document`); `detail.flow` is `hosted-ui`.
 * @csspart provider - The button (also `submit`).
 * @csspart icon - The provider's logo in the button (inline SVG; Google, Apple and Facebook).
 */
export class AuthHostedSignin extends AuthFormElement {
  protected readonly flow: AuthFlow = 'hosted-ui';

  /** The page is on its way to the hosted UI. */
  @state() private leaving = false;

  /**
   * The identity provider: `Google`, `Apple` (`SignInWithApple`), `Facebook`, `Amazon`
   * (`LoginWithAmazon`), or the name of a SAML or OIDC provider of the user pool. Absent: the
   * hosted sign-in page, with every provider the app client allows.
   */
  @property() provider?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStylesOnce(this.getRootNode(), hostedSigninStyles);
    // Back from the hosted UI with the Back button (the page restored from the back/forward cache).
    addEventListener('pageshow', this.arrived);
    void hostedUiCallback.then((outcome) => {
      const error = outcome?.error;
      if (error && outcome.provider === this.cognitoProvider) this.error = new AuthError(error.code, hostedUiErrorText(error), error, error.text);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pageshow', this.arrived);
  }

  private readonly arrived = (): void => void (this.leaving = false);

  private get cognitoProvider(): string | null {
    return this.provider ? identityProvider(this.provider) : null;
  }

  protected override async submit(_data: FormData, config: CognitoConfig): Promise<void> {
    const returnTo = this.next ? (safeRedirectUrl(this.next)?.href ?? null) : null;
    const url = await cognito.startHostedSignIn(config, { provider: this.cognitoProvider, returnTo });
    this.leaving = true;
    navigation.leave(url);
  }

  override render() {
    const provider = this.cognitoProvider;
    const label = provider ? message('hosted.provider', { provider: brandName(provider) }) : message('hosted.page');
    const waiting = this.busy || this.leaving;
    return html`
      <form part="form" novalidate aria-busy=${waiting ? 'true' : 'false'} @submit=${this.handleSubmit}>
        <button part="submit provider" type="submit" ?disabled=${waiting}>
          ${providerIcon(provider)}<span>${waiting ? message('hosted.busy') : label}</span>
        </button>
        ${this.renderMessages()}
      </form>
    `;
  }
}

defineElement('auth-hosted-signin', AuthHostedSignin);

declare global {
  interface HTMLElementTagNameMap {
    'auth-hosted-signin': AuthHostedSignin;
  }
}
