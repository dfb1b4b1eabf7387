// The hosted UI's HTTP plumbing: form bodies, cookies, redirects and JSON answers.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A form body (application/x-www-form-urlencoded), at most `limit` bytes; null when it is too large or not a form. */
export function readForm(req: IncomingMessage, limit: number): Promise<URLSearchParams | null> {
  return new Promise((resolve) => {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit || type !== 'application/x-www-form-urlencoded') return resolve(null);
      resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', () => resolve(null));
  });
}

export function cookies(req: IncomingMessage): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      jar[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A malformed value is no cookie of ours.
    }
  }
  return jar;
}

/**
 * A cookie of the pool's origin: HttpOnly (no script reads it), SameSite=Lax (another site's
 * page cannot post forms with it, while a top-level redirect back from a provider still sends
 * it), Path=/. Not Secure: the pool serves plain http on loopback.
 */
export function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${encodeURIComponent(value)}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax`;
}

export const clearedCookie = (name: string) => cookie(name, '', 0);

export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}, status = 302) {
  res.writeHead(status, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': '0', ...headers });
  res.end();
}

/** The OAuth endpoints' JSON (Cognito: application/json;charset=UTF-8), never cached. */
export function sendOAuthJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    ...headers,
  });
  res.end(text);
}

/** `{"error": …}` (and error_description) with status 400, the token endpoint's errors. */
export const oauthError = (res: ServerResponse, error: string, description?: string, status = 400) =>
  sendOAuthJson(res, status, description === undefined ? { error } : { error, error_description: description });
