import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { SessionUser } from '../cognito/types.js';
import { SessionController } from '../session/session-controller.js';
import { defineElement } from '../shared/define-element.js';

/**
 * Shows one attribute of the signed-in user as text: `email` by default, or any claim of their ID
 * token (`name`, `given_name`, `cognito:username`, `sub`, `custom:company`, …). When nobody is
 * signed in, or the user has no such claim, it shows its fallback: the `fallback` attribute, else
 * the text written inside the tag. Before the stored session has been read it shows nothing.
 * Follows sign-in and sign-out live, in other tabs too.
 *
 * A shadow root holds the text (inline, inheriting the page's font and colour), so the children
 * the page wrote stay untouched as the fallback, through a `<slot>`.
 *
 * @slot - Fallback content, shown when there is no value (if `fallback` is not set).
 * @csspart value - The attribute's value.
 */
export class AuthUser extends LitElement {
  // overflow-wrap: an email is one word; it wraps inside the page's text rather than run out of
  // its box (test/browser/shared/layout.test.ts).
  static override styles = css`
    :host {
      display: inline;
      overflow-wrap: anywhere;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  private readonly session = new SessionController(this);

  /** The claim to show: `email` (default), `name`, `given_name`, `cognito:username`, `sub`, … */
  @property() attribute = 'email';
  /** Text shown when there is no value; default: the element's own content. */
  @property() fallback?: string;

  /** The value shown, or null when the fallback is shown (or nothing yet). */
  get value(): string | null {
    const { user } = this.session.state;
    return user ? claimOf(user, this.attribute) : null;
  }

  override render() {
    if (!this.session.state.ready) return nothing;
    const value = this.value;
    if (value !== null) return html`<span part="value">${value}</span>`;
    return this.fallback !== undefined ? this.fallback : html`<slot></slot>`;
  }
}

function claimOf(user: SessionUser, name: string): string | null {
  const claim = name === 'email' ? user.email : name === 'username' ? user.username : user.claims[name];
  if (claim === null || claim === undefined || claim === '') return null;
  return typeof claim === 'string' ? claim : JSON.stringify(claim);
}

defineElement('auth-user', AuthUser);

declare global {
  interface HTMLElementTagNameMap {
    'auth-user': AuthUser;
  }
}
