import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { account } from '../cognito/account-client.js';
import { property, state } from 'lit/decorators.js';
import { AuthError, type AuthErrorCode } from '../cognito/cognito-errors.js';
import type { CognitoConfig, Passkey } from '../cognito/types.js';
import type { AuthFlow } from '../events.js';
import { message, type MessageKey, type MessageRef } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { adoptStylesOnce } from '../shared/adopt-styles.js';
import { AuthFormElement, type HelpLink } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { FreshSignIn } from '../shared/fresh-sign-in.js';
import { passkeysStyles } from './auth-passkeys.styles.js';
import { createPasskey } from './signin-steps/passkey-offer-step.js';
// The account page's words come with it, not with the drop-in file.
import '../messages/en-account.js';

// Written out key by key, so that every catalogue key is named in the code.
const kindText: Record<string, MessageKey> = {
  platform: 'passkeys.kind.platform',
  'cross-platform': 'passkeys.kind.cross-platform',
};
// 'internal' is left out: "built into a device" says it.
const transportText: Record<string, MessageKey> = {
  hybrid: 'passkeys.transport.hybrid',
  usb: 'passkeys.transport.usb',
  nfc: 'passkeys.transport.nfc',
  ble: 'passkeys.transport.ble',
  'smart-card': 'passkeys.transport.smart-card',
};

/** Whether this page and browser can create a passkey at all (else why not). */
function creationBlocked(): MessageKey | null {
  if (!globalThis.isSecureContext) return 'error.passkey-not-allowed';
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) return 'passkey.create.unsupported';
  return null;
}

/**
 * The signed-in user's passkeys: each with its name, the day it was added and the kind of
 * authenticator (built into a device, or a security key or phone, and how it connects) where the
 * pool says; "Add a passkey" creates one on this device (the browser asks for the fingerprint,
 * face, screen lock or security key); "Remove" asks to confirm first. Signed out, it says so with
 * a link to `signin-url`. Where the page or browser cannot create passkeys, or the pool has them
 * turned off, it says that instead of offering a button that cannot work. Adding one asks for the
 * password again first when the sign-in is older than `max-auth-age` (a passkey is a new way into
 * the account, so a browser merely left signed in must not be enough to add one).
 *
 * @fires {AuthPasskeyAddedEvent} auth-passkey-added - A passkey was created and registered; `detail` has its credential `id` and `name`.
 * @fires {AuthPasskeyRemovedEvent} auth-passkey-removed - A passkey was removed from the account; `detail` has its `id` and `name`.
 * @fires {AuthErrorEvent} auth-error - Listing, adding or removing failed (`detail.flow` is `passkeys`).
 * @csspart list - The list of passkeys (`<ul>`).
 * @csspart item - One passkey: its name, details and remove button.
 * @csspart item-name - A passkey's name.
 * @csspart item-details - When it was added, and the kind of authenticator.
 * @csspart confirm - The removal's confirmation, in place of the remove button.
 * @csspart secondary - The remove, confirm and keep buttons, "Try again", the password prompt's Cancel, and the sign-in link when signed out.
 * @csspart fresh-sign-in - The form asking for the password again before a passkey is added.
 */
export class AuthPasskeys extends AuthFormElement {
  protected readonly flow = 'passkeys';
  private readonly session = new SessionController(this);

  /** The user's passkeys, oldest first; null until listed. */
  @state() private passkeys: Passkey[] | null = null;
  /** The pool answered that passkeys are not turned on. */
  @state() private unavailable = false;
  /** The passkey whose removal is being confirmed. */
  @state() private confirming: string | null = null;
  /** The user (sub) whose passkeys are shown or being listed. */
  private listedFor: string | null = null;
  private listPending = false;

  /** Sign-in page, linked when nobody is signed in or the session has ended. */
  @property({ attribute: 'signin-url' }) signinUrl?: string;
  /** Seconds a sign-in counts as recent for adding a passkey; older, the password is asked again. Default: `configure({ maxAuthAge })`, else 900. */
  @property({ attribute: 'max-auth-age', type: Number }) maxAuthAge?: number;

  private readonly fresh = new FreshSignIn(this, {
    config: () => this.resolveOwnConfig().config,
    action: () => message('passkeys.fresh-action'),
    idPrefix: this.idFor('fresh'),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStylesOnce(this.getRootNode(), passkeysStyles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { ready, user } = this.session.state;
    const sub = ready && user ? user.sub : null;
    if (sub === this.listedFor) return;
    // Another user (or nobody) now: nothing of the last one's list or messages may stay.
    this.listedFor = sub;
    this.passkeys = null;
    this.unavailable = false;
    this.confirming = null;
    this.error = null;
    this.status = '';
    this.listPending = sub !== null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.listPending && !this.busy) {
      this.listPending = false;
      void this.list();
    }
  }

  private list(): Promise<boolean> {
    const sub = this.listedFor;
    return this.run(
      this.flow,
      () => ({}),
      async (config) => {
        const passkeys = await account.listPasskeys(config);
        if (this.listedFor !== sub) return;
        this.passkeys = passkeys;
        this.status = '';
      },
      'load',
      message('passkeys.loading'),
    );
  }

  /** "Add a passkey": the browser's ceremony, then the list again for its name and date. */
  protected override async submit(_data: FormData, config: CognitoConfig): Promise<void> {
    // Cancelled: nothing happens and nothing is said.
    if (!(await this.fresh.ensure())) return;
    const { id } = await createPasskey(config);
    const passkeys = await account.listPasskeys(config).catch(() => null);
    if (passkeys) this.passkeys = passkeys;
    const name = passkeys?.find((passkey) => passkey.id === id)?.name ?? '';
    this.status = name ? message('passkeys.added', { name }) : message('passkey.create.done');
    this.emit('auth-passkey-added', { id, name });
  }

  protected override handleFailure(error: AuthError): void {
    if (error.code === 'passkey-not-enabled') {
      this.unavailable = true;
      this.passkeys = null;
    }
  }

  // Here the person is signed in and managing passkeys: "choose another way to sign in" would not fit.
  protected override errorText(error: AuthError, flow: AuthFlow): MessageRef {
    if (error.code === 'passkey-not-enabled') return { key: 'passkey.create.not-enabled' };
    return super.errorText(error, flow);
  }

  protected override fieldForError(_code: AuthErrorCode): string | null {
    return null;
  }

  protected override helpLinks(): HelpLink[] {
    const code = this.error?.code;
    return code === 'signed-out' || code === 'session-expired' ? this.linkTo(this.signinUrl, message('link.signin')) : [];
  }

  private async confirmRemoval(passkey: Passkey): Promise<void> {
    const removed = await this.run(
      this.flow,
      () => ({}),
      async (config) => {
        await account.deletePasskey(config, passkey.id);
        this.passkeys = (this.passkeys ?? []).filter((each) => each.id !== passkey.id);
        this.confirming = null;
        this.status = message('passkeys.removed', { name: passkey.name });
        this.emit('auth-passkey-removed', { id: passkey.id, name: passkey.name });
      },
      'remove',
      message('passkeys.removing'),
    );
    // Its row is gone: focus goes to what comes next, the add button (or the list's first remove).
    if (removed) this.focusAfterRemoval();
  }

  private focusAfterRemoval(): void {
    const next = this.querySelector<HTMLElement>('[part~="submit"]') ?? this.querySelector<HTMLElement>('[data-remove]');
    next?.focus();
  }

  private async askToRemove(passkey: Passkey): Promise<void> {
    if (this.busy) return;
    this.confirming = passkey.id;
    this.status = '';
    this.error = null;
    await this.updateComplete;
    // The safe choice has focus: a second press of Enter keeps the passkey.
    this.querySelector<HTMLElement>('[data-keep]')?.focus();
  }

  private async keep(passkey: Passkey): Promise<void> {
    this.confirming = null;
    await this.updateComplete;
    this.querySelector<HTMLElement>(`[data-remove="${CSS.escape(passkey.id)}"]`)?.focus();
  }

  private locale(): string | undefined {
    return this.closest('[lang]')?.getAttribute('lang') || undefined;
  }

  private details(passkey: Passkey): string {
    const locale = this.locale();
    const added = message('passkeys.added-on', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(passkey.createdAt) });
    const kindKey = passkey.attachment ? kindText[passkey.attachment] : undefined;
    const transports = passkey.transports.flatMap((transport) => (transportText[transport] ? [message(transportText[transport])] : []));
    if (!kindKey && !transports.length) return added;
    const via = new Intl.ListFormat(locale, { type: 'unit' }).format(transports);
    const kind = kindKey ? message(kindKey) : via;
    return message('passkeys.details', { added, kind: kindKey && transports.length ? message('passkeys.kind-via', { kind, via }) : kind });
  }

  private renderItem(passkey: Passkey): TemplateResult {
    const confirming = this.confirming === passkey.id;
    const disabled = this.busy ? 'true' : 'false';
    const questionId = this.idFor(`confirm-${passkey.id}`);
    return html`
      <li part="item">
        <span part="item-name">${passkey.name}</span>
        <span part="item-details">${this.details(passkey)}</span>
        ${
          confirming
            ? html`<div part="confirm" role="group" aria-labelledby=${questionId}>
                <p id=${questionId}>${message('passkeys.confirm', { name: passkey.name })}</p>
                <button part="secondary" type="button" data-confirm aria-disabled=${disabled} @click=${() => void this.confirmRemoval(passkey)}>
                  ${this.busyAction === 'remove' ? message('passkeys.removing') : message('passkeys.confirm-remove')}
                </button>
                <button part="secondary" type="button" data-keep aria-disabled=${disabled} @click=${() => void this.keep(passkey)}>
                  ${message('passkeys.keep')}
                </button>
              </div>`
            : html`<button
                part="secondary"
                type="button"
                data-remove=${passkey.id}
                aria-label=${message('passkeys.remove-label', { name: passkey.name })}
                aria-disabled=${disabled}
                @click=${() => void this.askToRemove(passkey)}
              >
                ${message('passkeys.remove')}
              </button>`
        }
      </li>
    `;
  }

  private renderList(): TemplateResult | typeof nothing {
    if (!this.passkeys) return nothing;
    if (!this.passkeys.length) return html`<p part="hint" data-empty>${message('passkeys.empty')}</p>`;
    return html`<ul part="list" aria-label=${message('passkeys.list-label')}>
      ${this.passkeys.map((passkey) => this.renderItem(passkey))}
    </ul>`;
  }

  private renderAdd(): TemplateResult | typeof nothing {
    if (this.unavailable) return nothing;
    const blocked = creationBlocked();
    if (blocked) return html`<p part="hint" data-cannot-create>${message(blocked)}</p>`;
    return this.renderSubmit(message('passkeys.add'), message('signin.passkey.busy'));
  }

  private renderSignedOut(): TemplateResult {
    const [link] = this.linkTo(this.signinUrl, message('link.signin'));
    return html`<div part="form">
      <p part="hint">${message('passkeys.signed-out')}</p>
      ${link ? html`<a part="secondary" href=${link.href}>${link.text}</a>` : nothing}
    </div>`;
  }

  override render() {
    const { ready, user } = this.session.state;
    if (!ready) return nothing;
    if (!user) return this.renderSignedOut();
    // Listing failed for a passing reason: the list can be asked for again.
    const retry = !this.passkeys && !this.unavailable && this.error && this.busyAction === null;
    // The password prompt replaces the list while it is open (hidden, not removed: nothing is lost).
    return html`
      ${this.fresh.render()}
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} ?hidden=${this.fresh.prompting} @submit=${this.handleSubmit}>
        ${this.unavailable ? nothing : html`<p part="hint">${message('passkeys.intro')}</p>`} ${this.renderList()} ${this.renderMessages()}
        ${retry ? html`<button part="secondary" type="button" data-retry @click=${() => void this.list()}>${message('passkeys.retry')}</button>` : nothing}
        ${this.renderAdd()}
      </form>
    `;
  }
}

defineElement('auth-passkeys', AuthPasskeys);

declare global {
  interface HTMLElementTagNameMap {
    'auth-passkeys': AuthPasskeys;
  }
}
