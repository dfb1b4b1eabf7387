// <auth-signin offer-passkey> against the runner's 'userAuth' pool (passkeys on): after a password
// sign-in it offers a passkey, creates one with Chromium's virtual authenticator, and that passkey
// then signs in; "Not now" is remembered for that user; a cancel is told.
import { aTimeout, expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/auth-signin.js';
import type { AuthErrorEvent, AuthSignedInEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { fillAndSubmit, parts, settled } from '../helpers/form.js';
import { clearStoredSessions, createConfirmedUser, hasLocalPool, poolConfig, strongPassword, uniqueEmail } from '../helpers/pool.js';
import { addVirtualAuthenticator, type VirtualAuthenticator } from '../helpers/virtual-authenticator.js';

const config = () => poolConfig({ pool: 'userAuth' });

function signin(extra: string): Promise<HTMLElement> {
  const { region, userPoolId, userPoolClientId, endpoint } = config();
  return fixture<HTMLElement>(
    `<auth-signin region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" ${extra}></auth-signin>`,
  );
}

const stepOf = (el: Element) => (el as unknown as { step: { step: string; state?: string } }).step;
const offerButton = (el: Element, name: string) => el.querySelector<HTMLButtonElement>(`[data-offer="${name}"]`);

async function signInByPassword(el: HTMLElement, email: string, password: string): Promise<void> {
  const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
  fillAndSubmit(el, { username: email, password });
  await signedIn;
  // The offer's module loads when the sign-in ends; once loaded, the element has decided.
  await import('../../../src/elements/signin-steps/passkey-offer-step.js');
  await aTimeout(0);
  await settled(el);
}

describe('<auth-signin offer-passkey>', function () {
  before(function (this: { skip(): void }) {
    if (!hasLocalPool('userAuth')) this.skip();
  });
  let authenticator: VirtualAuthenticator | null = null;
  afterEach(async () => {
    await authenticator?.remove();
    authenticator = null;
    await sessionStore.signOut().catch(() => {});
    clearStoredSessions();
  });

  it('offers a passkey after a password sign-in, creates it, and the passkey then signs in', async () => {
    authenticator = await addVirtualAuthenticator();
    const { email, password } = await createConfirmedUser(uniqueEmail('offer'), strongPassword, config());
    const el = await signin('offer-passkey');
    await signInByPassword(el, email, password);
    expect(stepOf(el).step).to.equal('passkey-offer');
    expect(el.textContent).to.contain('Sign in faster next time with a passkey');
    expect(document.activeElement).to.equal(offerButton(el, 'create'));
    await expect(el).to.be.accessible();

    offerButton(el, 'create')!.click();
    await waitUntil(() => stepOf(el).state === 'created', 'the passkey was never created', { timeout: 10_000 });
    await settled(el);
    expect(parts(el).status.textContent).to.contain('Passkey created');
    expect(await authenticator.credentials()).to.have.length(1);
    await expect(el).to.be.accessible();
    offerButton(el, 'continue')!.click();
    await settled(el);
    expect(el.textContent).to.contain(`You are signed in as ${email}`);

    await sessionStore.signOut();
    const again = await signin('methods="passkey password" offer-passkey');
    const signedIn = oneEvent<AuthSignedInEvent>(again, 'auth-signed-in');
    fillAndSubmit(again, { username: email });
    await waitUntil(() => stepOf(again).step === 'select', 'never offered the methods', { timeout: 10_000 });
    await settled(again);
    again.querySelector<HTMLButtonElement>('[data-method="passkey"]')!.click();
    expect((await signedIn).detail.email).to.equal(email);
    await settled(again);
    expect(stepOf(again).step, 'no passkey offer after a passkey sign-in').to.equal('credentials');
  });

  it('remembers "Not now" for that user', async () => {
    authenticator = await addVirtualAuthenticator();
    const { email, password } = await createConfirmedUser(uniqueEmail('not-now'), strongPassword, config());
    const el = await signin('offer-passkey');
    await signInByPassword(el, email, password);
    offerButton(el, 'not-now')!.click();
    await waitUntil(() => stepOf(el).step === 'credentials', 'Not now did not go on');
    await settled(el);
    expect(el.textContent).to.contain(`You are signed in as ${email}`);
    expect(await authenticator.credentials()).to.have.length(0);

    await sessionStore.signOut();
    const again = await signin('offer-passkey');
    await signInByPassword(again, email, password);
    expect(stepOf(again).step).to.equal('credentials');
  });

  it('says the passkey was not created when the user is not verified, and offers it again', async () => {
    authenticator = await addVirtualAuthenticator({ isUserVerified: false });
    const { email, password } = await createConfirmedUser(uniqueEmail('offer-cancel'), strongPassword, config());
    const el = await signin('offer-passkey');
    await signInByPassword(el, email, password);
    const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
    offerButton(el, 'create')!.click();
    expect((await failed).detail.code).to.equal('passkey-cancelled');
    await settled(el);
    expect(parts(el).alert!.textContent).to.contain('No passkey was created');
    expect(offerButton(el, 'create')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('stops offering passkeys on a pool that has them turned off', async () => {
    const plain = poolConfig();
    const { email, password } = await createConfirmedUser(uniqueEmail('offer-off'), strongPassword, plain);
    const markup = (extra: string) =>
      `<auth-signin region="${plain.region}" user-pool-id="${plain.userPoolId}" user-pool-client-id="${plain.userPoolClientId}" endpoint="${plain.endpoint}" ${extra}></auth-signin>`;
    try {
      const el = await fixture<HTMLElement>(markup('offer-passkey'));
      await signInByPassword(el, email, password);
      const failed = oneEvent<AuthErrorEvent>(el, 'auth-error');
      offerButton(el, 'create')!.click();
      expect((await failed).detail.code).to.equal('passkey-not-enabled');
      await settled(el);
      expect(parts(el).alert!.textContent).to.contain('This site does not use passkeys');
      expect(offerButton(el, 'create')).to.equal(null);
      await expect(el).to.be.accessible();
      offerButton(el, 'continue')!.click();

      await sessionStore.signOut();
      const again = await fixture<HTMLElement>(markup('offer-passkey'));
      await signInByPassword(again, email, password);
      expect(stepOf(again).step).to.equal('credentials');
    } finally {
      localStorage.removeItem(`cognito-auth-elements.passkey-offer.${plain.userPoolClientId}`);
    }
  });

  it('goes on at once without offer-passkey', async () => {
    const { email, password } = await createConfirmedUser(uniqueEmail('no-offer'), strongPassword, config());
    const el = await signin('');
    await signInByPassword(el, email, password);
    expect(stepOf(el).step).to.equal('credentials');
  });
});
