// <auth-signin> when an account has several second factors on and none preferred: the pool sends
// SELECT_MFA_TYPE and the person picks where the code comes from (the runner's 'mfaChoice' pool
// offers every factor, MFA optional).
import { expect, oneEvent } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-signin.js';
import type { AuthSignedInEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { fillAndSubmit, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, clearStoredSessions, hasLocalPool, injectFault, latestCode, poolConfig, strongPassword } from '../helpers/pool.js';
import { reachStep, signinOn, userWithPhone } from '../helpers/signin-steps.js';

const mailbox = () => new URL(poolConfig({ pool: 'mfaChoice' }).endpoint!);
const factorButtons = (el: Element) => [...el.querySelectorAll<HTMLButtonElement>('button[name="factor"]')];
const userWithTwoFactors = () => userWithPhone('mfaChoice', ['sms', 'email']);
const signinOnMfaChoice = () => signinOn('mfaChoice');
const reach = reachStep;

describe('<auth-signin>: choosing the second factor (SELECT_MFA_TYPE)', function () {
  before(function (this: { skip(): void }) {
    if (!hasLocalPool('mfaChoice')) this.skip();
  });
  afterEach(async () => {
    restoreSpies();
    await clearFaults('mfaChoice');
    await sessionStore.signOut().catch(() => {});
    clearStoredSessions();
  });

  it('offers the factors the account has, focused and accessible, then signs in with the emailed code', async () => {
    const { email } = await userWithTwoFactors();
    const el = await signinOnMfaChoice();
    fillAndSubmit(el, { username: email, password: strongPassword });
    await reach(el, 'select-mfa');
    expect(factorButtons(el).map((button) => [button.value, button.textContent.trim()])).to.deep.equal([
      ['sms', 'Text me a code'],
      ['email', 'Email me a code'],
    ]);
    expect(el.textContent).to.contain('How would you like to get your sign-in code?');
    expect(document.activeElement).to.equal(factorButtons(el)[0]);
    await expect(el).to.be.accessible();

    factorButtons(el)[1].click();
    await reach(el, 'email');
    expect(el.textContent).to.match(/We emailed a sign-in code to \w\*+@/);
    const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
    fillAndSubmit(el, { code: await latestCode(email, 'email-mfa', mailbox()) });
    expect((await signedIn).detail.email).to.equal(email);
  });

  it('signs in with the texted code when that is picked, by keyboard', async () => {
    const { email, phone } = await userWithTwoFactors();
    const el = await signinOnMfaChoice();
    fillAndSubmit(el, { username: email, password: strongPassword });
    await reach(el, 'select-mfa');
    // Enter on the focused button: the form submits with that button as its submitter.
    parts(el).form.requestSubmit(factorButtons(el)[0]);
    await reach(el, 'sms');
    expect(el.textContent).to.match(/texted a sign-in code to \S*\d{4}/);
    const signedIn = oneEvent<AuthSignedInEvent>(el, 'auth-signed-in');
    fillAndSubmit(el, { code: await latestCode(phone, 'sms-mfa', mailbox()) });
    expect((await signedIn).detail.email).to.equal(email);
  });

  it('sends one answer however often a factor is pressed while the first is in flight', async () => {
    const { email } = await userWithTwoFactors();
    const el = await signinOnMfaChoice();
    fillAndSubmit(el, { username: email, password: strongPassword });
    await reach(el, 'select-mfa');
    const spy = spyOn(cognito, 'chooseMfaFactor');
    await injectFault({ operation: 'RespondToAuthChallenge', kind: 'delay', delayMs: 1000, times: 1 }, 'mfaChoice');
    factorButtons(el)[1].click();
    await settled(el);
    expect(factorButtons(el)[1].getAttribute('aria-disabled')).to.equal('true');
    expect(parts(el).form.getAttribute('aria-busy')).to.equal('true');
    factorButtons(el)[0].click();
    factorButtons(el)[1].click();
    await reach(el, 'email');
    expect(spy.calls).to.have.lengthOf(1);
  });
});
