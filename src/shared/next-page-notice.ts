// A note for the next page: what a page says just before it is left (a members page's gate
// redirects the moment the user is signed out) is shown once by the form there it is meant for,
// so on a page with several forms the verify form does not take the sign-in form's note.
import { readTabValue, writeTabValue } from './tab-storage.js';

const key = 'cognito-auth-elements.notice';

/** The element that shows a note. */
export type NoticeReader = 'auth-signin' | 'auth-verify';

export function leaveNotice(text: string, reader: NoticeReader = 'auth-signin'): void {
  writeTabValue(key, JSON.stringify({ text, reader }));
}

/** The note the previous page left for `reader`, once; '' when none. */
export function takeNotice(reader: NoticeReader = 'auth-signin'): string {
  const stored = readTabValue(key);
  if (!stored) return '';
  let notice: { text?: unknown; reader?: unknown } = {};
  try {
    notice = JSON.parse(stored) as typeof notice;
  } catch {
    // Not ours, or from an older version: drop it.
  }
  if (notice.reader !== undefined && notice.reader !== reader) return '';
  writeTabValue(key, null);
  return typeof notice.text === 'string' ? notice.text : '';
}
