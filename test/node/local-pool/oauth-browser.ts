// A browser without JavaScript, for the hosted UI tests: plain fetch, a cookie jar, redirects
// followed by hand (so each hop can be checked), and the forms of a page read from its HTML.
import { createHash, randomBytes } from 'node:crypto';
import type { LocalPool } from './helpers.js';

export const CALLBACK = 'http://localhost:3000/callback';
export const SIGNED_OUT = 'http://localhost:3000/';

export interface Page {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

export interface Form {
  action: string;
  fields: Record<string, string>;
}

const unescape = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescape(match[1]) : undefined;
};

/** The page's POST forms with their hidden (and pre-filled) fields. */
export function forms(html: string): Form[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, tag, inner]) => {
    const fields: Record<string, string> = {};
    for (const [input] of inner.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(input, 'name');
      const type = attribute(input, 'type');
      if (!name || ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(input))) continue;
      fields[name] = attribute(input, 'value') ?? '';
    }
    return { action: attribute(tag, 'action') ?? '', fields };
  });
}

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(readonly pool: LocalPool) {}

  private absolute(url: string) {
    return new URL(url, this.pool.url).href;
  }

  private remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((part) => /^\s*max-age=0\s*$/i.test(part));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {};
  }

  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Page> {
    const response = await fetch(this.absolute(url), {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: { ...this.cookieHeader(), ...(init.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}), ...init.headers },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    this.remember(response.headers);
    return { status: response.status, headers: response.headers, html: await response.text(), location: response.headers.get('location') };
  }

  get(url: string) {
    return this.request(url);
  }

  /** Follows redirects on the pool (not those leaving it, which end the walk). */
  async follow(page: Page): Promise<Page> {
    let current = page;
    while (current.location && (current.location.startsWith('/') || current.location.startsWith(this.pool.url))) current = await this.get(current.location);
    return current;
  }

  /** Submits the page's form number `index` with `values` over its hidden fields. */
  submit(page: Page, values: Record<string, string>, index = 0) {
    const form = forms(page.html)[index];
    if (!form) throw new Error(`no form ${index} on the page:\n${page.html}`);
    return this.request(form.action, { form: { ...form.fields, ...values } });
  }
}

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(pool: LocalPool, params: Record<string, string | undefined>) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ response_type: 'code', client_id: pool.clientId, redirect_uri: CALLBACK, ...params })) {
    if (value !== undefined) query.set(name, value);
  }
  return `/oauth2/authorize?${query}`;
}

/** Where the pool sent the browser back to the app, as a URL (code, state, error in its query). */
export function callback(page: Page): URL {
  if (page.status !== 302 || !page.location) throw new Error(`expected a redirect to the app, got ${page.status}:\n${page.html}`);
  return new URL(page.location);
}

export async function token(pool: LocalPool, form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${pool.url}oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

/** The whole code flow for a password user, up to the code (the browser keeps its session cookie). */
export async function signInForCode(browser: Browser, email: string, password: string, params: Record<string, string | undefined> = {}) {
  const { verifier, challenge } = pkce();
  const login = await browser.follow(
    await browser.get(authorizeUrl(browser.pool, { code_challenge: challenge, code_challenge_method: 'S256', state: 'st-1', ...params })),
  );
  const answer = await browser.submit(login, { username: email, password });
  const back = callback(answer);
  return { code: back.searchParams.get('code') as string, verifier, back, answer };
}
