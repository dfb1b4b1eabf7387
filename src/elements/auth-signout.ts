import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toAuthError } from '../cognito/cognito-errors.js';
import { authErrorMessage } from '../cognito/error-messages.js';
import { safeRedirectUrl } from '../config/index.js';
import type { AuthEventDetails } from '../events.js';
import { SessionController } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';
import { adoptStylesOnce } from '../shared/adopt-styles.js';
import { defineElement } from '../shared/define-element.js';
import { formStyles } from '../shared/form.styles.js';
import { navigation } from '../shared/navigation.js';

/**
 * A sign-out button. Its text content is the button's label (default "Sign out"). It is `hidden`
 * unless someone is signed in (and until the stored session has been read), so a page can leave it
 * in its header for everyone. With `global`, it signs the user out on every device (GlobalSignOut);
 * a failure of that request is shown, and clicking again retries.
 *
 * @fires auth-signed-out - The user is signed out; `detail.global` says whether everywhere.
 * @fires auth-error - Sign-out failed (network or service); the user is still signed in.
 * @csspart submit - The button.
 * @csspart error - Why sign-out failed (`role="alert"`).
 */
export class AuthSignout extends LitElement {
  private readonly session = new SessionController(this);
  /** The label, taken from the text content the page wrote inside the tag. */
  private label = '';
  private labelRead = false;

  @state() private busy = false;
  @state() private error = '';

  /** Sign out on every device (revokes every refresh token of the user), not only here. */
  @property({ type: Boolean }) global = false;
  /** Same-origin URL to go to after signing out. Other origins and `javascript:` are refused. */
  @property() next?: string;

  // Light DOM, as the forms: the page's CSS reaches the button.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    if (!this.labelRead) {
      // The page's text becomes our label; the children go so Lit renders the button alone.
      this.labelRead = true;
      this.label = this.textContent?.trim() ?? '';
      this.replaceChildren();
    }
    super.connectedCallback();
    adoptStylesOnce(this.getRootNode(), formStyles);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const { ready, user } = this.session.state;
    this.hidden = !(ready && user);
    if (!user && !this.busy) this.error = '';
  }

  private async handleClick(): Promise<void> {
    if (this.busy) return; // a double click must not send two requests
    const global = this.global;
    this.busy = true;
    this.error = '';
    try {
      await sessionStore.signOut({ global });
    } catch (err) {
      const { code } = toAuthError(err, 'signout');
      this.error = authErrorMessage(code, 'signout');
      this.emit('auth-error', { flow: 'signout', code, message: this.error });
      return;
    } finally {
      this.busy = false;
    }
    this.emit('auth-signed-out', { global });
    this.goNext();
  }

  private goNext(): void {
    if (!this.next) return;
    const url = safeRedirectUrl(this.next);
    if (url) navigation.go(url.href);
    else console.warn(`cognito-auth-elements: refusing to go to next="${this.next}" (only same-origin URLs are allowed).`);
  }

  private emit<K extends keyof AuthEventDetails>(type: K, detail: AuthEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const label = this.label || 'Sign out';
    return html`
      <button part="submit" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.handleClick}>
        ${this.busy ? 'Signing out…' : label}
      </button>
      ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
    `;
  }
}

defineElement('auth-signout', AuthSignout);

declare global {
  interface HTMLElementTagNameMap {
    'auth-signout': AuthSignout;
  }
}
