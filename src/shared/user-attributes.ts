// The user attributes a sign-up form may ask for beyond email and password: Cognito's standard
// attributes (the OpenID Connect claims) with a label, input type and autocomplete token each, and
// `custom:*` attributes. Also parses the `attributes="name* phone_number custom:company"` list and
// checks values in the browser in the formats Cognito stores.
import type { AttributeField } from '../cognito/types.js';

/** An attribute field as a page may give it: only `name` is needed, the rest has defaults. */
export type AttributeFieldInput = Pick<AttributeField, 'name'> & Partial<AttributeField>;

interface Known {
  label: string;
  type: AttributeField['type'];
  autocomplete: string;
  /** Help shown under the input. */
  hint?: string;
  /** A check beyond what the type implies; returns the problem, or null. */
  check?: (value: string) => string | null;
}

// Cognito's standard attributes. `email` is left out: the form always asks for it.
// Autocomplete tokens: https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill
const known: Record<string, Known> = {
  name: { label: 'Full name', type: 'text', autocomplete: 'name' },
  given_name: { label: 'First name', type: 'text', autocomplete: 'given-name' },
  family_name: { label: 'Last name', type: 'text', autocomplete: 'family-name' },
  middle_name: { label: 'Middle name', type: 'text', autocomplete: 'additional-name' },
  nickname: { label: 'Nickname', type: 'text', autocomplete: 'nickname' },
  // Not "username": password managers would pair it with the password instead of the email.
  preferred_username: { label: 'Preferred username', type: 'text', autocomplete: 'off' },
  phone_number: {
    label: 'Phone number',
    type: 'tel',
    autocomplete: 'tel',
    hint: 'With the country code, e.g. +14155550123.',
  },
  birthdate: { label: 'Date of birth', type: 'date', autocomplete: 'bday', check: notInTheFuture },
  gender: { label: 'Gender', type: 'text', autocomplete: 'sex' },
  locale: { label: 'Language', type: 'text', autocomplete: 'language', hint: 'e.g. en-US.' },
  zoneinfo: { label: 'Time zone', type: 'text', autocomplete: 'off', hint: 'e.g. Europe/Paris.' },
  address: { label: 'Address', type: 'text', autocomplete: 'street-address' },
  website: { label: 'Website', type: 'url', autocomplete: 'url' },
  picture: { label: 'Picture URL', type: 'url', autocomplete: 'photo' },
  profile: { label: 'Profile page', type: 'url', autocomplete: 'url' },
  updated_at: { label: 'Last updated (seconds since 1970)', type: 'number', autocomplete: 'off' },
};

/** Cognito's limit for one attribute value. */
export const ATTRIBUTE_MAX_LENGTH = 2048;

/** Whether `name` is one of Cognito's standard attributes this catalogue knows. */
export function isStandardAttribute(name: string): boolean {
  return Object.hasOwn(known, name);
}

/** `custom:company_name` → "Company name". */
function labelFromName(name: string): string {
  const words = name
    .replace(/^custom:/, '')
    .replace(/[_\-.]+/g, ' ')
    .trim();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

/** The full field for `input`: the catalogue's values for a standard attribute, overridden by `input`. */
export function attributeField(input: AttributeFieldInput): AttributeField {
  const base = known[input.name];
  if (!base && !input.name.startsWith('custom:')) {
    console.warn(`cognito-auth-elements: "${input.name}" is not a standard Cognito attribute; custom ones start with "custom:".`);
  }
  return {
    name: input.name,
    label: input.label ?? base?.label ?? labelFromName(input.name),
    type: input.type ?? base?.type ?? 'text',
    required: input.required ?? false,
    autocomplete: input.autocomplete ?? base?.autocomplete ?? 'off',
  };
}

/**
 * Parses an `attributes` list: names separated by spaces or commas, each marked required by a
 * trailing `*` (`"name* phone_number birthdate custom:company*"`). `email` is skipped (always asked).
 */
export function parseAttributeList(list: string | null | undefined): AttributeField[] {
  const seen = new Set<string>();
  const fields: AttributeField[] = [];
  for (const token of (list ?? '').split(/[\s,]+/)) {
    const required = token.endsWith('*');
    const name = required ? token.slice(0, -1) : token;
    if (!name || name === 'email' || seen.has(name)) continue;
    seen.add(name);
    fields.push(attributeField({ name, required }));
  }
  return fields;
}

/** Help text for a field, if the catalogue has any. */
export function attributeHint(field: AttributeField): string | undefined {
  return known[field.name]?.hint ?? (field.type === 'tel' ? known.phone_number.hint : undefined);
}

/** The value as Cognito wants it: trimmed; a phone number without spaces, dashes, dots or brackets. */
export function normalizeAttribute(field: AttributeField, value: string): string {
  const trimmed = value.trim();
  return field.type === 'tel' ? trimmed.replace(/[\s\-.()]/g, '') : trimmed;
}

/** What is wrong with a (normalized) value, or null. An empty optional field is fine. */
export function checkAttribute(field: AttributeField, value: string): string | null {
  if (!value) return field.required ? `Enter your ${field.label.toLowerCase()}.` : null;
  if (value.length > ATTRIBUTE_MAX_LENGTH) return `${field.label} can be at most ${ATTRIBUTE_MAX_LENGTH} characters.`;
  const byType = checkType(field, value);
  return byType ?? known[field.name]?.check?.(value) ?? null;
}

function checkType(field: AttributeField, value: string): string | null {
  switch (field.type) {
    case 'tel':
      // E.164, the only format Cognito accepts: + then up to 15 digits, no leading zero.
      return /^\+[1-9]\d{1,14}$/.test(value) ? null : 'Enter the number with its country code, starting with +.';
    case 'date':
      return isCalendarDate(value) ? null : 'Enter a valid date.';
    case 'url':
      return isWebUrl(value) ? null : 'Enter a web address starting with https://.';
    case 'number':
      return /^-?\d+$/.test(value) ? null : 'Enter a whole number.';
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(value) ? null : 'Enter an email address like name@example.com.';
    default:
      return null;
  }
}

/** YYYY-MM-DD naming a day that exists (no 2023-02-30). */
function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function notInTheFuture(value: string): string | null {
  const today = new Date().toISOString().slice(0, 10);
  return value > today ? 'The date of birth cannot be in the future.' : null;
}
