import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toAuthError } from '../cognito/cognito-errors.js';
import { authErrorMessage } from '../cognito/error-messages.js';
import { safeRedirectUrl } from '../config/index.js';
import type { AuthEventDetails } from '../events.js';
import { LocalizedElement } from '../messages/localized.js';
import { message } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';
import { adoptStylesOnce } from '../shared/adopt-styles.js';
import { defineElement } from '../shared/define-element.js';
import { formStyles } from '../shared/form.styles.js';
import { navigation } from '../shared/navigation.js';
import { leaveNotice } from '../shared/next-page-notice.js';

/**
 * A sign-out button. Its text content is the button's label (default "Sign out"). It is `hidden`
 * unless someone is signed in (and until the stored session has been read), so a page can leave it
 * in its header for everyone.
 * - Here (default): the user is signed out on this device at once, then the refresh token is
 *   revoked with one request. If that request fails, a note says so (the session was not ended on
 *   the server) and, with `next`, a link continues there instead of going automatically.
 * - With `global`, every device (GlobalSignOut): a failure of that request is shown, the user is
 *   still signed in, and clicking again retries.
 *
 * @fires {AuthSignedOutEvent} auth-signed-out - The user is signed out; `detail.global` says whether everywhere, `detail.revoked` whether the server was told.
 * @fires {AuthErrorEvent} auth-error - Global sign-out failed (network or service); the user is still signed in.
 * @csspart submit - The button.
 * @csspart error - Why sign-out failed (`role="alert"`).
 * @csspart status - The note after a sign-out the server was not told about (`role="status"`).
 * @csspart secondary - The link to `next` under that note.
 * @cssprop --auth-accent - Button background, link and focus ring. Default `#2f5bea` (the link and focus ring mix it with the text colour).
 * @cssprop --auth-accent-text - Button text. Default `#fff`.
 * @cssprop --auth-radius - Corner radius of the button and messages. Default `0.5rem`.
 * @cssprop --auth-font - Font family. Default: inherited from the page.
 * @cssprop --auth-error - Error text. Default: `#d3261b` mixed with the text colour (65%).
 * @cssprop --auth-success - The note's border. Default: `#1f9d4c` mixed with the text colour (70%).
 * @cssprop --auth-max-width - Maximum width. Default `24rem`.
 */
export class AuthSignout extends LocalizedElement {
  private readonly session = new SessionController(this);
  /** The label, taken from the text content the page wrote inside the tag. */
  private label = '';
  private labelRead = false;

  @state() private busy = false;
  @state() private error = '';
  /** Shown after signing out here when the revocation did not reach the server. */
  @state() private notice = '';

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
    if (user) this.notice = '';
    this.hidden = !(ready && user) && !this.notice;
    if (!user && !this.busy) this.error = '';
  }

  private async handleClick(): Promise<void> {
    if (this.busy) return; // a double click must not send two requests
    const global = this.global;
    this.busy = true;
    this.error = '';
    // Said before the tokens go: a gate around us may leave the page the moment they do.
    if (!global) leaveNotice(message('signout.done'));
    let revoked: boolean;
    let leaving: boolean | undefined;
    try {
      ({ revoked, leaving } = await sessionStore.signOut({ global }));
    } catch (err) {
      const { code } = toAuthError(err, 'signout');
      this.error = authErrorMessage(code, 'signout');
      this.emit('auth-error', { flow: 'signout', code, message: this.error });
      return;
    } finally {
      this.busy = false;
    }
    if (!revoked) this.notice = message('signout.not-revoked');
    // The next page's sign-in form says it (a gate around us may redirect before a note here is read).
    leaveNotice(revoked ? message('signout.done') : this.notice);
    this.emit('auth-signed-out', { global, revoked });
    // The note must be read before the page changes: a link continues instead.
    const url = this.nextUrl();
    // Leaving for the hosted UI's /logout, which comes back to redirectSignOut instead.
    if (url && revoked && !leaving) navigation.go(url.href);
  }

  private nextUrl(): URL | null {
    if (!this.next) return null;
    const url = safeRedirectUrl(this.next);
    if (!url) console.warn(`cognito-auth-elements: refusing to go to next="${this.next}" (only same-origin URLs are allowed).`);
    return url;
  }

  private emit<K extends keyof AuthEventDetails>(type: K, detail: AuthEventDetails[K]): void {
    /** @ignore The events are listed with `@fires` above; this dispatch names none. */
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  override render() {
    if (this.notice) {
      const url = this.next ? safeRedirectUrl(this.next) : null;
      return html`
        <p part="status" role="status">${this.notice}</p>
        ${url ? html`<a part="secondary" href=${url.href}>${message('signout.continue')}</a>` : nothing}
      `;
    }
    const label = this.label || message('signout.label');
    return html`
      <button part="submit" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.handleClick}>
        ${this.busy ? message('signout.busy') : label}
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
