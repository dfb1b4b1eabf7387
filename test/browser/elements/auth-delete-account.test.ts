import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { account } from '../../../src/cognito/account-client.js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-delete-account.js';
import { message } from '../../../src/messages/message.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { captureNavigation, fill, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, keysOf, poolConfig } from '../helpers/pool.js';
import { configuredFor, itSurvivesFaults, signedIn } from './account-helpers.js';

const markup = (extra = '') => configuredFor('auth-delete-account', extra);
const prompt = (el: Element) => el.querySelector<HTMLFormElement>('[part~="fresh-sign-in"]');
const ownForm = (el: Element) => el.querySelector<HTMLFormElement>('form:not([part~="fresh-sign-in"])')!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signedInElement(extra = '') {
  const user = await signedIn();
  const el = await fixture<HTMLElement>(markup(extra));
  await settled(el);
  return { ...user, el };
}

async function stillExists(email: string, password: string): Promise<boolean> {
  const result = await cognito.signIn(poolConfig({ storage: 'memory' }), email, password).catch((error: { code: string }) => error.code);
  return typeof result === 'object';
}

describe('<auth-delete-account>', () => {
  afterEach(async () => {
    restoreSpies();
    await clearFaults();
    await sessionStore.signOut().catch(() => {});
  });

  it('asks for the confirmation word or the email and sends nothing without it', async () => {
    const { el } = await signedInElement();
    const spy = spyOn(account, 'deleteUser');
    expect(el.querySelector('[part~="warning"]')?.textContent).to.equal(message('delete.warning'));
    await expect(el).to.be.accessible();
    parts(el).submit.click();
    await waitUntil(() => parts(el).input('confirm').getAttribute('aria-invalid') === 'true');
    fill(el, { confirm: 'yes please' });
    parts(el).submit.click();
    await settled(el);
    expect(parts(el).fieldError('confirm')?.textContent).to.equal(message('delete.check.mismatch', { word: message('delete.confirm-word') }));
    expect(document.activeElement).to.equal(parts(el).input('confirm'));
    expect(spy.calls).to.have.lengthOf(0);
    await expect(el).to.be.accessible();
  });

  it('deletes the account: signed out here and in the store, the event, then next (same origin)', async () => {
    const urls = captureNavigation();
    const { el, email, password } = await signedInElement('next="/goodbye.html"');
    const config = poolConfig();
    const deleted = oneEvent(el, 'auth-account-deleted');
    fill(el, { confirm: 'DELETE' });
    parts(el).submit.click();
    const { detail } = await deleted;
    expect(detail.username).to.match(/^[0-9a-f-]{36}$/);
    expect(sessionStore.state.user).to.equal(null);
    expect(cognito.storedUser(config)).to.equal(null);
    expect(keysOf(localStorage).filter((key) => key.includes(detail.username))).to.deep.equal([]);
    expect(urls).to.deep.equal([new URL('/goodbye.html', location.href).href]);
    expect(await stillExists(email, password)).to.equal(false);
  });

  it('takes the email as confirmation, says it is done without next, and refuses next on another origin', async () => {
    const urls = captureNavigation();
    const { el, email } = await signedInElement('next="https://evil.example/"');
    const deleted = oneEvent(el, 'auth-account-deleted');
    fill(el, { confirm: email.toUpperCase() });
    parts(el).submit.click();
    await deleted;
    await waitUntil(() => el.textContent?.includes(message('delete.done')), 'no done message');
    expect(urls).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('asks for the password again when the sign-in is older than max-auth-age, and says why', async () => {
    const { el, email, password } = await signedInElement('max-auth-age="1"');
    await sleep(2100);
    const spy = spyOn(account, 'deleteUser');
    fill(el, { confirm: 'delete' });
    parts(el).submit.click();
    await waitUntil(() => prompt(el), 'no password prompt');
    await settled(el);
    const form = prompt(el)!;
    expect(form.textContent).to.contain(message('fresh.intro', { action: message('delete.fresh-action') }));
    expect(form.textContent).to.contain(message('fresh.why-minute'));
    expect(ownForm(el).hidden, 'the confirmation form is hidden, not removed').to.equal(true);
    const input = form.querySelector<HTMLInputElement>('input[type="password"]')!;
    expect(document.activeElement).to.equal(input);
    expect(input.autocomplete).to.equal('current-password');
    await expect(el).to.be.accessible();

    // A wrong password: said beside the field, nothing deleted.
    const failed = oneEvent(el, 'auth-error');
    input.value = `${password}-wrong`;
    form.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    expect((await failed).detail).to.deep.include({ flow: 'fresh-sign-in', code: 'not-authorized' });
    await settled(el);
    expect(form.querySelector('[role="alert"]')?.textContent).to.equal(message('error.fresh-sign-in.not-authorized'));
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(spy.calls).to.have.lengthOf(0);
    await expect(el).to.be.accessible();

    // The right one: a new sign-in (new auth_time), then the deletion the click asked for.
    const before = Number(sessionStore.state.user?.claims.auth_time);
    const deleted = oneEvent(el, 'auth-account-deleted');
    input.value = password;
    form.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await deleted;
    expect(spy.calls).to.have.lengthOf(1);
    expect(before).to.be.greaterThan(0);
    expect(await stillExists(email, password)).to.equal(false);
  });

  it('keeps the account when the password prompt is cancelled, with focus back and what was typed kept', async () => {
    const { el, email, password } = await signedInElement('max-auth-age="0"');
    await sleep(1100);
    fill(el, { confirm: 'delete' });
    parts(el).submit.click();
    await waitUntil(() => prompt(el), 'no password prompt');
    await settled(el);
    const cancel = [...prompt(el)!.querySelectorAll<HTMLButtonElement>('[part~="secondary"]')].find((b) => b.textContent?.trim() === message('fresh.cancel'))!;
    cancel.click();
    await waitUntil(() => !prompt(el), 'prompt still open');
    await waitUntil(() => parts(el).status.textContent?.trim() === message('delete.cancelled'), 'no cancelled message');
    expect(ownForm(el).hidden).to.equal(false);
    expect(parts(el).input('confirm').value).to.equal('delete');
    // Focus is back where it was when the click came (the confirmation field, filled by the test).
    expect(document.activeElement).to.equal(parts(el).input('confirm'));
    expect(sessionStore.state.user).to.not.equal(null);
    expect(await stillExists(email, password)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  itSurvivesFaults({
    action: 'deleting the account',
    operation: 'DeleteUser',
    flow: 'delete-account',
    successEvent: 'auth-account-deleted',
    async prepare() {
      const { el } = await signedInElement();
      const values = { confirm: 'delete' };
      fill(el, values);
      return { el, values, act: () => parts(el).submit.click() };
    },
  });
});
