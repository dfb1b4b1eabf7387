import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { safeRedirectUrl } from '../config/index.js';
import { SessionController } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';
import { defineElement } from '../shared/define-element.js';
import { navigation } from '../shared/navigation.js';

/**
 * Shows its content only to a signed-in user. Otherwise it shows the child marked
 * `slot="signed-out"` (if any), or, with `redirect`, sends the visitor to that same-origin URL
 * (a sign-in page). Until the stored session has been read it shows neither, so protected content
 * never flashes. Follows sign-in and sign-out live, in other tabs too, and looks again when the
 * page comes back from the back/forward cache (Back after signing out).
 *
 * A shadow root with two slots picks what is shown: unlike toggling `hidden` on the page's own
 * children, page CSS that sets `display` on them cannot make hidden content appear. The children
 * stay in the page's light DOM (forms inside keep working with password managers, page CSS
 * applies). This hides content, it does not protect it: anything inside is in the page's HTML.
 * Before the script loads, hide it with `auth-gate:not(:defined) { display: none }`.
 *
 * @slot - What signed-in users see.
 * @slot signed-out - What everyone else sees (unless `redirect` sends them away).
 */
export class AuthGate extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  private readonly session = new SessionController(this);
  /** The redirect asked for while this visitor is signed out (once, not on every render). */
  private redirected = false;
  /** Back from the back/forward cache, until the store has read the session again. */
  private rechecking = false;

  /** Same-origin URL to send signed-out visitors to, e.g. `signin.html`. Other origins are refused. */
  @property() redirect?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pageshow', this.onPageShow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pageshow', this.onPageShow);
  }

  /**
   * A page restored from the back/forward cache is the page as it was left: after a sign-out here,
   * one whose redirect was already asked for (so nothing would happen again, and the visitor saw
   * an empty page); after a sign-out elsewhere, one still showing the content. Show nothing until
   * the store has read storage again, then decide as on a fresh load.
   */
  private readonly onPageShow = (event: PageTransitionEvent): void => {
    if (!event.persisted) return;
    this.rechecking = true;
    this.requestUpdate();
    const recheck = () => {
      this.rechecking = false;
      this.redirected = false;
      this.requestUpdate();
    };
    sessionStore.refresh().then(recheck, recheck);
  };

  protected override updated(_changed: PropertyValues<this>): void {
    const { ready, user } = this.session.state;
    if (user) this.redirected = false;
    if (!ready || this.rechecking || user || this.redirected || !this.redirect) return;
    const url = this.redirectUrl();
    if (!url) return;
    this.redirected = true;
    // Replacing this page in the history: Back from the sign-in page goes to where the visitor
    // came from, not to this page, which would send them forward again.
    navigation.go(url.href, { replace: true });
  }

  private redirectUrl(): URL | null {
    if (!this.redirect) return null;
    const url = safeRedirectUrl(this.redirect);
    if (!url) {
      console.warn(`cognito-auth-elements: <auth-gate> refuses redirect="${this.redirect}" (only same-origin URLs are allowed).`);
    }
    return url;
  }

  /** What the gate shows now: nothing until the session is known, then the content or the fallback. */
  get showing(): 'nothing' | 'content' | 'signed-out' {
    const { ready, user } = this.session.state;
    if (!ready || this.rechecking) return 'nothing';
    if (user) return 'content';
    return this.redirect && safeRedirectUrl(this.redirect) ? 'nothing' : 'signed-out';
  }

  override render() {
    const showing = this.showing;
    if (showing === 'content') return html`<slot></slot>`;
    if (showing === 'signed-out') return html`<slot name="signed-out"></slot>`;
    return nothing;
  }
}

defineElement('auth-gate', AuthGate);

declare global {
  interface HTMLElementTagNameMap {
    'auth-gate': AuthGate;
  }
}
