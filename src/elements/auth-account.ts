import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { account } from '../cognito/account-client.js';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { UserAuthFactors } from '../cognito/auth-factors.js';
import type { CognitoConfig } from '../cognito/types.js';
import type { AuthErrorEvent } from '../events.js';
import { message, type MessageKey } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { adoptStylesOnce } from '../shared/adopt-styles.js';
import { AuthFormElement } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
import { accountStyles } from './auth-account.styles.js';
// The sections' elements, imported here so that the account page is one download.
import './auth-change-password.js';
import './auth-delete-account.js';
import './auth-devices.js';
import './auth-mfa-settings.js';
import './auth-passkeys.js';
import './auth-profile.js';
// The account page's words come with it, not with the drop-in file.
import '../messages/en-account.js';

/** A section of the page, in the order shown. */
export type AccountSection = 'profile' | 'password' | 'mfa' | 'passkeys' | 'devices' | 'delete';

interface SectionSpec {
  key: AccountSection;
  heading: MessageKey;
  /** Whether it applies to this user; `factors` is null when they could not be read (then every section shows). */
  applies?: (factors: UserAuthFactors | null) => boolean;
  render(account: AuthAccount): TemplateResult;
}

const allSections: SectionSpec[] = [
  {
    key: 'profile',
    heading: 'account-page.section.profile',
    render: (a) =>
      html`<auth-profile
        region=${ifDefined(a.region)}
        user-pool-id=${ifDefined(a.userPoolId)}
        user-pool-client-id=${ifDefined(a.userPoolClientId)}
        endpoint=${ifDefined(a.endpoint)}
        attributes=${ifDefined(a.profileAttributes)}
        max-auth-age=${ifDefined(a.maxAuthAge)}
      ></auth-profile>`,
  },
  {
    key: 'password',
    heading: 'account-page.section.password',
    // A user who signs in with passkeys or codes only has no password to change.
    applies: (factors) => !factors || factors.configured.includes('PASSWORD'),
    render: (a) =>
      html`<auth-change-password
        region=${ifDefined(a.region)}
        user-pool-id=${ifDefined(a.userPoolId)}
        user-pool-client-id=${ifDefined(a.userPoolClientId)}
        endpoint=${ifDefined(a.endpoint)}
        signin-url=${ifDefined(a.signinUrl)}
        forgot-password-url=${ifDefined(a.forgotPasswordUrl)}
        password-min-length=${ifDefined(a.passwordMinLength)}
        password-require=${ifDefined(a.passwordRequire)}
      ></auth-change-password>`,
  },
  {
    key: 'mfa',
    heading: 'account-page.section.mfa',
    render: (a) =>
      html`<auth-mfa-settings
        region=${ifDefined(a.region)}
        user-pool-id=${ifDefined(a.userPoolId)}
        user-pool-client-id=${ifDefined(a.userPoolClientId)}
        endpoint=${ifDefined(a.endpoint)}
        factors=${ifDefined(a.mfaFactors)}
        ?mfa-required=${a.mfaRequired}
        max-auth-age=${ifDefined(a.maxAuthAge)}
      ></auth-mfa-settings>`,
  },
  {
    key: 'passkeys',
    heading: 'account-page.section.passkeys',
    render: (a) =>
      html`<auth-passkeys
        region=${ifDefined(a.region)}
        user-pool-id=${ifDefined(a.userPoolId)}
        user-pool-client-id=${ifDefined(a.userPoolClientId)}
        endpoint=${ifDefined(a.endpoint)}
        signin-url=${ifDefined(a.signinUrl)}
        max-auth-age=${ifDefined(a.maxAuthAge)}
      ></auth-passkeys>`,
  },
  {
    key: 'devices',
    heading: 'account-page.section.devices',
    render: (a) =>
      html`<auth-devices
        region=${ifDefined(a.region)}
        user-pool-id=${ifDefined(a.userPoolId)}
        user-pool-client-id=${ifDefined(a.userPoolClientId)}
        endpoint=${ifDefined(a.endpoint)}
        signin-url=${ifDefined(a.signinUrl)}
      ></auth-devices>`,
  },
  {
    key: 'delete',
    heading: 'account-page.section.delete',
    render: (a) =>
      html`<auth-delete-account
        region=${ifDefined(a.region)}
        user-pool-id=${ifDefined(a.userPoolId)}
        user-pool-client-id=${ifDefined(a.userPoolClientId)}
        endpoint=${ifDefined(a.endpoint)}
        signin-url=${ifDefined(a.signinUrl)}
        max-auth-age=${ifDefined(a.maxAuthAge)}
        next=${ifDefined(a.next)}
      ></auth-delete-account>`,
  },
];

/**
 * The signed-in user's account page: one section per account element, each under its heading, in
 * a fixed order (details, password, two-step verification, passkeys, devices, deleting the
 * account), with a list of links to jump to each. Only the sections that apply are shown: none
 * about a password for a user who signs in without one (GetUserAuthFactors), none about passkeys
 * when the pool has them turned off. `sections` leaves some out. The configuration attributes,
 * `signin-url` and `max-auth-age` are passed to every section. Signed out, it says so with a link
 * to `signin-url`.
 *
 * @fires {AuthErrorEvent} auth-error - Reading the user's sign-in factors failed (`detail.flow` is `account`); the sections' own errors bubble from them.
 * @csspart jump - The list of links to the sections (`<nav>`).
 * @csspart jump-link - One link of that list.
 * @csspart section - One section (`<section>`).
 * @csspart heading - A section's heading (`<h2>`).
 * @csspart secondary - The sign-in link when signed out.
 */
export class AuthAccount extends AuthFormElement {
  protected readonly flow = 'account';
  private readonly session = new SessionController(this);

  /** The user's factors, null until read (or when they could not be). */
  @state() private factors: UserAuthFactors | null = null;
  /** Whether the factors have been asked for and answered (or failed). */
  @state() private factorsKnown = false;
  /** Sections a section's own element found do not apply (passkeys off in the pool). */
  @state() private dropped: ReadonlySet<AccountSection> = new Set();
  private readFor: string | null = null;
  private readPending = false;

  /** Sign-in page, linked when nobody is signed in; passed to every section. */
  @property({ attribute: 'signin-url' }) signinUrl?: string;
  /** Seconds a sign-in counts as recent for sensitive changes; passed to every section. Default: `configure({ maxAuthAge })`, else 900. */
  @property({ attribute: 'max-auth-age', type: Number }) maxAuthAge?: number;
  /** The sections to show (those that apply), from `profile password mfa passkeys devices delete`, in the page's fixed order. Default: all. */
  @property() sections = 'profile password mfa passkeys devices delete';
  /** The password section's link for a forgotten current password (its `forgot-password-url`). */
  @property({ attribute: 'forgot-password-url' }) forgotPasswordUrl?: string;
  /** The pool's minimum password length, for the password section's checklist. */
  @property({ attribute: 'password-min-length', type: Number })
  passwordMinLength?: number;
  /** The character classes the pool requires, for the password section's checklist. */
  @property({ attribute: 'password-require' }) passwordRequire?: string;
  /** The details section's attributes (its `attributes`). Default: that element's, `email name`. */
  @property({ attribute: 'profile-attributes' }) profileAttributes?: string;
  /** The two-step verification section's factors (its `factors`). Default: that element's, `totp`. */
  @property({ attribute: 'mfa-factors' }) mfaFactors?: string;
  /** The pool requires MFA (passed to the two-step verification section as `mfa-required`). */
  @property({ attribute: 'mfa-required', type: Boolean }) mfaRequired = false;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStylesOnce(this.getRootNode(), accountStyles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { ready, user } = this.session.state;
    const sub = ready && user ? user.sub : null;
    if (sub === this.readFor) return;
    this.readFor = sub;
    this.factors = null;
    this.factorsKnown = false;
    this.dropped = new Set();
    this.error = null;
    this.readPending = sub !== null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.readPending && !this.busy) {
      this.readPending = false;
      void this.readFactors();
    }
  }

  private async readFactors(): Promise<void> {
    const sub = this.readFor;
    await this.run(
      this.flow,
      () => ({}),
      async (config) => {
        const factors = await account.getUserAuthFactors(config);
        if (this.readFor === sub) this.factors = factors;
        this.status = '';
      },
      'load',
      message('account-page.loading'),
    );
    // Failed: every section shows, and each says what it can (better than an empty page).
    if (this.readFor === sub) this.factorsKnown = true;
  }

  protected override submit(_data: FormData, _config: CognitoConfig): Promise<void> {
    return Promise.resolve(); // Nothing to submit: the sections are the forms.
  }

  private shown(): SectionSpec[] {
    const wanted = new Set(this.sections.split(/[\s,]+/).filter(Boolean));
    return allSections.filter((section) => wanted.has(section.key) && !this.dropped.has(section.key) && (section.applies?.(this.factors) ?? true));
  }

  // A section's element that finds its feature off in the pool (passkeys) leaves the page.
  private handleSectionError(key: AccountSection, event: AuthErrorEvent): void {
    if (key === 'passkeys' && event.detail.code === 'passkey-not-enabled') this.dropped = new Set([...this.dropped, key]);
  }

  private renderSignedOut(): TemplateResult {
    const [link] = this.linkTo(this.signinUrl, message('link.signin'));
    return html`<div part="form">
      <p part="hint">${message('account-page.signed-out')}</p>
      ${link ? html`<a part="secondary" href=${link.href}>${link.text}</a>` : nothing}
    </div>`;
  }

  override render() {
    const { ready, user } = this.session.state;
    if (!ready) return nothing;
    if (!user) return this.renderSignedOut();
    if (!this.factorsKnown) return html`<div part="form">${this.renderMessages()}</div>`;
    const sections = this.shown();
    return html`
      ${this.error ? html`<div part="form">${this.renderMessages()}</div>` : nothing}
      <nav part="jump" aria-label=${message('account-page.jump-label')}>
        <ul>
          ${sections.map((section) => html`<li><a part="jump-link" href="#${this.idFor(section.key)}">${message(section.heading)}</a></li>`)}
        </ul>
      </nav>
      ${sections.map(
        (section) => html`
          <section
            part="section"
            data-section=${section.key}
            aria-labelledby=${this.idFor(section.key)}
            @auth-error=${(event: AuthErrorEvent) => this.handleSectionError(section.key, event)}
          >
            <h2 part="heading" id=${this.idFor(section.key)} tabindex="-1">${message(section.heading)}</h2>
            ${section.render(this)}
          </section>
        `,
      )}
    `;
  }
}

defineElement('auth-account', AuthAccount);

declare global {
  interface HTMLElementTagNameMap {
    'auth-account': AuthAccount;
  }
}
