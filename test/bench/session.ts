// Session behaviour through the drop-in file's public API (sessionStore), whatever client is
// inside: a revoked refresh token, parallel and cross-tab refreshes, and sign-out when RevokeToken
// fails. Each run signs in afresh (USER_PASSWORD_AUTH from Node) and gets a fresh browser context
// whose localStorage is seeded with those tokens in the SDK's layout. The ID and access tokens are
// made to count as expired with a clockDrift of -2 days (now − clockDrift is then past their exp),
// in one of two ways:
// - 'running': seeded valid, the page's store has read the signed-in user, then the drift is
//   rewritten in that tab just before the measured call (tokens that expired while the page was
//   open). Requests count from the rewrite.
// - 'load': stored expired before the page loads, so the measured call is the store's first use
//   (a page opened after the tokens expired). Requests count from the page load.
// Requests are what puppeteer sees the pages send, by X-Amz-Target. The session pool is a local
// pool of its own, so revocations and injected faults stay there.
import type { Browser, Page } from 'puppeteer-core';
import {
  callNames,
  count,
  createUser,
  isRefresh,
  logCognitoCalls,
  pageHtml,
  poolCall,
  range,
  RUNS,
  sleep,
  stats,
  summary,
  type CognitoCall,
  type PoolInfo,
  type Stats,
} from './common.js';

/** Runs per session measure: BENCH_SESSION_RUNS, else BENCH_RUNS capped at 5 (the SDK's retries take seconds). */
export const SESSION_RUNS = Math.max(1, Number(process.env.BENCH_SESSION_RUNS ?? Math.min(RUNS, 5)));
/** After a measure settles, requests still arriving within this window count too. */
const QUIET_MS = 500;
/** Longest wait for anything in a page. */
const TIMEOUT_MS = 30_000;
const EXPIRED_DRIFT = -2 * 24 * 3600;
const PARALLEL = 5;
const TABS = 3;

export type Mode = 'running' | 'load';
export const sessionPagePath = '/__bench/session.html';
const blankPath = '/__bench/blank.html';

/** The pages session.ts loads, for the bench server. */
export function sessionPages(pool: PoolInfo): Record<string, string> {
  return {
    [sessionPagePath]: pageHtml(pool, '', '<script type="module" src="/test/bench/session-page.js"></script>'),
    [blankPath]: pageHtml(pool, ''),
  };
}

interface Tokens {
  username: string;
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

interface User {
  pool: PoolInfo;
  email: string;
  password: string;
}

async function signIn({ pool, email, password }: User): Promise<Tokens> {
  const { AuthenticationResult: result } = await poolCall(pool, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: pool.clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  const claims = JSON.parse(Buffer.from(result.AccessToken.split('.')[1], 'base64url').toString()) as { username: string };
  return { username: claims.username, idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken };
}

const revoke = (pool: PoolInfo, tokens: Tokens) => poolCall(pool, 'RevokeToken', { ClientId: pool.clientId, Token: tokens.refreshToken });

/** Stores `tokens` where the SDK keeps them, on the bench origin, in `page`'s browser context. */
async function seed(page: Page, origin: string, pool: PoolInfo, tokens: Tokens, clockDrift: number): Promise<void> {
  await page.goto(`${origin}${blankPath}`);
  await page.evaluate(
    (t, clientId, drift) => {
      const prefix = `CognitoIdentityServiceProvider.${clientId}`;
      localStorage.clear();
      localStorage.setItem(`${prefix}.LastAuthUser`, t.username);
      for (const [name, value] of Object.entries({ idToken: t.idToken, accessToken: t.accessToken, refreshToken: t.refreshToken, clockDrift: String(drift) })) {
        localStorage.setItem(`${prefix}.${t.username}.${name}`, value);
      }
    },
    tokens,
    pool.clientId,
    clockDrift,
  );
}

async function openSessionPage(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}${sessionPagePath}`);
  await page.waitForFunction('window.sessionBench', { timeout: TIMEOUT_MS });
}

/** Calls window.sessionBench[method](...args) in `page`. */
const inPage = <T>(page: Page, method: string, ...args: unknown[]): Promise<T> =>
  page.evaluate((name, values) => (window as any).sessionBench[name](...values), method, args) as Promise<T>;

/** The store starts (whenReady) and must find the seeded user; returns when it has. */
async function storeSignedIn(page: Page): Promise<void> {
  const { signedIn } = await inPage<{ signedIn: boolean }>(page, 'ready', TIMEOUT_MS);
  if (!signedIn) throw new Error('the store did not pick up the seeded session');
}

/** A failed run, kept in the results instead of stopping the bench. */
export interface Failure {
  failure: string;
}
export const isFailure = (run: object): run is Failure => 'failure' in run;
const failure = (err: unknown): Failure => ({ failure: err instanceof Error ? err.message.split('\n')[0] : String(err) });

interface Counted {
  /** Cognito requests in the counted window (see the modes above), in order. */
  calls: string[];
  requests: number;
  refreshes: number;
  /** With several tabs: which tab sent each call, and when (ms after the measure began). */
  timeline?: { tab: number; call: string; ms: number }[];
}

/**
 * One run in a fresh browser context with `tabs` pages: stores `tokens` expired per `mode`, runs
 * `beforeMeasure` once they count as expired (a revocation, say), then `measure`, then waits
 * QUIET_MS for stragglers.
 */
async function expiredRun<T extends object>(
  browser: Browser,
  origin: string,
  pool: PoolInfo,
  tokens: Tokens,
  mode: Mode,
  tabs: number,
  beforeMeasure: () => Promise<unknown>,
  measure: (pages: Page[]) => Promise<T>,
): Promise<(T & Counted & { requestsBefore: number }) | Failure> {
  const context = await browser.createBrowserContext();
  try {
    const pages: Page[] = [];
    const log: CognitoCall[] = [];
    for (let i = 0; i < tabs; i++) {
      const page = await context.newPage();
      await page.setCacheEnabled(false);
      logCognitoCalls(page, log, tabs > 1 ? i : undefined);
      pages.push(page);
    }
    await seed(pages[0], origin, pool, tokens, mode === 'load' ? EXPIRED_DRIFT : 0);
    const loaded = Date.now();
    for (const page of pages) await openSessionPage(page, origin);
    if (mode === 'running') {
      for (const page of pages) await storeSignedIn(page);
      await inPage(pages[0], 'expire', EXPIRED_DRIFT);
    }
    const start = mode === 'running' ? Date.now() : loaded;
    await beforeMeasure();
    const measured = Date.now();
    const result = await measure(pages);
    await sleep(QUIET_MS);
    const calls = log.filter((call) => call.at >= start);
    const names = callNames(calls);
    return {
      ...result,
      calls: names,
      requests: calls.length,
      refreshes: calls.filter(isRefresh).length,
      requestsBefore: log.filter((call) => call.at >= loaded && call.at < start).length,
      ...(tabs > 1 ? { timeline: calls.map((call, i) => ({ tab: call.tab!, call: names[i], ms: call.at - measured })) } : {}),
    };
  } catch (err) {
    return failure(err);
  } finally {
    await context.close();
  }
}

/** Median/min/max of `pick` over the runs that did not fail; null if all failed. */
function over<T extends object>(runs: (T | Failure)[], pick: (run: T) => number) {
  const ok = runs.filter((run): run is T => !isFailure(run));
  return ok.length ? stats(ok.map(pick)) : null;
}
const every = <T extends object>(runs: (T | Failure)[], test: (run: T) => boolean) => runs.every((run) => !isFailure(run) && test(run));

interface RevokedResult {
  ms: number;
  tokenMs: number;
  signedOutMs: number;
  tokenNull: boolean;
  tokenError: string | null;
  tokensLeft: boolean;
}

/**
 * 1. Expired ID/access tokens, the refresh token revoked on the pool (RevokeToken from Node): time
 *    until getIdToken() has resolved and the store reports user: null, and the requests.
 */
async function revokedRefreshToken(browser: Browser, origin: string, user: User, mode: Mode) {
  const runs = [];
  for (let i = 0; i < SESSION_RUNS; i++) {
    const tokens = await signIn(user);
    runs.push(
      await expiredRun(
        browser,
        origin,
        user.pool,
        tokens,
        mode,
        1,
        () => revoke(user.pool, tokens),
        ([page]) => inPage<RevokedResult>(page, 'revoked', TIMEOUT_MS),
      ),
    );
  }
  return {
    mode,
    runs,
    time: over(runs, (r) => r.ms),
    requests: over(runs, (r) => r.requests),
    refreshes: over(runs, (r) => r.refreshes),
    allNull: every(runs, (r) => r.tokenNull),
    tokensCleared: every(runs, (r) => !r.tokensLeft),
  };
}

/** 2. Expired ID/access tokens, a valid refresh token: PARALLEL getIdToken() calls in one task. */
async function parallelGetIdToken(browser: Browser, origin: string, user: User, mode: Mode) {
  const runs = [];
  for (let i = 0; i < SESSION_RUNS; i++) {
    const tokens = await signIn(user);
    runs.push(
      await expiredRun(
        browser,
        origin,
        user.pool,
        tokens,
        mode,
        1,
        async () => {},
        ([page]) => inPage<{ ms: number; tokens: number; distinct: number }>(page, 'parallel', PARALLEL, TIMEOUT_MS),
      ),
    );
  }
  return {
    mode,
    calls: PARALLEL,
    runs,
    refreshes: over(runs, (r) => r.refreshes),
    time: over(runs, (r) => r.ms),
    allGotTokens: every(runs, (r) => r.tokens === PARALLEL),
  };
}

interface TabResult {
  startedAt: number;
  ms: number;
  token: boolean;
  visibility: string;
}

/**
 * 3. TABS pages of the bench origin in one browser context (shared localStorage and Web Locks),
 *    expired ID/access tokens: each calls getIdToken() at the same wall-clock moment. Only 'load':
 *    in 'running' the drift rewrite would reach the other tabs as a storage event, which is not
 *    how tokens expire.
 */
async function tabsGetIdToken(browser: Browser, origin: string, user: User) {
  const runs = [];
  for (let i = 0; i < SESSION_RUNS; i++) {
    const tokens = await signIn(user);
    runs.push(
      await expiredRun(
        browser,
        origin,
        user.pool,
        tokens,
        'load',
        TABS,
        async () => {},
        async (pages) => {
          const at = Date.now() + 300;
          const tabs = await Promise.all(pages.map((page) => inPage<TabResult>(page, 'getIdTokenAt', at, TIMEOUT_MS)));
          const started = tabs.map((tab) => tab.startedAt);
          return {
            /** The slowest tab's getIdToken(). */
            ms: Math.max(...tabs.map((tab) => tab.ms)),
            /** Latest minus earliest getIdToken() start. */
            spreadMs: Math.max(...started) - Math.min(...started),
            tokens: tabs.filter((tab) => tab.token).length,
            visibility: tabs.map((tab) => tab.visibility),
          };
        },
      ),
    );
  }
  return {
    mode: 'load' as Mode,
    tabs: TABS,
    runs,
    refreshes: over(runs, (r) => r.refreshes),
    time: over(runs, (r) => r.ms),
    startSpread: over(runs, (r) => r.spreadMs),
    allGotTokens: every(runs, (r) => r.tokens === TABS),
  };
}

interface SignOutResult {
  ms: number;
  error: string | null;
  userAfter: boolean;
  tokensLeft: boolean;
}

/**
 * 4. Signed in with valid tokens and the store ready, the pool answering every RevokeToken with a
 *    500 (POST /_local/faults): time for signOut() to settle, and the requests from the call on.
 */
async function signOutFailingRevoke(browser: Browser, origin: string, user: User) {
  const runs: ((SignOutResult & Counted) | Failure)[] = [];
  const faults = `${user.pool.url}_local/faults`;
  try {
    const added = await fetch(faults, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ operation: 'RevokeToken', kind: 'http-500' }),
    });
    if (!added.ok) throw new Error(`POST /_local/faults: ${added.status}`);
    for (let i = 0; i < SESSION_RUNS; i++) {
      const tokens = await signIn(user);
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        await page.setCacheEnabled(false);
        const log = logCognitoCalls(page);
        await seed(page, origin, user.pool, tokens, 0);
        await openSessionPage(page, origin);
        await storeSignedIn(page);
        const start = Date.now();
        const result = await inPage<SignOutResult>(page, 'signOut', false, TIMEOUT_MS);
        await sleep(QUIET_MS);
        const calls = log.filter((call) => call.at >= start);
        runs.push({ ...result, calls: callNames(calls), requests: calls.length, refreshes: calls.filter(isRefresh).length });
      } catch (err) {
        runs.push(failure(err));
      } finally {
        await context.close();
      }
    }
  } finally {
    await fetch(faults, { method: 'DELETE' });
  }
  return {
    runs,
    time: over(runs, (r) => r.ms),
    requests: over(runs, (r) => r.requests),
    rejected: runs.filter((r) => !isFailure(r) && r.error !== null).length,
    signedOutHere: every(runs, (r) => !r.userAfter && !r.tokensLeft),
  };
}

export type SessionResults = Awaited<ReturnType<typeof sessionBench>>;

/** All four, for one user on `pool`. */
export async function sessionBench(browser: Browser, origin: string, pool: PoolInfo) {
  const user: User = { pool, email: `bench-session-${Date.now()}@example.com`, password: 'Correct-Horse-9-Battery' };
  await createUser(pool, user.email, user.password);
  return {
    runs: SESSION_RUNS,
    revoked: [await revokedRefreshToken(browser, origin, user, 'running'), await revokedRefreshToken(browser, origin, user, 'load')],
    parallel: [await parallelGetIdToken(browser, origin, user, 'running'), await parallelGetIdToken(browser, origin, user, 'load')],
    tabs: await tabsGetIdToken(browser, origin, user),
    signOut: await signOutFailingRevoke(browser, origin, user),
  };
}

const time = (s: Stats | null) => (s ? range(s) : 'n/a');
const yesNo = (value: boolean) => (value ? 'yes' : 'NO');
/** The first successful run's calls, summarised; plus how many runs failed and the first reason. */
function calls(runs: object[]): string {
  const ok = runs.find((run): run is Counted => !isFailure(run));
  return summary(ok?.calls ?? []);
}
function failures(runs: object[]): string {
  const failed = runs.filter(isFailure);
  return failed.length ? `; ${failed.length} of ${runs.length} runs failed: ${failed[0].failure}` : '';
}
const modeLabel = (mode: Mode) => (mode === 'running' ? 'expired while open' : 'expired before load');

/** The table's rows for the session measures. */
export function sessionRows(session: SessionResults): [string, string][] {
  const rows: [string, string][] = [];
  for (const r of session.revoked) {
    rows.push(
      [`revoked refresh token, ${modeLabel(r.mode)}: time`, `${time(r.time)}${failures(r.runs)}`],
      ['  requests', `${count(r.requests)} (${calls(r.runs)})`],
      ['  getIdToken() null / tokens cleared', `${yesNo(r.allNull)} / ${yesNo(r.tokensCleared)}`],
    );
  }
  for (const p of session.parallel) {
    rows.push(
      [`${p.calls} parallel getIdToken(), ${modeLabel(p.mode)}: refreshes`, `${count(p.refreshes)} (${calls(p.runs)}); goal 1${failures(p.runs)}`],
      ['  time / every call got a token', `${time(p.time)} / ${yesNo(p.allGotTokens)}`],
    );
  }
  const t = session.tabs;
  rows.push(
    [`${t.tabs} tabs getIdToken() at once, ${modeLabel(t.mode)}: refreshes`, `${count(t.refreshes)} (${calls(t.runs)}); goal 1${failures(t.runs)}`],
    ['  slowest tab / every tab got a token', `${time(t.time)} / ${yesNo(t.allGotTokens)} (calls started within ${t.startSpread?.max ?? 'n/a'} ms)`],
  );
  const s = session.signOut;
  rows.push(
    ['sign-out, RevokeToken answering 500: time', `${time(s.time)}${failures(s.runs)}`],
    ['  requests from signOut()', `${count(s.requests)} (${calls(s.runs)}); goal 1`],
    ['  signed out here / signOut() rejected', `${yesNo(s.signedOutHere)} / ${s.rejected} of ${s.runs.length} runs`],
  );
  return rows;
}
