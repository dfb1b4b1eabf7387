// <auth-register attributes>: extra sign-up attributes, checked in the browser, stored by the pool,
// and the pool's refusal when it requires one the form does not ask for (the "attributes" pool
// requires name besides email).
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import '../../../src/elements/auth-register.js';
import type { AuthRegister } from '../../../src/elements/auth-register.js';
import type { AuthErrorEvent, AuthRegisteredEvent } from '../../../src/events.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { fillAndSubmit, parts, restoreSpies, settled, spyOn } from '../helpers/form.js';
import { poolConfig, poolOperation, strongPassword, uniqueEmail } from '../helpers/pool.js';

/** <auth-register> pointed at the attributes pool, with `extra` attributes. */
function attributesRegister(extra = ''): string {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig({ pool: 'attributes' });
  return `<auth-register region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}" ${extra}></auth-register>`;
}

const credentials = () => ({ email: uniqueEmail('attrs'), password: strongPassword, confirm: strongPassword });

describe('<auth-register attributes>', () => {
  afterEach(() => {
    restoreSpies();
    sessionStore.setPendingEmail(null);
  });

  it('asks for each listed attribute with a label, input type and autocomplete token', async () => {
    const el = await fixture(attributesRegister('attributes="name* given_name, family_name phone_number birthdate website custom:company*"'));
    const field = (name: string) => {
      const input = parts(el).input(name);
      return { label: input.labels![0].textContent.trim(), type: input.type, autocomplete: input.autocomplete, required: input.required };
    };
    expect(field('name')).to.deep.equal({ label: 'Full name', type: 'text', autocomplete: 'name', required: true });
    expect(field('given_name')).to.deep.equal({ label: 'First name (optional)', type: 'text', autocomplete: 'given-name', required: false });
    expect(field('family_name').autocomplete).to.equal('family-name');
    expect(field('phone_number')).to.include({ type: 'tel', autocomplete: 'tel' });
    expect(field('birthdate')).to.include({ type: 'date', autocomplete: 'bday' });
    expect(field('website')).to.include({ type: 'url', autocomplete: 'url' });
    expect(field('custom:company')).to.deep.equal({ label: 'Company', type: 'text', autocomplete: 'off', required: true });
    // The email and password come first, the attributes after them, in the order listed.
    const names = [...el.querySelectorAll<HTMLInputElement>('[part~="input"]')].map((input) => input.name);
    expect(names).to.deep.equal([
      'email',
      'password',
      'confirm',
      'name',
      'given_name',
      'family_name',
      'phone_number',
      'birthdate',
      'website',
      'custom:company',
    ]);
    await expect(el).to.be.accessible();
  });

  it('takes full control from attributeFields', async () => {
    const el = await fixture<AuthRegister>(attributesRegister());
    el.attributeFields = [
      { name: 'name', required: true },
      { name: 'custom:team', label: 'Your team', autocomplete: 'organization-title' },
      { name: 'custom:employee_no', label: 'Employee number', type: 'number', required: true },
    ];
    await settled(el);
    expect(parts(el).input('name').labels![0].textContent.trim()).to.equal('Full name');
    expect(parts(el).input('custom:team').labels![0].textContent.trim()).to.equal('Your team (optional)');
    expect(parts(el).input('custom:team').autocomplete).to.equal('organization-title');
    expect(parts(el).input('custom:employee_no').type).to.equal('number');
  });

  it('refuses a phone number without country code and a birthdate in the future, sending nothing', async () => {
    const el = await fixture(attributesRegister('attributes="name* phone_number birthdate"'));
    const spy = spyOn(cognito, 'signUp');
    fillAndSubmit(el, { ...credentials(), name: 'Ada Lovelace', phone_number: '415 555 0123', birthdate: '2999-01-01' });
    await waitUntil(() => parts(el).input('phone_number').getAttribute('aria-invalid') === 'true');
    await settled(el);

    expect(parts(el).fieldError('phone_number')!.textContent).to.contain('country code');
    expect(parts(el).fieldError('birthdate')!.textContent).to.contain('future');
    expect(parts(el).input('birthdate').getAttribute('aria-describedby')).to.contain(parts(el).fieldError('birthdate')!.id);
    expect(document.activeElement).to.equal(parts(el).input('phone_number'));
    expect(spy.calls).to.have.lengthOf(0);
    await expect(el).to.be.accessible();
  });

  it('asks for a required attribute left empty, sending nothing', async () => {
    const el = await fixture(attributesRegister('attributes="name* custom:company*"'));
    const spy = spyOn(cognito, 'signUp');
    fillAndSubmit(el, { ...credentials(), name: '  ' });
    await waitUntil(() => parts(el).fieldError('name') !== null);
    expect(parts(el).fieldError('name')!.textContent).to.equal('Enter your full name.');
    expect(parts(el).fieldError('custom:company')!.textContent).to.equal('Enter your company.');
    expect(spy.calls).to.have.lengthOf(0);
  });

  it('sends the attributes with the sign-up, and the pool stores them', async () => {
    const el = await fixture(attributesRegister('attributes="name* phone_number birthdate website given_name custom:company"'));
    const values = credentials();
    const registered = oneEvent<AuthRegisteredEvent>(el, 'auth-registered');
    // Spaces and dashes in the phone number are dropped; an optional field left empty is not sent.
    // (custom:company is one the attributes pool declares; a pool refuses undeclared custom attributes.)
    fillAndSubmit(el, {
      ...values,
      name: ' Ada Lovelace ',
      phone_number: '+1 415-555-0123',
      birthdate: '1990-04-23',
      website: 'https://ada.example/',
      'custom:company': 'Analytical Engines',
    });
    await registered;

    const user = await poolOperation<{ UserAttributes: Array<{ Name: string; Value: string }> }>('AdminGetUser', { Username: values.email }, 'attributes');
    const stored = Object.fromEntries(user.UserAttributes.map(({ Name, Value }) => [Name, Value]));
    expect(stored).to.include({
      email: values.email,
      name: 'Ada Lovelace',
      phone_number: '+14155550123',
      birthdate: '1990-04-23',
      website: 'https://ada.example/',
      'custom:company': 'Analytical Engines',
    });
    expect(stored).to.not.have.property('given_name');
  });

  it('shows a human message when the pool requires an attribute the form does not ask for', async () => {
    // The attributes pool requires name; this form was set up without it.
    const el = await fixture(attributesRegister('attributes="phone_number"'));
    const error = oneEvent<AuthErrorEvent>(el, 'auth-error');
    fillAndSubmit(el, credentials());
    expect((await error).detail.code).to.equal('invalid-input');
    await settled(el);
    const alert = parts(el).alert!;
    expect(alert.textContent).to.contain('full name');
    expect(alert.textContent).to.contain('site owner');
    expect(alert.textContent).to.not.match(/schema|attribute is required/i);
    await expect(el).to.be.accessible();
  });
});
