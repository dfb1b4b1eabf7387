import { expect, fixture, waitUntil } from '@open-wc/testing';
import { configure } from '../../../src/config/index.js';
import '../../../src/elements/auth-user.js';
import type { AuthUser } from '../../../src/elements/auth-user.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { settled } from '../helpers/form.js';
import { clearStoredSessions, poolConfig } from '../helpers/pool.js';
import { closeOtherTabs, otherTab, signInNewUser } from '../helpers/session.js';

/** What a reader sees: the value, or the fallback (attribute text, or the slotted children). */
function shown(el: AuthUser): string {
  const root = el.shadowRoot!;
  const slot = root.querySelector('slot');
  if (slot)
    return slot
      .assignedNodes()
      .map((node) => node.textContent)
      .join('')
      .trim();
  return root.textContent.trim();
}

describe('<auth-user>', () => {
  before(() => {
    clearStoredSessions();
    configure(poolConfig());
  });

  afterEach(async () => {
    await sessionStore.signOut();
    clearStoredSessions();
    closeOtherTabs();
  });

  it("shows the signed-in user's email, and the fallback after sign-out", async () => {
    const { email } = await signInNewUser();
    const el = await fixture<AuthUser>('<auth-user>a guest</auth-user>');
    expect(shown(el)).to.equal(email);
    expect(el.shadowRoot!.querySelector('[part~="value"]')!.textContent).to.equal(email);
    await expect(el).to.be.accessible();

    await sessionStore.signOut();
    await settled(el);
    expect(shown(el)).to.equal('a guest');
    await expect(el).to.be.accessible();
  });

  it('shows any ID-token claim named by attribute', async () => {
    const { email, user } = await signInNewUser();
    const sub = await fixture<AuthUser>('<auth-user attribute="sub"></auth-user>');
    const username = await fixture<AuthUser>('<auth-user attribute="cognito:username"></auth-user>');
    const verified = await fixture<AuthUser>('<auth-user attribute="email_verified"></auth-user>');
    expect(shown(sub)).to.equal(user.sub);
    expect(shown(username)).to.equal(user.username);
    expect(shown(username)).to.not.equal(email); // a UUID in an email-as-username pool
    expect(shown(verified)).to.equal('true');
  });

  it('shows the fallback attribute when signed out, or when the user has no such claim', async () => {
    const signedOut = await fixture<AuthUser>('<auth-user fallback="Guest">ignored</auth-user>');
    await sessionStore.whenReady();
    await settled(signedOut);
    expect(shown(signedOut)).to.equal('Guest');

    await signInNewUser();
    const noName = await fixture<AuthUser>('<auth-user attribute="name" fallback="friend"></auth-user>');
    expect(shown(noName)).to.equal('friend');
  });

  it('updates when another tab signs in and out', async () => {
    const { email, password } = await signInNewUser();
    await sessionStore.signOut();
    const el = await fixture<AuthUser>('<auth-user>nobody</auth-user>');
    expect(shown(el)).to.equal('nobody');
    const tab = await otherTab();

    await tab.signIn(email, password);
    await waitUntil(() => shown(el) === email, 'email not shown after the other tab signed in');
    await tab.signOut();
    await waitUntil(() => shown(el) === 'nobody', 'fallback not shown after the other tab signed out');
  });
});
