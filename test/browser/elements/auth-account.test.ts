// <auth-account>: the sections that apply to the signed-in user, each under its heading with a link
// to it, the attributes passed on, passkeys left out on a pool without them, the signed-out note;
// axe in each state.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-account.js';
import { message } from '../../../src/messages/message.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { settled } from '../helpers/form.js';
import {
  clearFaults,
  clearStoredSessions,
  createConfirmedUser,
  hasLocalPool,
  injectFault,
  poolConfig,
  strongPassword,
  uniqueEmail,
  type PoolName,
} from '../helpers/pool.js';
import { expectStep } from '../helpers/user-auth.js';

const attributes = (pool: PoolName) => {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig({ pool });
  return `region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}"`;
};

const account = (extra = '', pool: PoolName = 'userAuth') =>
  fixture<HTMLElement>(`<auth-account ${attributes(pool)} signin-url="/signin.html" max-auth-age="600" ${extra}></auth-account>`);

async function signedInUser(pool: PoolName = 'userAuth'): Promise<void> {
  const config = poolConfig({ pool });
  const { email, password } = await createConfirmedUser(uniqueEmail('account'), strongPassword, config);
  sessionStore.signedIn(expectStep(await cognito.signIn(config, email, password), 'done').user, config);
}

const sectionKeys = (el: Element) => [...el.querySelectorAll<HTMLElement>('[part~="section"]')].map((section) => section.dataset.section);

/** Waits for the sections (the user's factors read). */
async function sections(el: HTMLElement): Promise<void> {
  await waitUntil(() => el.querySelector('[part~="section"]'), 'no section was shown', { timeout: 10_000 });
  await settled(el);
}

describe('<auth-account>', function () {
  this.timeout(20_000);
  before(function (this: { skip(): void }) {
    if (!hasLocalPool('userAuth')) this.skip();
  });
  afterEach(async () => {
    await sessionStore.signOut().catch(() => {});
    clearStoredSessions();
  });

  it('shows each section under a heading, with a jump list linking each, and passes the attributes on', async () => {
    await signedInUser();
    const el = await account();
    await sections(el);
    expect(sectionKeys(el)).to.deep.equal(['profile', 'password', 'mfa', 'passkeys', 'devices', 'delete']);
    const headings = [...el.querySelectorAll<HTMLElement>('[part~="section"] > h2')];
    const links = [...el.querySelectorAll<HTMLAnchorElement>('nav[part~="jump"] a')];
    expect(links.map((link) => link.textContent)).to.deep.equal(headings.map((heading) => heading.textContent));
    expect(links.map((link) => link.hash.slice(1))).to.deep.equal(headings.map((heading) => heading.id));
    expect(headings.map((heading) => heading.textContent)).to.deep.equal(
      ['profile', 'password', 'mfa', 'passkeys', 'devices', 'delete'].map((key) => message(`account-page.section.${key}` as 'account-page.section.passkeys')),
    );
    const passkeys = el.querySelector('auth-passkeys')!;
    expect(passkeys.getAttribute('signin-url')).to.equal('/signin.html');
    expect(passkeys.getAttribute('max-auth-age')).to.equal('600');
    expect(passkeys.getAttribute('user-pool-id')).to.equal(poolConfig({ pool: 'userAuth' }).userPoolId);
    await waitUntil(() => passkeys.querySelector('[data-empty]'), 'the passkeys were not listed', { timeout: 10_000 });
    await expect(el).to.be.accessible();
  });

  it('leaves the passkeys section out on a pool that has passkeys off', async () => {
    await signedInUser('default');
    const el = await account('', 'default');
    await waitUntil(() => el.querySelector('nav[part~="jump"]'), 'the page never showed', { timeout: 10_000 });
    await waitUntil(() => !sectionKeys(el).includes('passkeys'), 'the passkeys section stayed', { timeout: 10_000 });
    expect(el.querySelector('nav[part~="jump"] a[href*="passkeys"]') === null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('leaves the password section out for a user without a password', async () => {
    await signedInUser();
    // What GetUserAuthFactors answers for a passwordless account (it signs in with codes and passkeys).
    await injectFault(
      { operation: 'GetUserAuthFactors', kind: 'answer', times: 1, body: { Username: 'x', ConfiguredUserAuthFactors: ['EMAIL_OTP'] } },
      'userAuth',
    );
    const el = await account();
    await sections(el);
    expect(sectionKeys(el)).to.deep.equal(['profile', 'mfa', 'passkeys', 'devices', 'delete']);
    await expect(el).to.be.accessible();
  });

  it('shows every section when the factors cannot be read, and says so', async () => {
    await signedInUser();
    await injectFault({ operation: 'GetUserAuthFactors', kind: 'http-500' }, 'userAuth');
    try {
      const el = await account();
      await sections(el);
      expect(sectionKeys(el)).to.include('password');
      expect(el.querySelector('[part~="error"][role="alert"]') !== null).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      await clearFaults('userAuth');
    }
  });

  it('shows only the sections asked for', async () => {
    await signedInUser();
    const el = await account('sections="passkeys profile"');
    await sections(el);
    expect(sectionKeys(el), "in the page's order").to.deep.equal(['profile', 'passkeys']);
  });

  it('says to sign in, with the link, when nobody is signed in', async () => {
    const el = await account();
    await sessionStore.whenReady();
    await settled(el);
    expect(el.textContent).to.contain(message('account-page.signed-out'));
    expect(el.querySelector('a[href$="/signin.html"]') !== null).to.equal(true);
    expect(el.querySelector('[part~="section"]') === null).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
