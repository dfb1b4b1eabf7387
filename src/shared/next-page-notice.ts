// A note for the next page: what a page says just before it is left (a members page's gate
// redirects the moment the user is signed out) is shown once by the sign-in form there.
const key = 'cognito-auth-elements.notice';

export function leaveNotice(text: string): void {
  try {
    sessionStorage.setItem(key, text);
  } catch {
    // storage blocked: the note stays on this page only
  }
}

/** The note left by the previous page, once; '' when none. */
export function takeNotice(): string {
  try {
    const text = sessionStorage.getItem(key) ?? '';
    sessionStorage.removeItem(key);
    return text;
  } catch {
    return '';
  }
}
