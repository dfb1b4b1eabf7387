import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { account } from '../../../src/cognito/account-client.js';
import { cognito } from '../../../src/cognito/cognito-client.js';
import type { CognitoConfig } from '../../../src/cognito/types.js';
import '../../../src/elements/auth-profile.js';
import '../../../src/elements/auth-user.js';
import type { AuthAttributesUpdatedEvent, AuthErrorEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { fill, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, clearStoredSessions, createConfirmedUser, latestCode, messagesTo, poolConfig, strongPassword, uniqueEmail } from '../helpers/pool.js';
import { itSurvivesFaults } from '../shared/account-faults.js';

function markup(extra = ''): string {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig();
  return `<auth-profile region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" ${extra}></auth-profile>`;
}

/** A new confirmed user of the default pool (email verified), signed in. */
async function signedIn(): Promise<{ email: string; config: CognitoConfig }> {
  const config = poolConfig();
  const { email } = await createConfirmedUser(uniqueEmail('profile'), strongPassword, config);
  const step = await cognito.signIn(config, email, strongPassword);
  if (step.step !== 'done') throw new Error(`expected a finished sign-in, got ${step.step}`);
  sessionStore.signedIn(step.user, config);
  return { email, config };
}

/** The profile of a signed-in user, loaded. */
async function loaded(extra = ''): Promise<{ el: HTMLElement; email: string }> {
  const { email } = await signedIn();
  const el = await fixture<HTMLElement>(markup(extra));
  await waitUntil(() => parts(el).input('email')?.value === email, 'details not loaded');
  return { el, email };
}

/** Whether `email` and the password sign in now (USER_PASSWORD_AUTH, beside the page's session). */
async function signsIn(email: string): Promise<boolean> {
  const { endpoint, userPoolClientId } = poolConfig();
  const response = await fetch(endpoint!, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: userPoolClientId, AuthParameters: { USERNAME: email, PASSWORD: strongPassword } }),
  });
  return response.ok && Boolean(((await response.json()) as { AuthenticationResult?: unknown }).AuthenticationResult);
}

/** Saves a new email and waits for the code form. */
async function changeEmail(el: HTMLElement, to: string): Promise<AuthAttributesUpdatedEvent> {
  const updated = oneEvent<AuthAttributesUpdatedEvent>(el, 'auth-attributes-updated');
  fill(el, { email: to });
  parts(el).submit.click();
  const event = await updated;
  await waitUntil(() => parts(el).input('code') && !parts(el).submit.disabled, 'no code form');
  return event;
}

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('<auth-profile>', () => {
  afterEach(async () => {
    restoreSpies();
    await clearFaults();
    await sessionStore.signOut().catch(() => {});
    clearStoredSessions();
  });

  it('says to sign in when nobody is signed in, and is accessible', async () => {
    const el = await fixture<HTMLElement>(markup());
    await waitUntil(() => parts(el).status?.textContent?.includes('Sign in'), 'no sign-in note');
    expect(el.querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('loads the signed-in user’s attributes into labelled fields, and is accessible', async () => {
    const { el, email } = await loaded('attributes="email name* phone_number"');
    expect(parts(el).input('email').value).to.equal(email);
    expect(parts(el).input('email').autocomplete).to.equal('email');
    expect(parts(el).input('name').required).to.equal(true);
    expect(parts(el).input('phone_number').type).to.equal('tel');
    for (const input of el.querySelectorAll<HTMLInputElement>('[part~="input"]')) expect(input.labels?.length, input.name).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('saves a name, renews the session so <auth-user> shows it, and fires auth-attributes-updated without tokens', async () => {
    const { el } = await loaded();
    const user = await fixture<HTMLElement>('<auth-user attribute="name"></auth-user>');
    const updated = oneEvent<AuthAttributesUpdatedEvent>(el, 'auth-attributes-updated');
    fill(el, { name: 'Ada Lovelace' });
    parts(el).submit.click();
    const { detail } = await updated;
    expect(detail.attributes).to.deep.equal(['name']);
    expect(detail.pending).to.deep.equal([]);
    expect(JSON.stringify(detail)).to.not.match(/eyJ[\w-]+\.[\w-]+/);
    await waitUntil(() => sessionStore.state.user?.claims.name === 'Ada Lovelace', 'claims not renewed');
    await waitUntil(() => (user.shadowRoot?.textContent ?? user.textContent ?? '').includes('Ada Lovelace'), '<auth-user> does not show the new name');
    await settled(el);
    expect(parts(el).status.textContent).to.contain('saved');
    expect(parts(el).input('name').value).to.equal('Ada Lovelace');
    await expect(el).to.be.accessible();
  });

  it('sends nothing when nothing changed', async () => {
    const { el } = await loaded();
    const spy = spyOn(account, 'updateUserAttributes');
    parts(el).submit.click();
    await waitUntil(() => parts(el).status.textContent?.includes('Nothing'), 'no status');
    expect(spy.calls).to.have.lengthOf(0);
  });

  it('refuses a malformed email and phone number next to their fields, without a request', async () => {
    const { el } = await loaded('attributes="email phone_number"');
    const spy = spyOn(account, 'updateUserAttributes');
    fill(el, { email: 'not-an-email', phone_number: '555 1234' });
    parts(el).submit.click();
    await waitUntil(() => parts(el).input('phone_number').getAttribute('aria-invalid') === 'true', 'not flagged');
    expect(parts(el).input('email').getAttribute('aria-invalid')).to.equal('true');
    expect(parts(el).fieldError('email')?.textContent?.trim()).to.not.equal('');
    expect(document.activeElement).to.equal(parts(el).input('email'));
    expect(spy.calls).to.have.lengthOf(0);
    await expect(el).to.be.accessible();
  });

  it('changes the email only once the code sent to it is entered: the old one signs in until then, the new one after', async () => {
    const { el, email } = await loaded();
    const next = uniqueEmail('moved');
    const pendingEvent = await changeEmail(el, next);
    expect(pendingEvent.detail).to.deep.include({ attributes: [], pending: ['email'] });
    expect(parts(el).status.textContent).to.match(/code/);
    expect(document.activeElement).to.equal(parts(el).input('code'));
    await expect(el).to.be.accessible();
    expect(await signsIn(email), 'old email before the code').to.equal(true);
    expect(await signsIn(next), 'new email before the code').to.equal(false);
    expect(sessionStore.state.user?.email).to.equal(email);

    const code = await latestCode(next, 'verify-attribute');
    const refused = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fill(el, { code: wrongCode(code) });
    parts(el).submit.click();
    expect((await refused).detail).to.include({ flow: 'profile', code: 'code-mismatch' });
    await settled(el);
    expect(parts(el).input('code').getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(parts(el).input('code'));
    await expect(el).to.be.accessible();

    const done = oneEvent<AuthAttributesUpdatedEvent>(el, 'auth-attributes-updated');
    fill(el, { code });
    parts(el).submit.click();
    expect((await done).detail).to.deep.include({ attributes: ['email'], pending: [] });
    await waitUntil(() => sessionStore.state.user?.email === next, 'session still has the old email');
    await waitUntil(() => parts(el).input('email')?.value === next, 'form not back with the new email');
    expect(parts(el).status.textContent).to.contain(next);
    await expect(el).to.be.accessible();
    expect(await signsIn(next), 'new email after the code').to.equal(true);
    expect(await signsIn(email), 'old email after the code').to.equal(false);
  });

  it('sends a new code after the cool-down, and the latest code confirms', async () => {
    const { el } = await loaded('resend-cooldown="1"');
    const next = uniqueEmail('resend');
    await changeEmail(el, next);
    const resend = parts(el).secondary.find((button) => button.textContent?.includes('new code'))!;
    expect(resend.getAttribute('aria-disabled')).to.equal('true');
    expect(resend.textContent).to.match(/available in 1 second/);
    const first = await latestCode(next, 'verify-attribute');
    resend.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await latestCode(next, 'verify-attribute'), 'no code during the cool-down').to.equal(first);
    await waitUntil(() => resend.getAttribute('aria-disabled') === 'false', 'cool-down never ends', { timeout: 3000 });
    const before = (await messagesTo(next)).length;
    resend.click();
    for (let tries = 0; (await messagesTo(next)).length === before; tries++) {
      if (tries > 40) throw new Error('no new code sent');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitUntil(() => !parts(el).submit.disabled && parts(el).status.textContent?.includes('sent'), 'still sending');
    expect(parts(el).alert).to.equal(null);
    expect(parts(el).status.textContent).to.contain('sent');
    const done = oneEvent(el, 'auth-attributes-updated');
    fill(el, { code: await latestCode(next, 'verify-attribute') });
    parts(el).submit.click();
    await done;
    await waitUntil(() => sessionStore.state.user?.email === next, 'not changed');
  });

  it('can keep the current email instead: the form comes back with it', async () => {
    const { el, email } = await loaded();
    await changeEmail(el, uniqueEmail('kept'));
    const keep = parts(el).secondary.find((button) => button.textContent?.includes('Keep'))!;
    keep.click();
    await waitUntil(() => parts(el).input('email'), 'form not back');
    expect(parts(el).input('email').value).to.equal(email);
    expect(document.activeElement).to.equal(parts(el).input('email'));
    expect(parts(el).status.textContent).to.contain(email);
    await expect(el).to.be.accessible();
  });

  it('refuses an email another account has, next to the field', async () => {
    const { email: taken } = await createConfirmedUser(uniqueEmail('taken'));
    const { el } = await loaded();
    const refused = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fill(el, { email: taken });
    parts(el).submit.click();
    const { detail } = await refused;
    expect(detail).to.include({ flow: 'profile', code: 'username-exists' });
    expect(detail.message).to.contain('Another account');
    await settled(el);
    expect(parts(el).input('email').getAttribute('aria-invalid')).to.equal('true');
    expect(parts(el).input('email').value).to.equal(taken);
    await expect(el).to.be.accessible();
  });

  it('asks for the password again before an email change when the sign-in is older than max-auth-age', async () => {
    const { el } = await loaded('max-auth-age="0"');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const next = uniqueEmail('fresh');
    fill(el, { email: next });
    parts(el).submit.click();
    await waitUntil(() => el.querySelector('[part~="fresh-sign-in"]'), 'no password prompt');
    const form = el.querySelector<HTMLFormElement>('form:not([part~="fresh-sign-in"])')!;
    expect(form.hidden).to.equal(true);
    await expect(el).to.be.accessible();
    const password = el.querySelector<HTMLInputElement>('[name="fresh-password"]')!;
    expect(document.activeElement).to.equal(password);
    password.value = strongPassword;
    el.querySelector<HTMLButtonElement>('[part~="fresh-sign-in"] [part~="submit"]')!.click();
    await waitUntil(() => parts(el).input('code'), 'no code form after the password', { timeout: 5000 });
    expect(await latestCode(next, 'verify-attribute')).to.match(/^\d{6}$/);
  });

  describe('faults', () => {
    itSurvivesFaults({
      name: 'saving the details',
      flow: 'profile',
      operation: 'UpdateUserAttributes',
      arrange: async () => {
        const { el } = await loaded();
        fill(el, { name: 'Grace Hopper' });
        return { el };
      },
      act: ({ el }) => parts(el).submit.click(),
      kept: ['email', 'name'],
      succeeded: ({ el }) => oneEvent(el, 'auth-attributes-updated'),
    });

    itSurvivesFaults({
      name: 'confirming the new email',
      flow: 'profile',
      operation: 'VerifyUserAttribute',
      kinds: ['http-500', 'drop', 'delay'],
      arrange: async () => {
        const { el } = await loaded();
        const next = uniqueEmail('fault');
        await changeEmail(el, next);
        fill(el, { code: await latestCode(next, 'verify-attribute') });
        return { el };
      },
      act: ({ el }) => parts(el).submit.click(),
      kept: ['code'],
      succeeded: ({ el }) => oneEvent(el, 'auth-attributes-updated'),
    });

    itSurvivesFaults({
      name: 'sending a new code',
      flow: 'profile',
      operation: 'GetUserAttributeVerificationCode',
      kinds: ['throttle', 'delay'],
      arrange: async () => {
        const { el } = await loaded('resend-cooldown="0"');
        await changeEmail(el, uniqueEmail('resend-fault'));
        fill(el, { code: '12' });
        return { el };
      },
      act: ({ el }) =>
        parts(el)
          .secondary.find((button) => button.textContent?.includes('new code'))!
          .click(),
      kept: ['code'],
      succeeded: ({ el }) => waitUntil(() => parts(el).status.textContent?.includes('sent') && !parts(el).alert, 'no new code sent'),
    });

    it('loading: a failure is shown with Try again, which loads the details', async () => {
      const { email } = await signedIn();
      const { injectFault } = await import('../helpers/pool.js');
      // Until cleared: loading is retried once on its own.
      await injectFault({ operation: 'GetUser', kind: 'http-500' });
      const el = await fixture<HTMLElement>(markup());
      const failed = await oneEvent<AuthErrorEvent>(el, 'auth-error');
      expect(failed.detail).to.include({ flow: 'profile', code: 'server' });
      await clearFaults();
      await waitUntil(() => parts(el).secondary.length, 'no Try again');
      await expect(el).to.be.accessible();
      parts(el).secondary[0].click();
      await waitUntil(() => parts(el).input('email')?.value === email, 'not loaded after Try again');
    });
  });
});
