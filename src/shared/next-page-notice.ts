// A note for the next page: what a page says just before it is left (a members page's gate
// redirects the moment the user is signed out) is shown once by the sign-in form there.
import { readTabValue, writeTabValue } from './tab-storage.js';

const key = 'cognito-auth-elements.notice';

export function leaveNotice(text: string): void {
  writeTabValue(key, text);
}

/** The note left by the previous page, once; '' when none. */
export function takeNotice(): string {
  const text = readTabValue(key) ?? '';
  writeTabValue(key, null);
  return text;
}
