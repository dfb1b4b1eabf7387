import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-register.js';
import type { AuthErrorEvent, AuthRegisteredEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { configured, fill, fillAndSubmit, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { clearFaults, messagesTo, strongPassword, uniqueEmail } from '../helpers/pool.js';
import { itBehavesLikeAnAuthForm } from '../shared/form-behaviour.js';

itBehavesLikeAnAuthForm({
  tag: 'auth-register',
  flow: 'register',
  method: 'signUp',
  operation: 'SignUp',
  successEvent: 'auth-registered',
  prepare: () => Promise.resolve({ email: uniqueEmail('register'), password: strongPassword, confirm: strongPassword }),
  invalid: [
    { why: 'an empty email', values: { email: '', password: strongPassword, confirm: strongPassword }, field: 'email' },
    { why: 'an email without a domain', values: { email: 'ada@', password: strongPassword, confirm: strongPassword }, field: 'email' },
    { why: 'a password outside the policy', values: { email: uniqueEmail(), password: 'short', confirm: 'short' }, field: 'password' },
    { why: 'passwords that do not match', values: { email: uniqueEmail(), password: strongPassword, confirm: `${strongPassword}x` }, field: 'confirm' },
  ],
});

describe('<auth-register>', () => {
  afterEach(async () => {
    restoreSpies();
    sessionStore.setPendingEmail(null);
    await clearFaults();
  });

  it('creates the user, remembers the email and fires auth-registered with where the code went', async () => {
    const email = uniqueEmail('reg');
    const el = await fixture(configured('auth-register'));
    const registered = oneEvent<AuthRegisteredEvent>(el, 'auth-registered');
    fillAndSubmit(el, { email, password: strongPassword, confirm: strongPassword });
    const { detail } = await registered;

    expect(detail.email).to.equal(email);
    expect(detail.confirmed).to.equal(false);
    expect(detail.username).to.be.a('string').and.not.equal('');
    expect(detail.delivery?.medium).to.equal('EMAIL');
    expect(sessionStore.state.pendingEmail).to.equal(email);
    const mail = await messagesTo(email);
    expect(mail.map((m) => m.kind)).to.deep.equal(['sign-up']);
    await settled(el);
    expect(parts(el).status.textContent).to.contain(detail.delivery!.destination);
  });

  it('shows the password policy as a checklist whose met rules say so in text', async () => {
    const el = await fixture(configured('auth-register'));
    const items = () => [...el.querySelectorAll('[part~="checklist"] li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim());
    expect(items()).to.have.lengthOf(5);
    expect(items().every((text) => text.includes('(not met yet)'))).to.equal(true);
    fill(el, { password: 'abcdefgh' });
    await settled(el);
    expect(items().find((t) => t.includes('At least 8'))).to.contain('(met)');
    expect(items().find((t) => t.includes('lowercase'))).to.contain('(met)');
    expect(items().find((t) => t.includes('uppercase'))).to.contain('(not met yet)');
    expect(parts(el).input('password').getAttribute('aria-describedby')).to.contain(el.querySelector('[part~="checklist"]')!.id);
    await expect(el).to.be.accessible();
  });

  it('announces a summary of the checklist politely once typing pauses', async () => {
    const el = await fixture(configured('auth-register'));
    const live = el.querySelector('[aria-live="polite"]')!;
    fill(el, { password: 'abc' });
    fill(el, { password: 'abcD' });
    expect(live.textContent.trim()).to.equal('');
    await waitUntil(() => live.textContent.trim() !== '', 'no announcement', { timeout: 4000 });
    expect(live.textContent).to.contain('2 of 5 requirements met');
  });

  it('follows password-min-length and password-require', async () => {
    const el = await fixture(configured('auth-register', 'password-min-length="12" password-require="digit"'));
    const items = [...el.querySelectorAll('[part~="checklist"] li')].map((li) => li.textContent);
    expect(items).to.have.lengthOf(2);
    expect(items[0]).to.contain('At least 12 characters');
    expect(items[1]).to.contain('A number');
    const spy = spyOn(cognito, 'signUp');
    fillAndSubmit(el, { email: uniqueEmail(), password: 'abcdefghij1', confirm: 'abcdefghij1' });
    await waitUntil(() => parts(el).input('password').getAttribute('aria-invalid') === 'true');
    expect(parts(el).fieldError('password')!.textContent).to.contain('at least 12 characters');
    expect(spy.calls).to.have.lengthOf(0);
  });

  it("selects the password for retyping when the pool's policy refuses it", async () => {
    // The page states a looser policy than the pool's: the pool is the judge.
    const el = await fixture(configured('auth-register', 'password-min-length="6" password-require=""'));
    const email = uniqueEmail();
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { email, password: 'weakpass', confirm: 'weakpass' });
    expect((await error).detail.code).to.equal('invalid-password');
    await settled(el);
    const password = parts(el).input('password');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(password);
    expect([password.selectionStart, password.selectionEnd]).to.deep.equal([0, 'weakpass'.length]);
    expect(parts(el).input('email').value).to.equal(email);
    await expect(el).to.be.accessible();
  });

  it('marks the email when an account already exists for it', async () => {
    const email = uniqueEmail('twice');
    const first = await fixture(configured('auth-register'));
    const done = oneEvent(first, 'auth-registered');
    fillAndSubmit(first, { email, password: strongPassword, confirm: strongPassword });
    await done;

    const el = await fixture(configured('auth-register'));
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, { email, password: strongPassword, confirm: strongPassword });
    expect((await error).detail.code).to.equal('username-exists');
    await settled(el);
    expect(parts(el).input('email').getAttribute('aria-invalid')).to.equal('true');
    expect(parts(el).input('email').getAttribute('aria-describedby')).to.contain(parts(el).alert!.id);
    expect(parts(el).alert!.textContent).to.contain('already exists');
  });

  it('uses autocomplete tokens password managers understand', async () => {
    const el = await fixture(configured('auth-register'));
    expect(parts(el).input('email').autocomplete).to.equal('username');
    expect(parts(el).input('email').type).to.equal('email');
    expect(parts(el).input('password').autocomplete).to.equal('new-password');
    expect(parts(el).input('confirm').autocomplete).to.equal('new-password');
  });
});
