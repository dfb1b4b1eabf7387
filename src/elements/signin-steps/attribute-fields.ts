// How a required attribute is asked for when Cognito wants it with a new password: a human label,
// the input type, the autocomplete token and, where the format is strict, a hint.
import type { FieldOptions } from '../../shared/auth-form-element.js';

type AttributeInput = Pick<FieldOptions, 'label' | 'type' | 'autocomplete' | 'inputmode'> & { hint?: string };

const standard: Record<string, AttributeInput> = {
  name: { label: 'Full name', autocomplete: 'name' },
  given_name: { label: 'First name', autocomplete: 'given-name' },
  family_name: { label: 'Last name', autocomplete: 'family-name' },
  middle_name: { label: 'Middle name', autocomplete: 'additional-name' },
  nickname: { label: 'Nickname', autocomplete: 'nickname' },
  preferred_username: { label: 'Preferred username', autocomplete: 'off' },
  email: { label: 'Email', type: 'email', autocomplete: 'email' },
  phone_number: {
    label: 'Phone number',
    type: 'tel',
    autocomplete: 'tel',
    hint: 'With the country code and no spaces, e.g. +14155550123.',
  },
  birthdate: { label: 'Date of birth', type: 'date', autocomplete: 'bday' },
  gender: { label: 'Gender', autocomplete: 'sex' },
  address: { label: 'Address', autocomplete: 'street-address' },
  locale: { label: 'Language', autocomplete: 'language' },
  zoneinfo: { label: 'Time zone', autocomplete: 'off', hint: 'e.g. Europe/Paris.' },
  website: { label: 'Website', type: 'url', autocomplete: 'url' },
  profile: { label: 'Profile page', type: 'url', autocomplete: 'url' },
  picture: { label: 'Picture URL', type: 'url', autocomplete: 'photo' },
};

/** `custom:favourite_colour` → "Favourite colour". */
function humanize(name: string): string {
  const words = name.replace(/^custom:/, '').replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The input for attribute `name` (standard or `custom:*`). */
export function attributeInput(name: string): AttributeInput {
  return standard[name] ?? { label: humanize(name), autocomplete: 'off' };
}

/** Cognito wants phone numbers in E.164: a plus, the country code, then digits only. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value);
}
