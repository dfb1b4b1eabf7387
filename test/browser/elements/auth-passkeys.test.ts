// <auth-passkeys> against the runner's 'userAuth' pool (passkeys on) with Chromium's virtual
// authenticator: the list, adding (with the password again after max-auth-age), removing with a
// confirmation, a passkey that then signs in, a cancelled ceremony, a pool with passkeys off, the
// signed-out note, and the pool's faults; axe in every state.
import { aTimeout, expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { account } from '../../../src/cognito/account-client.js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { authErrorMessage } from '../../../src/cognito/error-messages.js';
import { configure } from '../../../src/config/index.js';
import '../../../src/elements/auth-passkeys.js';
import '../../../src/elements/auth-signin.js';
import type { AuthErrorEvent, AuthPasskeyAddedEvent, AuthPasskeyRemovedEvent, AuthSignedInEvent } from '../../../src/events.js';
import { message } from '../../../src/messages/message.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { fill, fillAndSubmit, parts, settled } from '../helpers/form.js';
import {
  clearFaults,
  clearStoredSessions,
  createConfirmedUser,
  hasLocalPool,
  injectFault,
  poolConfig,
  poolRequests,
  clearPoolRequests,
  strongPassword,
  uniqueEmail,
  type PoolName,
} from '../helpers/pool.js';
import { logCognitoRequests } from '../helpers/requests.js';
import { expectStep } from '../helpers/user-auth.js';
import { addVirtualAuthenticator, type VirtualAuthenticator } from '../helpers/virtual-authenticator.js';

const attributes = (pool: PoolName) => {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig({ pool });
  return `region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}"`;
};

function passkeys(extra = '', pool: PoolName = 'userAuth'): Promise<HTMLElement> {
  return fixture<HTMLElement>(`<auth-passkeys ${attributes(pool)} signin-url="/signin.html" ${extra}></auth-passkeys>`);
}

/** A new confirmed user of `pool`, signed in and in the session store. */
async function signedInUser(pool: PoolName = 'userAuth'): Promise<{ email: string; password: string }> {
  const config = poolConfig({ pool });
  const { email, password } = await createConfirmedUser(uniqueEmail('passkeys'), strongPassword, config);
  const step = expectStep(await cognito.signIn(config, email, password), 'done');
  sessionStore.signedIn(step.user, config);
  return { email, password };
}

const addButton = (el: Element) => el.querySelector<HTMLButtonElement>('[part~="submit"]');
const items = (el: Element) => [...el.querySelectorAll<HTMLElement>('[part~="item"]')];
const removeButtons = (el: Element) => [...el.querySelectorAll<HTMLButtonElement>('[data-remove]')];

/** Waits until the list (or its empty note) is shown. */
async function listed(el: HTMLElement): Promise<void> {
  await waitUntil(() => el.querySelector('[part~="list"], [data-empty]'), 'the passkeys were never listed', { timeout: 10_000 });
  await settled(el);
}

/** Clicks `button` as a person does: focused first (a script's click() alone moves no focus). */
function press(button: HTMLButtonElement | null | undefined): void {
  if (!button) throw new Error('no such button');
  button.focus();
  button.click();
}

// Compared by identity: chai's diff of two unequal DOM nodes can take minutes.
function hasFocus(el: Element | null): void {
  expect(document.activeElement === el, `focus is on ${document.activeElement?.outerHTML.slice(0, 80)}`).to.equal(true);
}

async function add(el: HTMLElement): Promise<AuthPasskeyAddedEvent> {
  const added = oneEvent<AuthPasskeyAddedEvent>(el, 'auth-passkey-added');
  press(addButton(el));
  const event = await added;
  await settled(el);
  return event;
}

describe('<auth-passkeys>', function () {
  this.timeout(30_000);
  before(function (this: { skip(): void }) {
    if (!hasLocalPool('userAuth')) this.skip();
  });
  let authenticator: VirtualAuthenticator | null = null;
  afterEach(async () => {
    await authenticator?.remove();
    authenticator = null;
    await clearFaults('userAuth');
    configure({ timeout: null });
    await sessionStore.signOut().catch(() => {});
    clearStoredSessions();
  });

  it('lists none, adds one, lists it with its date, signs in with it, and removes it after a confirmation', async () => {
    authenticator = await addVirtualAuthenticator();
    const { email } = await signedInUser();
    const el = await passkeys();
    await listed(el);
    expect(el.querySelector('[data-empty]')!.textContent).to.contain(message('passkeys.empty'));
    expect(addButton(el)!.textContent.trim()).to.equal(message('passkeys.add'));
    await expect(el).to.be.accessible();

    const { detail } = await add(el);
    const [stored] = await authenticator.credentials();
    expect(stored).to.not.equal(undefined);
    expect(detail.id).to.be.a('string').and.not.equal('');
    expect(Object.keys(detail).sort()).to.deep.equal(['id', 'name']);
    const [item, ...others] = items(el);
    expect(others).to.deep.equal([]);
    expect(item.querySelector('[part~="item-name"]')!.textContent).to.equal(detail.name);
    const today = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date());
    expect(item.querySelector('[part~="item-details"]')!.textContent).to.contain(message('passkeys.added-on', { date: today }));
    expect(parts(el).status.textContent).to.contain(message('passkeys.added', { name: detail.name }));
    hasFocus(addButton(el));
    await expect(el).to.be.accessible();

    // Signed out: a note and the sign-in link, nothing of the list.
    await sessionStore.signOut();
    await settled(el);
    expect(items(el)).to.have.lengthOf(0);
    expect(el.textContent).to.contain(message('passkeys.signed-out'));
    expect(el.querySelector<HTMLAnchorElement>('a[part~="secondary"]')!.getAttribute('href')).to.equal(new URL('/signin.html', location.href).href);
    await expect(el).to.be.accessible();

    // The passkey signs in (<auth-signin methods="passkey">), and the list comes back for that user.
    const signin = await fixture<HTMLElement>(`<auth-signin ${attributes('userAuth')} methods="passkey"></auth-signin>`);
    const signedIn = oneEvent<AuthSignedInEvent>(signin, 'auth-signed-in');
    fillAndSubmit(signin, { username: email });
    expect((await signedIn).detail.email).to.equal(email);
    await waitUntil(() => items(el).length === 1, 'the passkey was not listed again after signing in', { timeout: 10_000 });
    signin.remove();

    // Remove → a confirmation, with the safe choice focused.
    press(removeButtons(el)[0]);
    await settled(el);
    const confirm = el.querySelector<HTMLElement>('[part~="confirm"]')!;
    expect(confirm.textContent).to.contain(message('passkeys.confirm', { name: detail.name }));
    hasFocus(el.querySelector('[data-keep]'));
    await expect(el).to.be.accessible();

    const removed = oneEvent<AuthPasskeyRemovedEvent>(el, 'auth-passkey-removed');
    press(el.querySelector<HTMLButtonElement>('[data-confirm]'));
    expect((await removed).detail).to.deep.equal({ id: detail.id, name: detail.name });
    await settled(el);
    expect(items(el)).to.have.lengthOf(0);
    expect(el.querySelector('[data-empty]') !== null).to.equal(true);
    expect(parts(el).status.textContent).to.contain(message('passkeys.removed', { name: detail.name }));
    // Its row is gone: focus moves on to the add button once the removal has settled.
    await waitUntil(() => document.activeElement === addButton(el), 'focus did not move to the add button');
    expect(await account.listPasskeys(poolConfig({ pool: 'userAuth' }))).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('keeps the passkey when the removal is not confirmed', async () => {
    authenticator = await addVirtualAuthenticator();
    await signedInUser();
    await account.registerPasskey(poolConfig({ pool: 'userAuth' }));
    const el = await passkeys();
    await listed(el);
    await clearPoolRequests('userAuth');
    press(removeButtons(el)[0]);
    await settled(el);
    press(el.querySelector<HTMLButtonElement>('[data-keep]'));
    await settled(el);
    expect(el.querySelector('[part~="confirm"]') === null).to.equal(true);
    hasFocus(removeButtons(el)[0]);
    expect(items(el)).to.have.lengthOf(1);
    expect(await poolRequests('DeleteWebAuthnCredential', 'userAuth')).to.deep.equal([]);
  });

  it('says no passkey was created when the ceremony is cancelled, and can try again', async () => {
    authenticator = await addVirtualAuthenticator({ isUserVerified: false });
    await signedInUser();
    const el = await passkeys();
    await listed(el);
    const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
    addButton(el)!.click();
    expect((await failed).detail).to.deep.include({ flow: 'passkeys', code: 'passkey-cancelled' });
    await settled(el);
    expect(parts(el).alert!.textContent).to.contain(message('passkey.create.cancelled'));
    expect(addButton(el)!.disabled).to.equal(false);
    expect(el.querySelector('[data-empty]') !== null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('says the site does not use passkeys when the pool has them off, with no add button', async () => {
    await signedInUser('default');
    const el = await passkeys('', 'default');
    const failed = await oneEvent<AuthErrorEvent>(el, 'auth-error');
    expect(failed.detail).to.deep.include({ flow: 'passkeys', code: 'passkey-not-enabled' });
    await settled(el);
    expect(parts(el).alert!.textContent).to.contain(message('passkey.create.not-enabled'));
    expect(addButton(el) === null).to.equal(true);
    expect(el.querySelector('[data-retry]') === null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows a short note and the sign-in link when nobody is signed in', async () => {
    const el = await passkeys();
    await sessionStore.whenReady();
    await settled(el);
    expect(el.textContent).to.contain(message('passkeys.signed-out'));
    expect(el.querySelector('a[href$="/signin.html"]') !== null).to.equal(true);
    expect(addButton(el) === null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('asks for the password again before adding when the sign-in is older than max-auth-age', async () => {
    authenticator = await addVirtualAuthenticator();
    const { password } = await signedInUser();
    const el = await passkeys('max-auth-age="0"');
    await listed(el);
    await aTimeout(1100); // auth_time is in seconds: one has passed
    addButton(el)!.click();
    await waitUntil(() => el.querySelector('[part~="fresh-sign-in"]'), 'no password prompt');
    await settled(el);
    expect(el.querySelector<HTMLFormElement>('form:not([part~="fresh-sign-in"])')!.hidden).to.equal(true);
    expect(el.textContent).to.contain(message('fresh.intro', { action: message('passkeys.fresh-action') }));
    expect(await authenticator.credentials()).to.have.lengthOf(0);
    await expect(el).to.be.accessible();

    const added = oneEvent<AuthPasskeyAddedEvent>(el, 'auth-passkey-added');
    fill(el, { 'fresh-password': password });
    el.querySelector<HTMLButtonElement>('[part~="fresh-sign-in"] [part~="submit"]')!.click();
    await added;
    await settled(el);
    expect(items(el)).to.have.lengthOf(1);
    expect(el.querySelector('[part~="fresh-sign-in"]') === null).to.equal(true);
  });

  it('does nothing when the password prompt is cancelled', async () => {
    authenticator = await addVirtualAuthenticator();
    await signedInUser();
    const el = await passkeys('max-auth-age="0"');
    await listed(el);
    await clearPoolRequests('userAuth');
    await aTimeout(1100);
    addButton(el)!.click();
    await waitUntil(() => el.querySelector('[part~="fresh-sign-in"]'), 'no password prompt');
    await settled(el);
    el.querySelector<HTMLButtonElement>('[part~="fresh-sign-in"] [part~="secondary"]')!.click();
    await waitUntil(() => !el.querySelector('[part~="fresh-sign-in"]') && !addButton(el)!.disabled, 'the prompt stayed');
    expect(parts(el).alert === null).to.equal(true);
    expect(await authenticator.credentials()).to.have.lengthOf(0);
    expect(await poolRequests('StartWebAuthnRegistration', 'userAuth').then((r) => r.length)).to.equal(0);
  });

  it('sends one registration however often Add is clicked meanwhile', async () => {
    authenticator = await addVirtualAuthenticator();
    await signedInUser();
    const el = await passkeys();
    await listed(el);
    await injectFault({ operation: 'StartWebAuthnRegistration', kind: 'delay', delayMs: 800, times: 1 }, 'userAuth');
    const requests = logCognitoRequests();
    try {
      const added = oneEvent<AuthPasskeyAddedEvent>(el, 'auth-passkey-added');
      addButton(el)!.click();
      await settled(el);
      expect(addButton(el)!.disabled).to.equal(true);
      expect(parts(el).form.getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();
      addButton(el)!.click();
      parts(el).form.requestSubmit();
      await added;
      expect(requests.count('StartWebAuthnRegistration')).to.equal(1);
      expect(requests.count('CompleteWebAuthnRegistration')).to.equal(1);
    } finally {
      requests.stop();
    }
  });

  for (const [kind, code] of [
    ['http-500', 'server'],
    ['throttle', 'too-many-requests'],
    ['drop', 'network'],
    ['delay', 'timeout'],
  ] as const) {
    it(`shows a ${kind} on adding and on removing, sends one request each, and succeeds on retry`, async () => {
      authenticator = await addVirtualAuthenticator();
      await signedInUser();
      const el = await passkeys();
      await listed(el);
      if (kind === 'delay') configure({ timeout: 400 });
      const expected = authErrorMessage(code, 'passkeys');

      await injectFault({ operation: 'StartWebAuthnRegistration', kind, delayMs: 2000 }, 'userAuth');
      let requests = logCognitoRequests();
      try {
        const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
        addButton(el)!.click();
        expect((await failed).detail).to.deep.equal({ flow: 'passkeys', code, message: expected });
        expect(requests.count('StartWebAuthnRegistration')).to.equal(1);
      } finally {
        requests.stop();
      }
      await settled(el);
      expect(parts(el).alert!.textContent.trim()).to.equal(expected);
      expect(addButton(el)!.disabled).to.equal(false);
      await expect(el).to.be.accessible();
      await clearFaults('userAuth');
      configure({ timeout: null });
      await add(el);
      expect(parts(el).alert === null).to.equal(true);
      expect(items(el)).to.have.lengthOf(1);

      if (kind === 'delay') configure({ timeout: 400 });
      await injectFault({ operation: 'DeleteWebAuthnCredential', kind, delayMs: 2000 }, 'userAuth');
      press(removeButtons(el)[0]);
      await settled(el);
      requests = logCognitoRequests();
      try {
        const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
        press(el.querySelector<HTMLButtonElement>('[data-confirm]'));
        expect((await failed).detail.code).to.equal(code);
        expect(requests.count('DeleteWebAuthnCredential')).to.equal(1);
      } finally {
        requests.stop();
      }
      await settled(el);
      expect(parts(el).alert!.textContent.trim()).to.equal(expected);
      expect(items(el)).to.have.lengthOf(1);
      expect(el.querySelector('[data-confirm]') !== null, 'the confirmation stays for a retry').to.equal(true);
      await expect(el).to.be.accessible();
      await clearFaults('userAuth');
      configure({ timeout: null });
      // The timed-out delete still reached the pool (it answered late): the retry finds it gone,
      // which counts as removed too.
      const removed = oneEvent<AuthPasskeyRemovedEvent>(el, 'auth-passkey-removed');
      press(el.querySelector<HTMLButtonElement>('[data-confirm]'));
      await removed;
      await settled(el);
      expect(items(el)).to.have.lengthOf(0);
    });
  }

  it('offers to try listing again after a failure', async () => {
    await signedInUser();
    await injectFault({ operation: 'ListWebAuthnCredentials', kind: 'http-500' }, 'userAuth');
    const el = await passkeys();
    const failed = await oneEvent<AuthErrorEvent>(el, 'auth-error');
    expect(failed.detail.code).to.equal('server');
    await settled(el);
    expect(el.querySelector('[data-retry]') !== null).to.equal(true);
    await expect(el).to.be.accessible();
    await clearFaults('userAuth');
    el.querySelector<HTMLButtonElement>('[data-retry]')!.click();
    await listed(el);
    expect(parts(el).alert === null).to.equal(true);
    expect(el.querySelector('[data-retry]') === null).to.equal(true);
  });
});
