// Small values that follow the visitor from page to page in this tab (sessionStorage), such as
// the email just registered or a note for the next page. Storage may be blocked (sandboxed
// frames, privacy settings): then reads find nothing and the value lives on this page only.

export function readTabValue(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value`, or forgets the key when it is null or ''. */
export function writeTabValue(key: string, value: string | null): void {
  try {
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // blocked: kept in memory by the caller only
  }
}
