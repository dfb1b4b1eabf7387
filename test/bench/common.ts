// What the bench modules share: paths, statistics, the static server, bench pages, pool calls and
// the request log. Nothing here measures anything.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';

/** The repository (this file runs as build/test/bench/common.js). */
export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const RUNS = Number(process.env.BENCH_RUNS ?? 15);
export const outDir = join(root, '.tmp/bench');
export const dropIn = join(root, 'dist/cognito-auth-elements.js');
export const dropInUrl = '/dist/cognito-auth-elements.js';

export interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
}
export interface PoolInfo {
  url: string;
  poolId: string;
  clientId: string;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
export const stats = (values: number[]): Stats => ({ median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length });
export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const range = (s: Stats) => `${ms(s.median)} (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}, n=${s.runs})`;
export const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** A bench page: the pool's configuration in window._config (the workshop's style), then `head`. */
export function pageHtml(pool: PoolInfo, body: string, head = ''): string {
  const [region] = pool.poolId.split('_');
  return `<!doctype html><html><head><meta charset="utf-8">
<script>window._config = { cognito: ${JSON.stringify({ region, userPoolId: pool.poolId, userPoolClientId: pool.clientId, endpoint: pool.url })} };</script>
${head}</head><body>${body}</body></html>`;
}

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.html': 'text/html',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the repository, plus the generated bench pages under /__bench/, on a free port. Every
 * answer is `no-store`, so every load is a network load.
 */
export function serve(pages: Record<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const page = pages[path];
    const file = normalize(join(root, path));
    if (page === undefined && (!file.startsWith(root) || !existsSync(file))) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': page !== undefined ? 'text/html' : (types[extname(file)] ?? 'application/octet-stream'),
      'Cache-Control': 'no-store',
    });
    response.end(page ?? readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

/** One Cognito call from Node, straight to the pool (no browser, so never in a page's request log). */
export async function poolCall(pool: PoolInfo, operation: string, body: object): Promise<any> {
  const response = await fetch(pool.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`${operation}: ${JSON.stringify(data)}`);
  return data;
}

export async function latestCode(pool: PoolInfo, email: string): Promise<string> {
  const messages = (await (await fetch(`${pool.url}_local/messages?to=${encodeURIComponent(email)}`)).json()) as { code: string; sentAt: string }[];
  const latest = messages.sort((a, b) => a.sentAt.localeCompare(b.sentAt)).at(-1);
  if (!latest) throw new Error(`no code for ${email}`);
  return latest.code;
}

export async function createUser(pool: PoolInfo, email: string, password: string): Promise<void> {
  await poolCall(pool, 'SignUp', { ClientId: pool.clientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] });
  await poolCall(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: email, ConfirmationCode: await latestCode(pool, email) });
}

/** A page in a fresh browser context (empty storage, no shared cache) with the HTTP cache off. */
export async function coldPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setCacheEnabled(false);
  return { page, close: () => context.close() };
}

/** One Cognito request a page sent: the operation (X-Amz-Target without the service) and when. */
export interface CognitoCall {
  operation: string;
  /** InitiateAuth's AuthFlow, when there is one. */
  flow?: string;
  /** Date.now() when puppeteer saw the request. */
  at: number;
  /** Which page sent it, when several share a log. */
  tab?: number;
}

function toCall(request: HTTPRequest, tab?: number): CognitoCall | null {
  const target = request.headers()['x-amz-target'];
  if (request.method() !== 'POST' || !target) return null;
  const call: CognitoCall = { operation: target.split('.').pop()!, at: Date.now(), ...(tab === undefined ? {} : { tab }) };
  if (call.operation === 'InitiateAuth') {
    try {
      call.flow = (JSON.parse(request.postData() ?? '{}') as { AuthFlow?: string }).AuthFlow;
    } catch {
      // a body that is not JSON: leave the flow out
    }
  }
  return call;
}

/** Appends every Cognito request `page` sends from now on to `log` (share one log between tabs, each with its `tab` number). */
export function logCognitoCalls(page: Page, log: CognitoCall[] = [], tab?: number): CognitoCall[] {
  page.on('request', (request) => {
    const call = toCall(request, tab);
    if (call) log.push(call);
  });
  return log;
}

/** A refresh: InitiateAuth REFRESH_TOKEN_AUTH (the SDK) or GetTokensFromRefreshToken. */
export const isRefresh = (call: CognitoCall) =>
  call.operation === 'GetTokensFromRefreshToken' || (call.operation === 'InitiateAuth' && /^REFRESH_TOKEN/.test(call.flow ?? ''));

export const callNames = (calls: CognitoCall[]) => calls.map((c) => (c.flow ? `${c.operation} ${c.flow}` : c.operation));

/** A count over runs: "5", or "5 (min 4, max 6, n=5)" when the runs differ; "n/a" without runs. */
export const count = (s: Stats | null) => (!s ? 'n/a' : s.min === s.max ? `${s.median}` : `${s.median} (min ${s.min}, max ${s.max}, n=${s.runs})`);

/** "InitiateAuth REFRESH_TOKEN_AUTH ×6, RevokeToken": each call once, in order of first appearance. */
export function summary(calls: string[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call, (counts.get(call) ?? 0) + 1);
  return [...counts].map(([call, n]) => (n > 1 ? `${call} ×${n}` : call)).join(', ') || 'none';
}
