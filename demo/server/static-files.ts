// Serves the demo's files: GET/HEAD only, known file types only, nothing outside the roots.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where a URL path is looked up: `prefix` (ending in '/') maps to the directory `dir`. */
export interface Mount {
  prefix: string;
  dir: string;
}

/**
 * Resolves a URL path to a file inside one of the mounts, or null. The decoded path is resolved
 * and must stay inside its mount, so `..`, encoded `%2e%2e`, backslashes and NUL bytes lead nowhere.
 */
export function resolveFile(pathname: string, mounts: Mount[]): string | null {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path.endsWith('/')) path += 'index.html';
  for (const { prefix, dir } of mounts) {
    if (!path.startsWith(prefix)) continue;
    const root = resolve(dir);
    const file = resolve(root, '.' + sep + path.slice(prefix.length));
    if (file.startsWith(root + sep) && contentTypes[extname(file)]) return file;
  }
  return null;
}

export function contentTypeOf(file: string): string {
  return contentTypes[extname(file)] ?? 'application/octet-stream';
}

/** Answers the request from the mounts; returns false when no file matches (so the caller 404s). */
export async function serveFile(req: IncomingMessage, res: ServerResponse, mounts: Mount[]): Promise<boolean> {
  const { pathname } = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
  const file = resolveFile(pathname, mounts);
  if (!file) return false;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': info.size,
    // A demo under development: always revalidate, so a rebuilt bundle shows up on reload.
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((done, fail) => {
    createReadStream(file).on('error', fail).on('end', done).pipe(res);
  });
  return true;
}
