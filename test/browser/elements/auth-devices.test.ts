import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { account } from '../../../src/cognito/account-client.js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-devices.js';
import { message } from '../../../src/messages/message.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { captureNavigation, restoreSpies, settled } from '../helpers/form.js';
import { clearFaults, keysOf, poolConfig, type PoolName } from '../helpers/pool.js';
import { logCognitoRequests } from '../helpers/requests.js';
import { configuredFor, itSurvivesFaults, signedIn } from './account-helpers.js';

const markup = (pool: PoolName, extra = '') => configuredFor('auth-devices', extra, pool);
const devices = (el: Element) => [...el.querySelectorAll<HTMLElement>('[part~="device"]')];
const button = (root: Element, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text) ?? null;

async function listed(pool: PoolName = 'devices', extra = '') {
  const user = await signedIn(pool);
  const el = await fixture<HTMLElement>(markup(pool, extra));
  await waitUntil(() => devices(el).length > 0 || el.textContent?.includes(message('devices.none')), 'devices not listed', { timeout: 5000 });
  await settled(el);
  return { ...user, el };
}

describe('<auth-devices>', () => {
  afterEach(async () => {
    restoreSpies();
    await clearFaults('devices');
    await sessionStore.signOut().catch(() => {});
  });

  it('lists this device after a sign-in confirmed it (ConfirmDevice), named, dated and remembered', async () => {
    const { el, user } = await listed();
    const keys = keysOf(localStorage).filter((key) => key.includes(`${user.username}.device`));
    expect(keys.map((key) => key.replace(/^.*\./, '')).sort()).to.deep.equal(['deviceGroupKey', 'deviceKey']);
    const [device] = devices(el);
    expect(devices(el)).to.have.lengthOf(1);
    expect(device.querySelector('[part~="device-name"]')?.textContent).to.match(/^Chrome on \w+/);
    expect(device.textContent).to.contain(message('devices.this-device'));
    expect(device.textContent).to.contain(message('devices.remembered'));
    expect(device.textContent).to.match(/Last signed in: \w+/);
    await expect(el).to.be.accessible();
  });

  it('signs in again as the remembered device (DEVICE_SRP_AUTH), creating no new one', async () => {
    const { email, password } = await signedIn('devices');
    const config = poolConfig({ pool: 'devices' });
    const requests = logCognitoRequests();
    try {
      const step = await cognito.signIn(config, email, password);
      expect(step.step).to.equal('done');
      const challenges = requests.bodies('RespondToAuthChallenge').map((body) => body.ChallengeName);
      expect(challenges).to.deep.equal(['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
      expect(requests.count('ConfirmDevice')).to.equal(0);
    } finally {
      requests.stop();
    }
    expect(await account.listDevices(config)).to.have.lengthOf(1);
  });

  it("marks a device not remembered, then forgets it: events, messages, and this device's keys gone", async () => {
    const { el, user } = await listed();
    const [device] = devices(el);
    const notRemembered = oneEvent(el, 'auth-device-changed');
    button(device, message('devices.forget-remembered'))!.click();
    const { detail } = await notRemembered;
    expect(detail).to.deep.equal({ change: 'not-remembered', deviceName: detail.deviceName, current: true });
    await settled(el);
    expect(devices(el)[0].textContent).to.contain(message('devices.not-remembered'));
    expect(el.querySelector('[part~="status"]')?.textContent).to.equal(message('devices.done.not-remembered', { name: detail.deviceName }));
    expect((await account.listDevices(poolConfig({ pool: 'devices' })))[0].remembered).to.equal(false);
    await expect(el).to.be.accessible();

    const forgotten = oneEvent(el, 'auth-device-changed');
    button(devices(el)[0], message('devices.forget'))!.click();
    expect((await forgotten).detail.change).to.equal('forgotten');
    await settled(el);
    expect(devices(el)).to.have.lengthOf(0);
    expect(el.textContent).to.contain(message('devices.none'));
    expect(keysOf(localStorage).filter((key) => key.includes(`${user.username}.device`))).to.deep.equal([]);
    expect(await account.listDevices(poolConfig({ pool: 'devices' }))).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('remembers a device on request where the pool lets the user choose (user opt-in)', async () => {
    const { el } = await listed('devicesOptIn');
    const [device] = devices(el);
    expect(device.textContent).to.contain(message('devices.not-remembered'));
    const remembered = oneEvent(el, 'auth-device-changed');
    button(device, message('devices.remember'))!.click();
    expect((await remembered).detail.change).to.equal('remembered');
    await settled(el);
    expect(devices(el)[0].textContent).to.contain(message('devices.remembered'));
    expect((await account.listDevices(poolConfig({ pool: 'devicesOptIn' })))[0].remembered).to.equal(true);
  });

  it('says there are none where the pool does not track devices', async () => {
    const { el } = await listed('default');
    expect(devices(el)).to.have.lengthOf(0);
    expect(el.textContent).to.contain(message('devices.none'));
    await expect(el).to.be.accessible();
  });

  it('signs out everywhere only after a warning and a confirmation, then goes to next', async () => {
    const urls = captureNavigation();
    const { el } = await listed('devices', 'next="/signed-out.html"');
    expect(el.querySelector('[part~="warning"]')?.textContent).to.equal(message('devices.everywhere.warning'));
    button(el, message('devices.everywhere.submit'))!.click();
    await settled(el);
    expect(el.textContent).to.contain(message('devices.everywhere.confirm'));
    expect(document.activeElement?.textContent?.trim()).to.equal(message('devices.everywhere.yes'));
    await expect(el).to.be.accessible();
    // Cancel goes back, nothing sent.
    const requests = logCognitoRequests();
    button(el, message('devices.everywhere.cancel'))!.click();
    await settled(el);
    expect(requests.count('GlobalSignOut')).to.equal(0);
    requests.stop();
    expect(document.activeElement?.textContent?.trim()).to.equal(message('devices.everywhere.submit'));

    button(el, message('devices.everywhere.submit'))!.click();
    await settled(el);
    const signedOut = oneEvent(el, 'auth-signed-out');
    button(el, message('devices.everywhere.yes'))!.click();
    expect((await signedOut).detail).to.deep.equal({ global: true, revoked: true });
    expect(sessionStore.state.user).to.equal(null);
    expect(urls).to.deep.equal([new URL('/signed-out.html', location.href).href]);
  });

  itSurvivesFaults({
    action: 'forgetting a device',
    operation: 'ForgetDevice',
    flow: 'devices',
    pool: 'devices',
    successEvent: 'auth-device-changed',
    async prepare() {
      const { el } = await listed();
      return { el, values: {}, act: () => button(devices(el)[0], message('devices.forget'))!.click() };
    },
  });

  itSurvivesFaults({
    action: 'signing out everywhere',
    operation: 'GlobalSignOut',
    flow: 'signout',
    pool: 'devices',
    successEvent: 'auth-signed-out',
    async prepare() {
      const { el } = await listed();
      button(el, message('devices.everywhere.submit'))!.click();
      await settled(el);
      return { el, values: {}, act: () => button(el, message('devices.everywhere.yes'))!.click() };
    },
  });
});
