// The user attributes a sign-up form may ask for beyond email and password: Cognito's standard
// attributes (the OpenID Connect claims) with a label, input type and autocomplete token each, and
// `custom:*` attributes. Also parses the `attributes="name* phone_number custom:company"` list and
// checks values in the browser in the formats Cognito stores.
import type { AttributeField } from '../cognito/types.js';
import { inSentence, message, type MessageKey } from '../messages/message.js';
import { isEmailShaped } from './validation.js';

/** An attribute field as a page may give it: only `name` is needed, the rest has defaults. */
export type AttributeFieldInput = Pick<AttributeField, 'name'> & Partial<AttributeField>;

interface Known {
  /** The catalogue key of the label. */
  label: MessageKey;
  type: AttributeField['type'];
  autocomplete: string;
  /** The catalogue key of the help shown under the input. */
  hint?: MessageKey;
  /** A check beyond what the type implies; returns the problem, or null. */
  check?: (value: string) => string | null;
}

// Cognito's standard attributes. `email` is left out: the form always asks for it.
// Autocomplete tokens: https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill
const known: Record<string, Known> = {
  name: { label: 'attribute.name', type: 'text', autocomplete: 'name' },
  given_name: { label: 'attribute.given_name', type: 'text', autocomplete: 'given-name' },
  family_name: { label: 'attribute.family_name', type: 'text', autocomplete: 'family-name' },
  middle_name: { label: 'attribute.middle_name', type: 'text', autocomplete: 'additional-name' },
  nickname: { label: 'attribute.nickname', type: 'text', autocomplete: 'nickname' },
  // Not "username": password managers would pair it with the password instead of the email.
  preferred_username: { label: 'attribute.preferred_username', type: 'text', autocomplete: 'off' },
  phone_number: {
    label: 'attribute.phone_number',
    type: 'tel',
    autocomplete: 'tel',
    hint: 'attribute.hint.phone_number',
  },
  birthdate: { label: 'attribute.birthdate', type: 'date', autocomplete: 'bday', check: notInTheFuture },
  gender: { label: 'attribute.gender', type: 'text', autocomplete: 'sex' },
  locale: { label: 'attribute.locale', type: 'text', autocomplete: 'language', hint: 'attribute.hint.locale' },
  zoneinfo: { label: 'attribute.zoneinfo', type: 'text', autocomplete: 'off', hint: 'attribute.hint.zoneinfo' },
  address: { label: 'attribute.address', type: 'text', autocomplete: 'street-address' },
  website: { label: 'attribute.website', type: 'url', autocomplete: 'url' },
  picture: { label: 'attribute.picture', type: 'url', autocomplete: 'photo' },
  profile: { label: 'attribute.profile', type: 'url', autocomplete: 'url' },
  updated_at: { label: 'attribute.updated_at', type: 'number', autocomplete: 'off' },
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
    label: input.label ?? (base ? message(base.label) : labelFromName(input.name)),
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
  const key = known[field.name]?.hint ?? (field.type === 'tel' ? known.phone_number.hint : undefined);
  return key && message(key);
}

/** The value as Cognito wants it: trimmed; a phone number without spaces, dashes, dots or brackets. */
export function normalizeAttribute(field: AttributeField, value: string): string {
  const trimmed = value.trim();
  return field.type === 'tel' ? trimmed.replace(/[\s\-.()]/g, '') : trimmed;
}

/** What is wrong with a (normalized) value, or null. An empty optional field is fine. */
export function checkAttribute(field: AttributeField, value: string): string | null {
  if (!value) return field.required ? message('attribute.check.required', { label: inSentence(field.label) }) : null;
  if (value.length > ATTRIBUTE_MAX_LENGTH) return message('attribute.check.too-long', { label: field.label, max: ATTRIBUTE_MAX_LENGTH });
  const byType = checkType(field, value);
  return byType ?? known[field.name]?.check?.(value) ?? null;
}

function checkType(field: AttributeField, value: string): string | null {
  switch (field.type) {
    case 'tel':
      // E.164, the only format Cognito accepts: + then up to 15 digits, no leading zero.
      return /^\+[1-9]\d{1,14}$/.test(value) ? null : message('attribute.check.tel');
    case 'date':
      return isCalendarDate(value) ? null : message('attribute.check.date');
    case 'url':
      return isWebUrl(value) ? null : message('attribute.check.url');
    case 'number':
      return /^-?\d+$/.test(value) ? null : message('attribute.check.number');
    case 'email':
      return isEmailShaped(value) ? null : message('check.email.shape');
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
  return value > today ? message('attribute.check.future-birthdate') : null;
}
