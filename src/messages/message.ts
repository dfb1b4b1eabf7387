// The one way a string reaches the screen: message(key, params) looks the key up in the catalogue
// and fills its `{placeholders}`. Kept to the English catalogue for now; languages plug in here.
import { en, type MessageKey } from './en.js';

export type { MessageKey } from './en.js';

/** Values for a message's `{placeholders}`. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A message not yet turned into text: what an error carries so it can be worded when shown. */
export interface MessageRef {
  key: MessageKey;
  params?: MessageParams;
}

/** Whether `key` names a message (for keys built at run time, such as `error.<flow>.<code>`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The text of `key`, with `{name}` replaced by `params.name` (left as is when not given). */
export function message(key: MessageKey, params?: MessageParams): string {
  const text: string = en[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
