import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { account } from '../../../src/cognito/account-client.js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { authErrorMessage } from '../../../src/cognito/error-messages.js';
import '../../../src/elements/auth-change-password.js';
import type { AuthErrorEvent } from '../../../src/events.js';
import { message } from '../../../src/messages/message.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { fill, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, injectFault, poolConfig } from '../helpers/pool.js';
import { logCognitoRequests } from '../helpers/requests.js';
import { configuredFor, itSurvivesFaults, signedIn } from './account-helpers.js';

const newPassword = 'Another-Strong-Pass-7';
const markup = (extra = '') => configuredFor('auth-change-password', `${extra} forgot-password-url="/forgot.html" signin-url="/signin.html"`);

async function signedInElement() {
  const user = await signedIn();
  const el = await fixture<HTMLElement>(markup());
  await settled(el);
  return { ...user, el };
}

describe('<auth-change-password>', () => {
  afterEach(async () => {
    restoreSpies();
    await clearFaults();
    await sessionStore.signOut().catch(() => {});
  });

  it('says to sign in when nobody is, with the sign-in link, and is accessible', async () => {
    await sessionStore.signOut().catch(() => {});
    const el = await fixture<HTMLElement>(markup());
    await waitUntil(() => el.textContent?.includes(message('account.signed-out')), 'no signed-out note');
    expect(el.querySelector('a')?.getAttribute('href')).to.match(/\/signin\.html$/);
    expect(el.querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('renders labelled password fields with the checklist and is accessible', async () => {
    const { el } = await signedInElement();
    for (const name of ['current', 'password', 'confirm']) {
      const input = parts(el).input(name);
      expect(input.type, name).to.equal('password');
      expect(input.labels?.length, name).to.equal(1);
    }
    expect(parts(el).input('current').autocomplete).to.equal('current-password');
    expect(parts(el).input('password').autocomplete).to.equal('new-password');
    expect(el.querySelector('[part~="checklist"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('checks the fields in the browser and sends nothing', async () => {
    const { el, password } = await signedInElement();
    const spy = spyOn(account, 'changePassword');
    parts(el).submit.click();
    await waitUntil(() => parts(el).input('current').getAttribute('aria-invalid') === 'true');
    expect(parts(el).fieldError('current')?.textContent).to.equal(message('check.password.empty'));
    fill(el, { current: password, password: 'short', confirm: 'short' });
    parts(el).submit.click();
    await settled(el);
    expect(parts(el).input('password').getAttribute('aria-invalid')).to.equal('true');
    fill(el, { password: password, confirm: password });
    parts(el).submit.click();
    await settled(el);
    expect(parts(el).fieldError('password')?.textContent).to.equal(message('change-password.same'));
    fill(el, { password: newPassword, confirm: `${newPassword}x` });
    parts(el).submit.click();
    await settled(el);
    expect(parts(el).fieldError('confirm')?.textContent).to.equal(message('check.confirm.mismatch'));
    expect(spy.calls).to.have.lengthOf(0);
    await expect(el).to.be.accessible();
  });

  it('changes the password: the event, the message, the new password signs in and the old one does not', async () => {
    const { el, email, password } = await signedInElement();
    const changed = oneEvent(el, 'auth-password-changed');
    fill(el, { current: password, password: newPassword, confirm: newPassword });
    parts(el).submit.click();
    const { detail } = await changed;
    expect(detail.username).to.equal(sessionStore.state.user?.username);
    expect(JSON.stringify(detail)).to.not.match(/eyJ/);
    await settled(el);
    expect(parts(el).status.textContent?.trim()).to.equal(message('change-password.done'));
    for (const name of ['current', 'password', 'confirm']) expect(parts(el).input(name).value, name).to.equal('');
    await expect(el).to.be.accessible();
    const config = poolConfig({ storage: 'memory' });
    expect((await cognito.signIn(config, email, newPassword)).step).to.equal('done');
    const old = await cognito.signIn(config, email, password).catch((error: unknown) => error);
    expect((old as { code?: string }).code).to.equal('not-authorized');
  });

  it('marks a wrong current password, warns after several, and links to the reset page once Cognito pauses', async () => {
    const { el, password } = await signedInElement();
    const wrong = `${password}-wrong`;
    let detail: AuthErrorEvent['detail'] | undefined;
    for (let attempt = 1; attempt <= 8; attempt++) {
      const failed = oneEvent(el, 'auth-error');
      fill(el, { current: wrong, password: newPassword, confirm: newPassword });
      parts(el).submit.click();
      ({ detail } = await failed);
      if (!detail) throw new Error('no auth-error detail');
      await settled(el);
      expect(parts(el).input('current').getAttribute('aria-invalid')).to.equal('true');
      expect(document.activeElement).to.equal(parts(el).input('current'));
      if (attempt === 1) {
        expect(detail).to.deep.include({ flow: 'change-password', code: 'not-authorized' });
        expect(parts(el).alert?.textContent?.trim()).to.equal(message('error.change-password.not-authorized'));
        await expect(el).to.be.accessible();
      }
      if (attempt === 4 && detail.code === 'not-authorized') expect(parts(el).alert?.textContent?.trim()).to.equal(message('change-password.lockout-warning'));
      if (detail.code === 'limit-exceeded') break;
    }
    expect(detail?.code).to.equal('limit-exceeded');
    expect(parts(el).alert?.textContent?.trim()).to.equal(authErrorMessage('limit-exceeded', 'change-password'));
    expect(el.querySelector('a[part~="secondary"]')?.getAttribute('href')).to.match(/\/forgot\.html$/);
    await expect(el).to.be.accessible();
  });

  it('shows a busy state and sends one request however often it is submitted meanwhile', async () => {
    const { el, password } = await signedInElement();
    await injectFault({ operation: 'ChangePassword', kind: 'delay', delayMs: 1500, times: 1 });
    const requests = logCognitoRequests();
    try {
      const changed = oneEvent(el, 'auth-password-changed');
      fill(el, { current: password, password: newPassword, confirm: newPassword });
      parts(el).submit.click();
      await settled(el);
      expect(parts(el).submit.disabled).to.equal(true);
      expect(parts(el).submit.textContent?.trim()).to.equal(message('change-password.busy'));
      expect(parts(el).form.getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();
      parts(el).submit.click();
      parts(el).form.requestSubmit();
      await changed;
      expect(requests.count('ChangePassword')).to.equal(1);
    } finally {
      requests.stop();
    }
  });

  itSurvivesFaults({
    action: 'changing the password',
    operation: 'ChangePassword',
    flow: 'change-password',
    successEvent: 'auth-password-changed',
    async prepare() {
      const { el, password } = await signedInElement();
      const values = { current: password, password: newPassword, confirm: newPassword };
      fill(el, values);
      return { el, values, act: () => parts(el).submit.click() };
    },
  });
});
