import { expect, fixture, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { configure } from '../../../src/config/index.js';
import '../../../src/elements/auth-gate.js';
import type { AuthGate } from '../../../src/elements/auth-gate.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { navigation } from '../../../src/shared/navigation.js';
import { captureNavigation, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearStoredSessions, createConfirmedUser, poolConfig } from '../helpers/pool.js';
import { closeOtherTabs, otherTab, signInNewUser } from '../helpers/session.js';

/** What the browser fires when it restores the page from the back/forward cache (Back, Forward). */
const restoreFromBackForwardCache = () => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));

const gateMarkup = (attributes = '') => `
  <auth-gate ${attributes}>
    <section id="members" style="display: block"><h2>Members</h2><p>Your rides.</p></section>
    <p id="guests" slot="signed-out">Please <a href="signin.html">sign in</a>.</p>
  </auth-gate>`;

/** Whether a child of the gate is rendered (assigned to a slot of the gate and taking room). */
function visible(el: Element, id: string): boolean {
  const child = el.querySelector<HTMLElement>(`#${id}`)!;
  return child.assignedSlot !== null && child.getClientRects().length > 0;
}

describe('<auth-gate>', () => {
  before(() => {
    clearStoredSessions();
    configure(poolConfig());
  });

  afterEach(async () => {
    // First, while navigation is still captured: a gate left in the page would redirect on sign-out.
    fixtureCleanup();
    restoreSpies();
    await sessionStore.signOut();
    clearStoredSessions();
    closeOtherTabs();
  });

  it('shows only the signed-out child to a visitor, even against page CSS on the content', async () => {
    const el = await fixture<AuthGate>(gateMarkup());
    await sessionStore.whenReady();
    await settled(el);
    expect(visible(el, 'members')).to.equal(false);
    expect(visible(el, 'guests')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows its content to a signed-in user, and hides it again on sign-out', async () => {
    await signInNewUser();
    const el = await fixture<AuthGate>(gateMarkup());
    expect(visible(el, 'members')).to.equal(true);
    expect(visible(el, 'guests')).to.equal(false);
    await expect(el).to.be.accessible();

    await sessionStore.signOut();
    await settled(el);
    expect(visible(el, 'members')).to.equal(false);
    expect(visible(el, 'guests')).to.equal(true);
  });

  it('sends a signed-out visitor to redirect once, showing neither child', async () => {
    const urls = captureNavigation();
    const el = await fixture<AuthGate>(gateMarkup('redirect="signin.html?from=ride"'));
    await sessionStore.whenReady();
    await settled(el);
    el.requestUpdate();
    await settled(el);
    expect(urls).to.deep.equal([new URL('signin.html?from=ride', location.href).href]);
    expect(visible(el, 'members')).to.equal(false);
    expect(visible(el, 'guests')).to.equal(false);
  });

  it('does not redirect a signed-in user', async () => {
    await signInNewUser();
    const urls = captureNavigation();
    const el = await fixture<AuthGate>(gateMarkup('redirect="signin.html"'));
    expect(visible(el, 'members')).to.equal(true);
    expect(urls).to.deep.equal([]);
  });

  it('replaces itself in the history when it redirects, so Back does not return to it', async () => {
    captureNavigation();
    const go = spyOn(navigation, 'go');
    const el = await fixture<AuthGate>(gateMarkup('redirect="signin.html"'));
    await sessionStore.whenReady();
    await settled(el);
    expect(go.calls).to.deep.equal([[new URL('signin.html', location.href).href, { replace: true }]]);
  });

  it('after a sign-out here, Back (a restore from the back/forward cache) sends the visitor to redirect again', async () => {
    // Sign in, ride.html, Sign out, Back: the restored page had already asked for its redirect.
    await signInNewUser();
    const urls = captureNavigation();
    const el = await fixture<AuthGate>(gateMarkup('redirect="signin.html"'));
    expect(visible(el, 'members')).to.equal(true);
    await sessionStore.signOut();
    await settled(el);
    expect(urls).to.deep.equal([new URL('signin.html', location.href).href]);

    restoreFromBackForwardCache();
    await waitUntil(() => urls.length === 2, 'the restored page stayed empty instead of redirecting', { timeout: 3000 });
    expect(urls[1]).to.equal(new URL('signin.html', location.href).href);
    expect(visible(el, 'members')).to.equal(false);
  });

  it('after a sign-out here, a restore shows the signed-out child of a gate without redirect', async () => {
    await signInNewUser();
    const el = await fixture<AuthGate>(gateMarkup());
    await sessionStore.signOut();
    await settled(el);
    restoreFromBackForwardCache();
    await waitUntil(() => visible(el, 'guests'), 'the signed-out child is not shown after the restore', { timeout: 3000 });
    expect(visible(el, 'members')).to.equal(false);
  });

  it('signed out by another tab while in the back/forward cache: a restore hides the content and redirects', async () => {
    // A page in the cache is frozen: it hears no storage event, so only storage tells the truth.
    await signInNewUser();
    const urls = captureNavigation();
    const el = await fixture<AuthGate>(gateMarkup('redirect="signin.html"'));
    expect(visible(el, 'members')).to.equal(true);
    clearStoredSessions();

    restoreFromBackForwardCache();
    await waitUntil(() => urls.length === 1, 'no redirect after the restore', { timeout: 3000 });
    expect(visible(el, 'members')).to.equal(false);
  });

  it('still signed in after a restore: shows the content again and does not redirect', async () => {
    await signInNewUser();
    const urls = captureNavigation();
    const el = await fixture<AuthGate>(gateMarkup('redirect="signin.html"'));
    restoreFromBackForwardCache();
    await sessionStore.refresh();
    await settled(el);
    expect(visible(el, 'members')).to.equal(true);
    expect(urls).to.deep.equal([]);
  });

  for (const redirect of ['https://evil.example/signin', '//evil.example/', 'javascript:alert(1)']) {
    it(`refuses redirect="${redirect}" and shows the signed-out child instead`, async () => {
      const urls = captureNavigation();
      const el = await fixture<AuthGate>(gateMarkup(`redirect="${redirect}"`));
      await sessionStore.whenReady();
      await settled(el);
      expect(urls).to.deep.equal([]);
      expect(visible(el, 'guests')).to.equal(true);
      expect(visible(el, 'members')).to.equal(false);
    });
  }

  it('opens when another tab signs in, and closes when it signs out', async () => {
    const { email, password } = await signInNewUser();
    await sessionStore.signOut();
    const el = await fixture<AuthGate>(gateMarkup());
    expect(visible(el, 'members')).to.equal(false);
    const tab = await otherTab();

    await tab.signIn(email, password);
    await waitUntil(() => visible(el, 'members'), 'content not shown after the other tab signed in');
    await tab.signOut();
    await waitUntil(() => visible(el, 'guests') && !visible(el, 'members'), 'content still shown after the other tab signed out');
  });

  it('never shows its content before the stored session is known', async () => {
    // A fresh page whose configuration arrives in a later script, with a user already signed in:
    // every render of the gate is recorded with what the store knew at the time.
    const config = poolConfig();
    const { email, password } = await createConfirmedUser();
    expect((await cognito.signIn(config, email, password)).step).to.equal('done');
    (window as unknown as { lateConfig: unknown }).lateConfig = config;
    const origin = location.origin;
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html>
      <auth-gate><p id="secret">secret</p><p slot="signed-out">guests</p></auth-gate>
      <script type="module">
        import '${origin}/src/elements/auth-gate.ts';
        import { sessionStore } from '${origin}/src/session/session-store.ts';
        window.records = [];
        const gate = document.querySelector('auth-gate');
        const updated = gate.updated.bind(gate);
        gate.updated = (changed) => {
          updated(changed);
          const { ready, user } = sessionStore.state;
          window.records.push({ ready, user: Boolean(user), secretShown: document.getElementById('secret').assignedSlot !== null });
        };
      </script>
      <script type="module">
        import { configure } from '${origin}/src/config/index.ts';
        configure(window.parent.lateConfig);
      </script>`;
    document.body.append(frame);
    type Record = { ready: boolean; user: boolean; secretShown: boolean };
    const records = () => (frame.contentWindow as unknown as { records?: Record[] }).records ?? [];
    await waitUntil(() => records().some((r) => r.secretShown), 'the gate never opened for the signed-in user', { timeout: 8000 });

    expect(records()[0]).to.deep.equal({ ready: false, user: false, secretShown: false });
    expect(records().filter((r) => r.secretShown && !r.user)).to.deep.equal([]);
  });
});
