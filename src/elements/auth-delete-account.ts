import { html, type TemplateResult } from 'lit';
import { account } from '../cognito/account-client.js';
import { property } from 'lit/decorators.js';
import type { AuthErrorCode } from '../cognito/cognito-errors.js';
import type { CognitoConfig } from '../cognito/types.js';
import { message } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';
import { AuthFormElement, type FieldErrors, type HelpLink } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { fieldText } from '../shared/form-data.js';
import { FreshSignIn } from '../shared/fresh-sign-in.js';
// The account page's words come with it, not with the drop-in file.
import '../messages/en-account.js';

/**
 * Deletes the signed-in user's account (Cognito's DeleteUser), for good. The person types the
 * confirmation word ("delete") or their email address first; when the sign-in is older than
 * `max-auth-age` seconds the password is asked for again (see FreshSignIn). Afterwards the tokens
 * and this device's remembered-device keys are gone, the session store (and every tab) shows the
 * user signed out, and the page goes to `next` (same-origin only), else says it is done.
 *
 * @fires {AuthAccountDeletedEvent} auth-account-deleted - The account was deleted; the user is signed out.
 * @fires {AuthErrorEvent} auth-error - Deleting failed (`detail.flow` is `delete-account`), or the password asked for again was refused (`fresh-sign-in`).
 * @csspart warning - What deleting means, above the confirmation field.
 * @csspart fresh-sign-in - The form asking for the password again.
 * @csspart secondary - The prompt's Cancel button, and the sign-in link when signed out.
 */
export class AuthDeleteAccount extends AuthFormElement {
  protected readonly flow = 'delete-account';
  private readonly session = new SessionController(this);
  private readonly fresh = new FreshSignIn(this, {
    config: () => this.resolveOwnConfig().config,
    action: () => message('delete.fresh-action'),
    idPrefix: this.idFor('fresh'),
  });

  /** Seconds a sign-in counts as recent; older ones ask for the password again. Default: `configure({ maxAuthAge })`, else 900. */
  @property({ attribute: 'max-auth-age', type: Number }) maxAuthAge?: number;
  /** Sign-in page, linked when nobody is signed in. */
  @property({ attribute: 'signin-url' }) signinUrl?: string;

  private get confirmWord(): string {
    return message('delete.confirm-word');
  }

  protected override validate(data: FormData): FieldErrors {
    const typed = fieldText(data, 'confirm').trim().toLowerCase();
    const email = this.session.state.user?.email?.toLowerCase();
    if (!typed) return { confirm: message('delete.check.empty', { word: this.confirmWord }) };
    if (typed !== this.confirmWord.toLowerCase() && typed !== email) return { confirm: message('delete.check.mismatch', { word: this.confirmWord }) };
    return {};
  }

  protected override fieldForError(_code: AuthErrorCode): string | null {
    return null;
  }

  protected override async submit(_data: FormData, config: CognitoConfig): Promise<void> {
    if (!(await this.fresh.ensure())) {
      this.status = message('delete.cancelled');
      return;
    }
    const { username } = await account.deleteUser(config);
    // The tokens are gone from storage: the store (and through it every tab) sees the sign-out.
    await sessionStore.refresh();
    this.emit('auth-account-deleted', { username });
    if (this.goNext()) return;
    this.status = message('delete.done');
  }

  protected override helpLinks(): HelpLink[] {
    return this.error?.code === 'signed-out' ? this.linkTo(this.signinUrl, message('link.signin')) : [];
  }

  private renderSignedOut(): TemplateResult {
    const links = this.status ? [] : this.linkTo(this.signinUrl, message('link.signin'));
    return html`<div part="form">
      <p part="status" role="status">${this.status || message('account.signed-out')}</p>
      ${links.map((link) => html`<a part="secondary" href=${link.href}>${link.text}</a>`)}
    </div>`;
  }

  override render() {
    const { user, ready } = this.session.state;
    if (ready && !user && !this.busy) return this.renderSignedOut();
    const hint = this.idFor('warning');
    return html`
      ${this.fresh.render()}
      <form part="form" novalidate ?hidden=${this.fresh.prompting} aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        <p part="warning" id=${hint}>${message('delete.warning')}</p>
        ${this.renderField({
          name: 'confirm',
          label: message('delete.confirm-label', { word: this.confirmWord }),
          autocomplete: 'off',
          describedBy: [hint],
        })}
        ${this.renderMessages()} ${this.renderSubmit(message('delete.submit'), message('delete.busy'))}
      </form>
    `;
  }
}

defineElement('auth-delete-account', AuthDeleteAccount);

declare global {
  interface HTMLElementTagNameMap {
    'auth-delete-account': AuthDeleteAccount;
  }
}
