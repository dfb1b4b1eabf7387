// Where `next` may send the visitor after a success: this origin only, so a link like
// signin.html?next=https://evil.example/ or next=javascript:… cannot be turned into an attack.

/**
 * `next` resolved against the current page, or null unless it is an http(s) URL on this page's
 * origin. Refuses `javascript:`, `data:` and other schemes, other origins, and protocol-relative
 * `//host` (and its `/\host` and `\\host` spellings, which browsers also treat as a host).
 */
export function safeRedirectUrl(next: string | null | undefined, base: string = location.href): URL | null {
  if (typeof next !== 'string') return null;
  // URL parsing drops tabs and newlines and trims spaces and control characters, so
  // "java\tscript:" and " //evil" are judged by what the browser would actually navigate to.
  const value = next.trim();
  if (value === '') return null;
  let url: URL;
  let origin: string;
  try {
    url = new URL(value, base);
    origin = new URL(base).origin;
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.origin !== origin) return null;
  return url;
}
