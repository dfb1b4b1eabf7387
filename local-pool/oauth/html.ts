// The hosted UI's pages: plain HTML, no script at all (every step is a form POST), one stylesheet
// of the pool's own, and a Content-Security-Policy that allows nothing else.
import type { ServerResponse } from 'node:http';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (or an attribute value) made safe for HTML. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Marked HTML, so html`` interpolates it as is and escapes everything else. */
export class Html {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}

type Part = Html | string | number | undefined | null | false | Html[];

const render = (part: Part): string =>
  part instanceof Html
    ? part.text
    : Array.isArray(part)
      ? part.map(render).join('')
      : part === undefined || part === null || part === false
        ? ''
        : escapeHtml(String(part));

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(strings.reduce((out, text, i) => out + text + (i < parts.length ? render(parts[i]) : ''), ''));
}

/**
 * `form-action` names the redirect URI's origin too: browsers apply it to the redirect a form
 * POST answers with, and a sign-in ends by redirecting to the app.
 */
function policy(formTargets: string[]) {
  const targets = [...new Set(formTargets)].join(' ');
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action 'self'${targets ? ` ${targets}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The origin a redirect URI belongs to, for form-action (custom schemes: the scheme). */
export function originOf(uri: string): string {
  const url = new URL(uri);
  return url.origin === 'null' ? url.protocol : url.origin;
}

export interface PageOptions {
  title: string;
  body: Html;
  status?: number;
  /** Origins form POSTs on the page may end up redirected to. */
  formTargets?: string[];
  headers?: Record<string, string | string[]>;
}

export function sendPage(res: ServerResponse, { title, body, status = 200, formTargets = [], headers = {} }: PageOptions) {
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="/_hosted/hosted-ui.css" />
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html> `.text;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(page)),
    'Content-Security-Policy': policy(formTargets),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // same-origin, not no-referrer: with no-referrer a form POST carries Origin: null, which the pool refuses.
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(page);
}

/** The page for a request that cannot be sent back to its app (unknown client, unregistered redirect URI). */
export function sendErrorPage(res: ServerResponse, message: string, status = 400) {
  sendPage(res, {
    title: 'Sign-in error',
    status,
    body: html`<h1>Something went wrong</h1>
      <p class="error" role="alert">${message}</p>`,
  });
}
