// The one way a string reaches the screen: message(key, params) looks the key up in the catalogue
// of the locale being rendered (see locale.ts), falling back to English key by key, and fills its
// placeholders: `{name}`, with numbers and dates written for the locale (toLocaleString, that is
// Intl.NumberFormat and Intl.DateTimeFormat), and `{count, plural, one {# day} other {# days}}`,
// whose branch Intl.PluralRules picks (the categories are CLDR's: zero, one, two, few, many,
// other; `#` is the number; one space before each category and none inside a branch's braces).
import { configuredValues } from '../config/config-sources.js';
import { en, type MessageKey } from './en.js';
import { loaded, localeChain } from './locale.js';

export type { MessageKey } from './en.js';

/** Values for a message's `{placeholders}`. */
export type MessageParams = Readonly<Record<string, string | number | Date>>;

/** A message not yet turned into text: what an error carries so it can be worded when shown. */
export interface MessageRef {
  key: MessageKey;
  params?: MessageParams;
}

// The catalogues of the element being rendered; outside a render, the page's.
let active: string[] | undefined;

/** Runs `task` with messages in the locales of `chain` (an element's, from localeChain()). */
export function inLocale<T>(chain: string[], task: () => T): T {
  const before = active;
  active = chain;
  try {
    return task();
  } finally {
    active = before;
  }
}

// English beyond en.ts: the catalogues of parts loaded on demand (the account page's,
// en-account.ts), added as they load, so the drop-in file's first download carries only its own.
const englishAdded: Partial<Record<MessageKey, string>> = {};

/** Adds a part's English catalogue (its module calls this as it loads). */
export function addEnglish(catalogue: Partial<Record<MessageKey, string>>): void {
  Object.assign(englishAdded, catalogue);
}

/** Whether `key` names a message (for keys built at run time, such as `error.<flow>.<code>`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key) || Object.hasOwn(englishAdded, key);
}

/** The text of `key` in the current locale, with its placeholders filled from `params` (left as is when not given). */
export function message(key: MessageKey, params?: MessageParams): string {
  const added = configuredValues().messages ?? {};
  const locale = (active ?? localeChain()).find((name) => added[name]?.[key] ?? loaded[name]?.[key]) ?? 'en';
  const text: string = added[locale]?.[key] ?? loaded[locale]?.[key] ?? (en as Partial<Record<MessageKey, string>>)[key] ?? englishAdded[key] ?? key;
  // One call for the three kinds: a number's and a date's are Intl's (numbers ignore the date
  // option), a string's is itself.
  const write = (value: string | number | Date): string => (value as Date).toLocaleString(locale, { dateStyle: 'medium' });
  return params
    ? text.replace(/\{(\w+)(, plural,((?: \w+ \{[^{}]*\})+))?\}/g, (whole, name: string, _plural, branches?: string) => {
        const value = params[name];
        if (value === undefined) return whole;
        if (!branches) return write(value);
        const branch = (rule: string): string | undefined => branches.split(` ${rule} {`)[1]?.split('}')[0];
        const rule = new Intl.PluralRules(locale).select(Number(value));
        return (branch(rule) ?? branch('other'))!.replace('#', write(value));
      })
    : text;
}

/**
 * A label as a word inside a sentence of the current locale ("Enter your {label}."): lowercased,
 * as English, French or Polish write "full name" there, except in German, whose nouns keep their
 * capital ("Vollständiger Name"). Scripts without case are unchanged either way.
 */
export function inSentence(label: string): string {
  return (active ?? localeChain())[0].toLowerCase().startsWith('de') ? label : label.toLowerCase();
}

/** A text as stored (already worded) or as a ref, worded now. */
export function word(text: string | MessageRef): string {
  return typeof text === 'string' ? text : message(text.key, text.params);
}
