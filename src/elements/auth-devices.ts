import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { account } from '../cognito/account-client.js';
import { property, state } from 'lit/decorators.js';
import { cognito } from '../cognito/cognito-client.js';
import type { CognitoConfig, RememberedDevice } from '../cognito/types.js';
import { message, type MessageKey } from '../messages/message.js';
import { SessionController } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';
import { AuthFormElement, type HelpLink } from '../shared/auth-form-element.js';
import { defineElement } from '../shared/define-element.js';
// The account page's words come with it, not with the drop-in file.
import '../messages/en-account.js';

type DeviceChange = 'forgotten' | 'remembered' | 'not-remembered';

const doneKey = {
  forgotten: 'devices.done.forgotten',
  remembered: 'devices.done.remembered',
  'not-remembered': 'devices.done.not-remembered',
} as const satisfies Record<DeviceChange, MessageKey>;

/**
 * The signed-in user's devices: the ones the pool remembers (Cognito's device tracking:
 * ListDevices, with name, last sign-in and first sign-in; Forget, and Remember / Don't remember
 * where the pool lets the user choose), and "Sign out everywhere" (GlobalSignOut), which warns
 * and asks to confirm first. Without device tracking in the pool the list says there are none.
 * After signing out everywhere the page goes to `next` (same-origin only), else says it is done.
 *
 * @fires {AuthDeviceChangedEvent} auth-device-changed - A device was forgotten, or marked remembered or not; `detail.deviceName` says which.
 * @fires {AuthSignedOutEvent} auth-signed-out - Signed out everywhere (`detail.global` is true).
 * @fires {AuthErrorEvent} auth-error - Listing or changing devices failed (`detail.flow` is `devices`), or signing out everywhere did (`signout`).
 * @csspart heading - The two sections' headings.
 * @csspart devices - The list of devices.
 * @csspart device - One device: its name, dates and buttons.
 * @csspart device-name - A device's name (and "this device").
 * @csspart warning - What signing out everywhere does.
 * @csspart secondary - The device buttons, Cancel, and the sign-in link when signed out.
 * @csspart danger - The button that signs out everywhere.
 */
export class AuthDevices extends AuthFormElement {
  protected readonly flow = 'devices';
  private readonly session = new SessionController(this);

  /** The devices, once listed; null until then (or after listing failed). */
  @state() private devices: RememberedDevice[] | null = null;
  /** The device whose button is waiting for its request. */
  @state() private working: { key: string; change: DeviceChange } | null = null;
  /** Whether "Sign out everywhere" is asking to confirm. */
  @state() private confirming = false;
  private listedFor = '';

  /** Sign-in page, linked when nobody is signed in. */
  @property({ attribute: 'signin-url' }) signinUrl?: string;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // List once per signed-in user, when the session is known.
    const user = this.session.state.user;
    if (user && this.listedFor !== user.sub && !this.busy) {
      this.listedFor = user.sub;
      void this.list();
    }
  }

  // No form of its own: each button runs its request.
  protected override async submit(): Promise<void> {}

  /** Lists the devices again (after a change elsewhere). */
  async list(): Promise<void> {
    await this.run(
      'devices',
      () => ({}),
      async (config) => {
        this.devices = await account.listDevices(config);
        this.status = '';
      },
      'resend',
      message('devices.loading'),
    );
  }

  private change(device: RememberedDevice, change: DeviceChange): void {
    this.working = { key: device.key, change };
    void this.run(
      'devices',
      () => ({}),
      async (config: CognitoConfig) => {
        if (change === 'forgotten') await account.forgetDevice(config, device.key);
        else await account.setDeviceRemembered(config, device.key, change === 'remembered');
        const name = device.name || message('devices.unnamed');
        this.devices =
          change === 'forgotten'
            ? (this.devices ?? []).filter((d) => d.key !== device.key)
            : (this.devices ?? []).map((d) => (d.key === device.key ? { ...d, remembered: change === 'remembered' } : d));
        this.emit('auth-device-changed', { change, deviceName: name, current: device.current });
        this.status = message(doneKey[change], { name });
      },
    ).finally(() => (this.working = null));
  }

  private async confirmEverywhere(): Promise<void> {
    this.confirming = true;
    await this.updateComplete;
    this.querySelector<HTMLButtonElement>('[part~="danger"]')?.focus();
  }

  private cancelEverywhere(): void {
    this.confirming = false;
    void this.updateComplete.then(() => this.querySelector<HTMLButtonElement>('[data-everywhere]')?.focus());
  }

  private signOutEverywhere(): void {
    void this.run(
      'signout',
      () => ({}),
      async (config) => {
        // With this element's configuration (its timeout too), then the store sees the tokens gone.
        const { revoked } = await cognito.signOut(config, { global: true });
        await sessionStore.refresh();
        this.confirming = false;
        this.devices = null;
        this.emit('auth-signed-out', { global: true, revoked });
        if (this.goNext()) return;
        this.status = message('devices.everywhere.done');
      },
      'signout',
      message('devices.everywhere.busy'),
    );
  }

  protected override helpLinks(): HelpLink[] {
    return this.error?.code === 'signed-out' ? this.linkTo(this.signinUrl, message('link.signin')) : [];
  }

  private date(value: Date | null): string {
    return value ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(value) : message('devices.date-unknown');
  }

  private renderDevice(device: RememberedDevice): TemplateResult {
    const name = device.name || message('devices.unnamed');
    const waiting = this.working?.key === device.key ? this.working.change : null;
    const button = (change: DeviceChange, label: string, busyLabel: string) =>
      html`<button part="secondary" type="button" ?disabled=${this.busy} aria-label=${`${label}: ${name}`} @click=${() => this.change(device, change)}>
        ${waiting === change ? busyLabel : label}
      </button>`;
    return html`<li part="device">
      <p part="device-name">${name}${device.current ? html` <strong>${message('devices.this-device')}</strong>` : nothing}</p>
      <p part="hint">
        ${message('devices.last-used', { date: this.date(device.lastUsedAt) })}<br />
        ${message('devices.added', { date: this.date(device.createdAt) })}<br />
        ${device.remembered ? message('devices.remembered') : message('devices.not-remembered')}
      </p>
      ${
        device.remembered
          ? button('not-remembered', message('devices.forget-remembered'), message('devices.busy'))
          : button('remembered', message('devices.remember'), message('devices.busy'))
      }
      ${button('forgotten', message('devices.forget'), message('devices.busy'))}
    </li>`;
  }

  private renderDevices(): TemplateResult {
    const heading = this.idFor('devices-heading');
    const devices = this.devices;
    return html`<section aria-labelledby=${heading}>
      <h3 part="heading" id=${heading}>${message('devices.heading')}</h3>
      ${
        devices === null
          ? nothing
          : devices.length
            ? html`<ul part="devices">
                ${devices.map((device) => this.renderDevice(device))}
              </ul>`
            : html`<p part="hint">${message('devices.none')}</p>`
      }
    </section>`;
  }

  private renderEverywhere(): TemplateResult {
    const heading = this.idFor('everywhere-heading');
    const warning = this.idFor('everywhere-warning');
    const waiting = this.busyAction === 'signout';
    return html`<section aria-labelledby=${heading}>
      <h3 part="heading" id=${heading}>${message('devices.everywhere.heading')}</h3>
      <p part="warning" id=${warning}>${message('devices.everywhere.warning')}</p>
      ${
        this.confirming
          ? html`<p part="hint">${message('devices.everywhere.confirm')}</p>
              <button part="submit danger" type="button" aria-describedby=${warning} ?disabled=${this.busy} @click=${this.signOutEverywhere}>
                ${waiting ? message('devices.everywhere.busy') : message('devices.everywhere.yes')}
              </button>
              <button part="secondary" type="button" ?disabled=${this.busy} @click=${this.cancelEverywhere}>${message('devices.everywhere.cancel')}</button>`
          : html`<button part="submit" type="button" data-everywhere aria-describedby=${warning} ?disabled=${this.busy} @click=${this.confirmEverywhere}>
              ${message('devices.everywhere.submit')}
            </button>`
      }
    </section>`;
  }

  override render() {
    const { user, ready } = this.session.state;
    if (ready && !user && !this.busy) {
      const links = this.status ? [] : this.linkTo(this.signinUrl, message('link.signin'));
      return html`<div part="form">
        <p part="status" role="status">${this.status || message('account.signed-out')}</p>
        ${links.map((link) => html`<a part="secondary" href=${link.href}>${link.text}</a>`)}
      </div>`;
    }
    return html`<div part="form" aria-busy=${this.busy ? 'true' : 'false'}>${this.renderDevices()} ${this.renderEverywhere()} ${this.renderMessages()}</div>`;
  }
}

defineElement('auth-devices', AuthDevices);

declare global {
  interface HTMLElementTagNameMap {
    'auth-devices': AuthDevices;
  }
}
