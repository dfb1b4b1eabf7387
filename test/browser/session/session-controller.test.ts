import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { configure } from '../../../src/config/index.js';
import { SessionController } from '../../../src/session/session-controller.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { clearStoredSessions, createConfirmedUser, poolConfig } from '../helpers/pool.js';

/** A minimal host: renders the signed-in email, and counts its renders. */
class SessionProbe extends LitElement {
  readonly session = new SessionController(this);
  renders = 0;

  override render() {
    this.renders += 1;
    return html`<span>${this.session.state.user?.email ?? 'signed out'}</span>`;
  }
}
customElements.define('session-probe', SessionProbe);

describe('SessionController', () => {
  const config = poolConfig({ storage: 'local' });

  before(() => configure(config));
  afterEach(async () => {
    await sessionStore.signOut();
    clearStoredSessions();
  });

  it('re-renders its host when the user signs in and out', async () => {
    const probe = await fixture<SessionProbe>(html`<session-probe></session-probe>`);
    await sessionStore.whenReady();
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('signed out');

    const { email, password } = await createConfirmedUser();
    const step = await cognito.signIn(config, email, password);
    if (step.step !== 'done') throw new Error(step.step);
    sessionStore.signedIn(step.user);
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal(email);

    await sessionStore.signOut();
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('signed out');
  });

  it('stops listening when its host is removed', async () => {
    const probe = await fixture<SessionProbe>(html`<session-probe></session-probe>`);
    await sessionStore.whenReady();
    await probe.updateComplete;
    probe.remove();
    const before = probe.renders;
    sessionStore.setPendingEmail('someone@example.com');
    await probe.updateComplete;
    expect(probe.renders).to.equal(before);
    sessionStore.setPendingEmail(null);
  });
});
