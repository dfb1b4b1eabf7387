// "You are already signed in as …": what a sign-in or sign-up form shows instead of itself when
// someone is signed in, with a way on (`next`) and a way out (sign out, then the form returns).
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { toAuthError } from '../cognito/cognito-errors.js';
import { authErrorMessage } from '../cognito/error-messages.js';
import { safeRedirectUrl } from '../config/index.js';
import { message, type MessageKey } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';

/** A form element that can be replaced by the signed-in note. */
export interface SignedInHost extends ReactiveControllerHost, HTMLElement {
  next?: string;
}

/** The note's state: who is signed in (live, through a SessionController) and the sign-out in flight. */
export class SignedInAs {
  private readonly session: SessionController;
  private signingOut = false;
  private error = '';
  /** The note's wording: "already signed in" unless the host signed the user in itself. */
  key: MessageKey = 'signin.already';

  /** `session`: the host's own SessionController, when it has one (one subscription per element). */
  constructor(
    readonly host: SignedInHost,
    session?: SessionController,
  ) {
    this.session = session ?? new SessionController(host);
  }

  /** Whether the note replaces the form now (someone is signed in). */
  get showing(): boolean {
    const { ready, user } = this.session.state;
    return ready && user !== null;
  }

  get email(): string {
    const user = this.session.state.user;
    return user?.email ?? user?.username ?? '';
  }

  get nextHref(): string | null {
    return this.host.next ? (safeRedirectUrl(this.host.next)?.href ?? null) : null;
  }

  get busy(): boolean {
    return this.signingOut;
  }

  get errorText(): string {
    return this.error;
  }

  readonly signOut = async (): Promise<void> => {
    if (this.signingOut) return; // a second click sends nothing
    this.signingOut = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      await sessionStore.signOut();
      this.key = 'signin.already';
    } catch (err) {
      this.error = authErrorMessage(toAuthError(err, 'signout').code, 'signout');
    } finally {
      this.signingOut = false;
      this.host.requestUpdate();
    }
  };
}

export function renderSignedInAs(note: SignedInAs): TemplateResult {
  const next = note.nextHref;
  return html`
    <div part="form">
      <p part="status" role="status">${message(note.key, { email: note.email })}</p>
      ${next ? html`<a part="secondary" href=${next}>${message('signin.continue')}</a>` : nothing}
      <button part="secondary" type="button" aria-disabled=${note.busy ? 'true' : 'false'} @click=${note.signOut}>
        ${note.busy ? message('signout.busy') : message('signin.switch-user')}
      </button>
      ${note.errorText ? html`<p part="error" role="alert">${note.errorText}</p>` : nothing}
    </div>
  `;
}
