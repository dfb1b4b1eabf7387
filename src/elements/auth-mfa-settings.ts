import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { account } from '../cognito/account-client.js';
import { property, state } from 'lit/decorators.js';
import type { AuthErrorCode } from '../cognito/cognito-errors.js';
import type { MfaChange } from '../cognito/mfa-preference.js';
import type { CognitoConfig, MfaFactor } from '../cognito/types.js';
import type { UserDetails } from '../cognito/user-attributes.js';
import { message, type MessageKey } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';
import { adoptStylesOnce } from '../shared/adopt-styles.js';
import { AuthFormElement, type FieldErrors } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { fieldText } from '../shared/form-data.js';
import { FreshSignIn } from '../shared/fresh-sign-in.js';
import { isSixDigitCode, normalizeCode } from '../shared/validation.js';
import { mfaSettingsStyles } from './auth-mfa-settings.styles.js';
import { signinStyles } from './auth-signin.styles.js';
import { renderTotpKey } from './signin-steps/totp-setup-step.js';
// The account page's words come with it, not with the drop-in file.
import '../messages/en-account.js';

const ALL: readonly MfaFactor[] = ['totp', 'sms', 'email'];

const names: Readonly<Record<MfaFactor, MessageKey>> = { totp: 'mfa-settings.totp', sms: 'mfa-settings.sms', email: 'mfa-settings.email' };

/** Which button's request is in flight: a factor and what was asked of it. */
type Acting = `${MfaFactor}-${'on' | 'off' | 'prefer'}` | 'totp-start';

/**
 * The signed-in user's two-step verification (MFA): add or remove an authenticator app (the QR
 * code and setup key as at sign-in), turn codes by text message or email on or off, and choose
 * the preferred one. `factors` names what the pool offers (Cognito does not tell a signed-in user
 * its pool's MFA configuration); factors the user already has are shown whatever it says, so they
 * can be removed. With `mfa-required` (the pool's MFA is "required"), the last factor cannot be
 * turned off, and the element says why. Removing or turning off a factor asks for the password
 * again when the sign-in is older than `max-auth-age`.
 *
 * @fires {AuthMfaChangedEvent} auth-mfa-changed - A factor was added, removed or made preferred; `detail` has the factor, the change and the settings now.
 * @fires {AuthErrorEvent} auth-error - Loading or a change failed (`detail.flow` is `mfa-settings`), or the password asked for again was wrong (`fresh-sign-in`).
 * @csspart factors - The list of factors.
 * @csspart factor - One factor: its name, state and buttons.
 * @csspart factor-name - A factor's name.
 * @csspart factor-state - "On", "Off", "On, preferred".
 * @csspart qr - The QR code (`<svg>`) of the authenticator app being added.
 * @csspart secondary - Each factor's buttons, the set-up's copy button, `otpauth:` link and Cancel, and "Try again".
 * @csspart fresh-sign-in - The form asking for the password again before a factor is turned off.
 */
export class AuthMfaSettings extends AuthFormElement {
  protected readonly flow = 'mfa-settings';
  private readonly session = new SessionController(this);
  private readonly fresh = new FreshSignIn(this, {
    config: () => this.resolveOwnConfig().config,
    action: () => message('mfa-settings.fresh-action'),
    idPrefix: this.idFor('fresh'),
  });

  /** The MFA factors the pool offers, from `totp sms email`. Default `totp`. */
  @property() factors = 'totp';
  /** The pool requires MFA (Cognito's MFA "required"): the last factor stays on. */
  @property({ attribute: 'mfa-required', type: Boolean }) mfaRequired = false;
  /** Seconds a sign-in counts as recent for turning a factor off (default: `configure({ maxAuthAge })`, else 900). */
  @property({ attribute: 'max-auth-age', type: Number }) maxAuthAge?: number;

  @state() private details: UserDetails | null = null;
  /** The authenticator app being added: its secret and link, until its first code is entered. */
  @state() private setup: { secret: string; otpauthUri: string } | null = null;
  @state() private acting: Acting | null = null;
  private loadedFor: string | null = null;

  private get offered(): MfaFactor[] {
    const listed = this.factors.toLowerCase().split(/[\s,]+/);
    const enabled = this.details?.mfa ?? [];
    return ALL.filter((factor) => listed.includes(factor) || enabled.includes(factor));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStylesOnce(this.getRootNode(), mfaSettingsStyles);
    void sessionStore.whenReady().then(() => this.requestUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const user = this.session.state.user;
    if (!user) {
      this.loadedFor = null;
      this.details = null;
      this.setup = null;
    } else if (user.sub !== this.loadedFor && !this.busy) {
      this.loadedFor = user.sub;
      this.details = null;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const ok = await this.run(
      this.flow,
      () => ({}),
      async (config) => {
        this.details = await account.getUserDetails(config);
      },
      'load',
      message('mfa-settings.loading'),
    );
    if (ok) this.status = '';
  }

  protected override validate(data: FormData): FieldErrors {
    const code = normalizeCode(fieldText(data, 'code'));
    if (!code) return { code: message('check.code.empty') };
    return isSixDigitCode(code) ? {} : { code: message('check.code.shape') };
  }

  protected override fieldForError(code: AuthErrorCode): string | null {
    return this.setup && (code === 'code-mismatch' || code === 'limit-exceeded') ? 'code' : null;
  }

  /** The set-up form's submit: the app's first code turns it on. */
  protected override async submit(data: FormData, config: CognitoConfig): Promise<void> {
    const details = this.details;
    if (!details) return;
    this.acting = null;
    const preferred = details.preferredMfa === null;
    await account.finishTotpSetup(config, normalizeCode(fieldText(data, 'code')), preferred);
    this.setup = null;
    this.changed('totp', 'added', { enabled: true, ...(preferred ? { preferred: true } : {}) });
    this.status = message('mfa-settings.totp-added');
    await this.focusFactor('totp');
  }

  private startTotp(): void {
    void this.act('totp-start', async (config) => {
      const user = this.session.state.user;
      this.setup = await account.startTotpSetup(config, user?.email ?? user?.username ?? '');
      adoptStylesOnce(this.getRootNode(), signinStyles);
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('[name="code"]')?.focus();
    });
  }

  private async cancelSetup(): Promise<void> {
    if (this.busy) return;
    this.setup = null;
    this.error = null;
    this.fieldErrors = {};
    this.status = '';
    await this.focusFactor('totp');
  }

  private turnOn(factor: MfaFactor): void {
    // The first factor on is the one sign-in asks for, rather than a choice every time.
    const preferred = this.details?.preferredMfa === null;
    void this.act(`${factor}-on`, async (config) => {
      await account.setMfaPreference(config, { [factor]: { enabled: true, ...(preferred ? { preferred: true } : {}) } });
      this.changed(factor, 'added', { enabled: true, ...(preferred ? { preferred: true } : {}) });
      this.status = message('mfa-settings.turned-on', { factor: message(names[factor]) });
    });
  }

  private turnOff(factor: MfaFactor): void {
    void this.act(`${factor}-off`, async (config) => {
      // Removing a second step is what someone holding a stolen session would do first.
      if (!(await this.fresh.ensure())) return;
      await account.setMfaPreference(config, { [factor]: { enabled: false, preferred: false } });
      this.changed(factor, 'removed', { enabled: false, preferred: false });
      this.status = message(factor === 'totp' ? 'mfa-settings.totp-removed' : 'mfa-settings.turned-off', { factor: message(names[factor]) });
    });
  }

  private prefer(factor: MfaFactor): void {
    void this.act(`${factor}-prefer`, async (config) => {
      await account.setMfaPreference(config, { [factor]: { enabled: true, preferred: true } });
      this.changed(factor, 'preferred', { enabled: true, preferred: true });
      this.status = message('mfa-settings.preferred', { factor: message(names[factor]) });
    });
  }

  /** Runs one button's request: that button shows busy, the others wait. */
  private async act(acting: Acting, task: (config: CognitoConfig) => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.acting = acting;
    const factor = acting.split('-')[0] as MfaFactor;
    const ok = await this.run(this.flow, () => ({}), task, 'change');
    this.acting = null;
    // The button pressed may have given way to another ("Turn on" to "Turn off"): keep focus in the row.
    if (ok && !this.setup) await this.focusFactor(factor);
  }

  /** Applies a change Cognito accepted to what is shown, as SetUserMFAPreference applies it, and reports it. */
  private changed(factor: MfaFactor, change: 'added' | 'removed' | 'preferred', setting: MfaChange): void {
    const details = this.details;
    if (!details) return;
    const mfa = setting.enabled === false ? details.mfa.filter((f) => f !== factor) : [...new Set([...details.mfa, factor])];
    let preferredMfa = details.preferredMfa;
    if (setting.preferred) preferredMfa = factor;
    else if (setting.enabled === false && preferredMfa === factor) preferredMfa = null;
    this.details = { ...details, mfa, preferredMfa };
    this.emit('auth-mfa-changed', { username: this.session.state.user?.username ?? '', factor, change, enabled: mfa, preferred: preferredMfa });
  }

  private async focusFactor(factor: MfaFactor): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(`[data-factor="${factor}"] button:not([aria-disabled="true"])`)?.focus();
  }

  private button(acting: Acting, label: MessageKey, busyLabel: MessageKey, onClick: () => void): TemplateResult {
    const waiting = this.busyAction === 'change' && this.acting === acting;
    return html`<button part="secondary" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${onClick}>
      ${message(waiting ? busyLabel : label)}
    </button>`;
  }

  /** Why a factor cannot be turned on, or its last one turned off, or null when it can. */
  private blocker(factor: MfaFactor, on: boolean, details: UserDetails): MessageKey | null {
    if (on) return this.mfaRequired && details.mfa.length === 1 ? 'mfa-settings.required-last' : null;
    const { attributes } = details;
    if (factor === 'sms' && !(attributes.phone_number && attributes.phone_number_verified === 'true')) return 'mfa-settings.sms-needs-phone';
    if (factor === 'email' && attributes.email_verified !== 'true') return 'mfa-settings.email-needs-verified';
    return null;
  }

  private renderFactor(factor: MfaFactor, details: UserDetails): TemplateResult {
    const on = details.mfa.includes(factor);
    const preferred = details.preferredMfa === factor;
    const blocked = this.blocker(factor, on, details);
    const noteId = this.idFor(`${factor}-note`);
    const state: MessageKey = on ? (preferred ? 'mfa-settings.state-preferred' : 'mfa-settings.state-on') : 'mfa-settings.state-off';
    const actions: TemplateResult[] = [];
    if (on && !preferred && details.mfa.length > 1) {
      actions.push(this.button(`${factor}-prefer`, 'mfa-settings.prefer', 'mfa-settings.busy', () => this.prefer(factor)));
    }
    if (on && !blocked) {
      const label = factor === 'totp' ? 'mfa-settings.remove-totp' : 'mfa-settings.turn-off';
      actions.push(this.button(`${factor}-off`, label, 'mfa-settings.busy', () => this.turnOff(factor)));
    }
    if (!on && !blocked && factor === 'totp' && !this.setup) {
      actions.push(this.button('totp-start', 'mfa-settings.add-totp', 'mfa-settings.busy', () => this.startTotp()));
    }
    if (!on && !blocked && factor !== 'totp') {
      actions.push(this.button(`${factor}-on`, 'mfa-settings.turn-on', 'mfa-settings.busy', () => this.turnOn(factor)));
    }
    return html`<li part="factor" data-factor=${factor}>
      <span part="factor-name">${message(names[factor])}</span>
      <span part="factor-state">${message(state)}</span>
      ${blocked ? html`<p part="hint" id=${noteId}>${message(blocked)}</p>` : nothing} ${actions}
    </li>`;
  }

  private renderSetup(setup: { secret: string; otpauthUri: string }): TemplateResult {
    return html`
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby=${this.idFor('setup-title')} @submit=${this.handleSubmit}>
        <p part="label" id=${this.idFor('setup-title')}>${message('mfa-settings.setup-title')}</p>
        ${renderTotpKey({ requestUpdate: () => this.requestUpdate(), setStatus: (text) => (this.status = text) }, setup.secret, setup.otpauthUri)}
        ${this.renderField({
          name: 'code',
          label: message('signin.totp-setup.code'),
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          secret: true,
          describedBy: [this.idFor('code-hint')],
          extra: html`<p part="hint" id=${this.idFor('code-hint')}>${message('signin.totp-setup.hint')}</p>`,
        })}
        ${this.renderSubmit(message('mfa-settings.setup-submit'), message('mfa-settings.setup-busy'))}
        <button part="secondary" type="button" ?disabled=${this.busy} @click=${this.cancelSetup}>${message('mfa-settings.cancel')}</button>
      </form>
    `;
  }

  override render() {
    const { ready, user } = this.session.state;
    if (!ready) return html`<div part="form"><p part="status" role="status">${message('mfa-settings.loading')}</p></div>`;
    if (!user) return html`<div part="form"><p part="status" role="status">${message('mfa-settings.signed-out')}</p></div>`;
    const details = this.details;
    if (!details) {
      return html`<div part="form">
        ${this.renderMessages()}
        ${this.error && !this.busy ? html`<button part="secondary" type="button" @click=${() => void this.load()}>${message('mfa-settings.retry')}</button>` : nothing}
      </div>`;
    }
    return html`
      ${this.fresh.render()}
      <div part="form" ?hidden=${this.fresh.prompting} aria-busy=${this.busy ? 'true' : 'false'}>
        <p part="hint">${message('mfa-settings.intro')}</p>
        ${this.mfaRequired ? html`<p part="hint">${message('mfa-settings.required')}</p>` : nothing}
        <ul part="factors" aria-label=${message('mfa-settings.list-label')}>
          ${this.offered.map((factor) => this.renderFactor(factor, details))}
        </ul>
        ${this.setup ? this.renderSetup(this.setup) : nothing} ${this.renderMessages()}
      </div>
    `;
  }
}

defineElement('auth-mfa-settings', AuthMfaSettings);

declare global {
  interface HTMLElementTagNameMap {
    'auth-mfa-settings': AuthMfaSettings;
  }
}
