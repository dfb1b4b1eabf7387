// `npm run bench`: size, render time, sign-in CPU (the SDK's maths against ours, same run),
// end-to-end sign-in and requests per flow, in headless Chromium against the local pool.
// Prints a table and writes .tmp/bench/latest.json. Timings are reported, never asserted.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as commonjsModule from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { rollup } from 'rollup';
import { startLocalPool } from '../../local-pool/index.js';

// The plugin's types read as CommonJS under NodeNext; at runtime the ES default is the function.
const commonjs = (commonjsModule as unknown as { default: () => import('rollup').Plugin }).default;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const dropIn = join(root, 'dist/cognito-auth-elements.js');
const outDir = join(root, '.tmp/bench');
const tags = ['auth-register', 'auth-verify', 'auth-signin'];

/** The §4.6 challenge of cognito-protocol.md: the same inputs for the SDK's maths and ours. */
const challenge = {
  poolName: 'Ab12Cd34E',
  userId: '7d8ca528-4931-4254-9273-ea5ee853f271',
  password: 'Passw0rd!',
  salt: 'a3f1c2d4e5b60718293a4b5c6d7e8f90',
  secretBlock: 'ZGV2LXNlY3JldC1ibG9jazpzZXNzaW9uLTAwMDE=',
  srpB:
    '2df7c59b2b24f1815229d80b98a877c1893d2e69f0997b1e30ac6e540417ec919adfecf82570bc95effdad28b0b4f06e4ce870eafe15dff2660c785622817f17' +
    'c12175cc95fcce47773b11ed0457f7cffb0103c13447c9de58d43668956a7e9d67918fa08cdb8d70293168959f789a5fb285fcf689d283bf866caa1c4dea4694' +
    '1c7ac4e64a144b78be41fa03e8c55c19109ec5963866f7d501260105a87271b9f9231c0faf058f6db890b35a3e5a6e8811f28acce295562634d30309ae0c8ffa' +
    '612c85d02eed038c8149291a3b200b72faa42673cf88f991531cb14c54d2a021fbe5d0b2f25444f2bbd099b5ad2840cf7787c115fb5f9ca049b04c41a3288b52' +
    'ac103ee51d4dd297a577507b1a922e4634c2568483e6dd60941426f10d4942e00b9f93c25c2d5b7b1547f511c65e9b6d989904a2fca58494d71b12313a2c7380' +
    'd62f4d274a33a946170d394282a528798ae774ce8b892225949fe9f7404d06495517107064b2adecd0720c80156635b5e9880302ca1ebb79c0aa354ca86beeb6',
};

interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
}
interface PoolInfo {
  url: string;
  poolId: string;
  clientId: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const stats = (values: number[]): Stats => ({ median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length });
const ms = (value: number) => `${value.toFixed(1)} ms`;
const range = (s: Stats) => `${ms(s.median)} (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}, n=${s.runs})`;

function sizes() {
  const source = readFileSync(dropIn);
  return {
    raw: source.length,
    gzip9: gzipSync(source, { level: 9 }).length,
    brotli: brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * The bench page twice: with the SDK as published, and with the SDK as dist/ bundles it (through
 * sdkSlim, so its AuthenticationHelper is our native stand-in). Our SRP comes from lib/.
 */
async function bundleBenchPages(): Promise<void> {
  if (!existsSync(join(root, 'lib/cognito/srp/native-srp-sign-in.js'))) throw new Error('lib/ is missing: run npm run build');
  const { sdkSlim } = (await import(join(root, 'src/cognito/srp/shims/rollup-plugin.mjs'))) as { sdkSlim: () => import('rollup').Plugin };
  for (const [file, slim] of [['bench-page.bundle.js', false], ['bench-page.slim.bundle.js', true]] as const) {
    const bundle = await rollup({
      input: join(root, 'test/bench/bench-page.js'),
      plugins: [...(slim ? [sdkSlim()] : []), nodeResolve({ browser: true, preferBuiltins: false }), commonjs()],
      onwarn: () => {},
    });
    await bundle.write({ file: join(outDir, file), format: 'es' });
    await bundle.close();
  }
}

function pageHtml(pool: PoolInfo, body: string, head = ''): string {
  const [region] = pool.poolId.split('_');
  return `<!doctype html><html><head><meta charset="utf-8">
<script>window._config = { cognito: ${JSON.stringify({ region, userPoolId: pool.poolId, userPoolClientId: pool.clientId, endpoint: pool.url })} };</script>
${head}</head><body>${body}</body></html>`;
}

const types: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** Serves the repository, plus the generated bench pages under /__bench/. */
function serve(pages: Record<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const page = pages[path];
    const file = normalize(join(root, path));
    if (page === undefined && (!file.startsWith(root) || !existsSync(file))) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': page !== undefined ? 'text/html' : types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    response.end(page ?? readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

async function poolCall(pool: PoolInfo, operation: string, body: object): Promise<any> {
  const response = await fetch(pool.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`${operation}: ${JSON.stringify(data)}`);
  return data;
}

async function latestCode(pool: PoolInfo, email: string): Promise<string> {
  const messages = (await (await fetch(`${pool.url}_local/messages?to=${encodeURIComponent(email)}`)).json()) as { code: string; sentAt: string }[];
  const latest = messages.sort((a, b) => a.sentAt.localeCompare(b.sentAt)).at(-1);
  if (!latest) throw new Error(`no code for ${email}`);
  return latest.code;
}

async function createUser(pool: PoolInfo, email: string, password: string): Promise<void> {
  await poolCall(pool, 'SignUp', { ClientId: pool.clientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] });
  await poolCall(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: email, ConfirmationCode: await latestCode(pool, email) });
}

async function coldPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setCacheEnabled(false);
  return { page, close: () => context.close() };
}

/** Script request start → all three elements have rendered their form, over cold loads. */
async function renderTimes(browser: Browser, origin: string): Promise<Stats> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { page, close } = await coldPage(browser);
    await page.goto(`${origin}/__bench/render.html`);
    times.push(
      await page.evaluate(async (scriptUrl) => {
        const rendered = await (window as unknown as { __rendered: Promise<number> }).__rendered;
        const entry = performance.getEntriesByName(scriptUrl)[0] as PerformanceResourceTiming;
        return rendered - entry.startTime;
      }, `${origin}/dist/cognito-auth-elements.js`),
    );
    await close();
  }
  return stats(times);
}

const renderHead = (tagsList: string[]) => `<script>
window.__rendered = new Promise((resolve) => {
  const done = () => ${JSON.stringify(tagsList)}.every((tag) => document.querySelector(tag + ' form'));
  new MutationObserver((_, observer) => { if (done()) { observer.disconnect(); resolve(performance.now()); } })
    .observe(document, { subtree: true, childList: true });
});
</script><script type="module" src="/dist/cognito-auth-elements.js"></script>`;

/** Click on "Sign in" → auth-signed-in, through <auth-signin> in the drop-in file. */
async function elementSignInTimes(browser: Browser, origin: string, email: string, password: string): Promise<Stats> {
  const page = await browser.newPage();
  const times: number[] = [];
  for (let i = -1; i < RUNS; i++) {
    await page.goto(`${origin}/__bench/signin.html`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${origin}/__bench/signin.html`);
    await page.evaluate(() => (window as unknown as { __rendered: Promise<number> }).__rendered);
    const time = await page.evaluate(async (user, secret) => {
      const element = document.querySelector('auth-signin')!;
      for (const [name, value] of [['username', user], ['password', secret]] as const) {
        const input = element.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      // Let the element prepare what it prepares ahead (idle time) before the click.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const signedIn = new Promise<void>((resolve, reject) => {
        document.addEventListener('auth-signed-in', () => resolve(), { once: true });
        document.addEventListener('auth-error', (e) => reject(new Error(JSON.stringify((e as CustomEvent).detail))), { once: true });
      });
      const start = performance.now();
      element.querySelector<HTMLElement>('[part~="submit"]')!.click();
      await signedIn;
      return performance.now() - start;
    }, email, password);
    if (i >= 0) times.push(time);
  }
  await page.close();
  return stats(times);
}

/** Runs register → verify → sign in → refresh through the elements and counts Cognito calls. */
async function requestsPerFlow(browser: Browser, origin: string, pool: PoolInfo) {
  const { page, close } = await coldPage(browser);
  const calls: string[] = [];
  page.on('request', (request) => {
    const target = request.headers()['x-amz-target'];
    if (request.method() === 'POST' && target) calls.push(target.split('.').pop()!);
  });
  await page.goto(`${origin}/__bench/flow.html`);
  await page.evaluate(() => (window as unknown as { __rendered: Promise<number> }).__rendered);
  const email = `bench-flow-${Date.now()}@example.com`;
  const password = 'Correct-Horse-9-Battery';
  const counts: Record<string, string[]> = {};
  const step = async (name: string, event: string, act: () => Promise<void>) => {
    const start = calls.length;
    const fired = page.evaluate((type) => new Promise<void>((resolve, reject) => {
      document.addEventListener(type, () => resolve(), { once: true });
      document.addEventListener('auth-error', (e) => reject(new Error(JSON.stringify((e as CustomEvent).detail))), { once: true });
    }), event);
    await act();
    await fired;
    await new Promise((resolve) => setTimeout(resolve, 300)); // let any follow-up call show up
    counts[name] = calls.slice(start);
  };
  const fill = async (selector: string, value: string) => {
    await page.$eval(selector, (input, text) => {
      (input as HTMLInputElement).value = text as string;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
  };
  await step('register', 'auth-registered', async () => {
    await fill('auth-register input[name="email"]', email);
    await fill('auth-register input[name="password"]', password);
    if (await page.$('auth-register input[name="confirm"]')) await fill('auth-register input[name="confirm"]', password);
    await page.click('auth-register [part~="submit"]');
  });
  await step('verify', 'auth-verified', async () => {
    await fill('auth-verify input[name="email"]', email);
    await fill('auth-verify input[name="code"]', await latestCode(pool, email));
    await page.click('auth-verify [part~="submit"]');
  });
  await step('sign in', 'auth-signed-in', async () => {
    await fill('auth-signin input[name="username"]', email);
    await fill('auth-signin input[name="password"]', password);
    await page.click('auth-signin [part~="submit"]');
  });
  // Refresh: make the stored tokens look expired to the SDK (clock drift), then ask for a token.
  const start = calls.length;
  const refreshed = await page.evaluate(async (clientId) => {
    const prefix = `CognitoIdentityServiceProvider.${clientId}`;
    const user = localStorage.getItem(`${prefix}.LastAuthUser`);
    localStorage.setItem(`${prefix}.${user}.clockDrift`, String(-2 * 24 * 3600));
    const elements = (await import('/dist/cognito-auth-elements.js' as string)) as { getIdToken(): Promise<string | null> };
    return Boolean(await elements.getIdToken());
  }, pool.clientId);
  await new Promise((resolve) => setTimeout(resolve, 300));
  counts.refresh = calls.slice(start);
  await close();
  if (!refreshed) throw new Error('refresh returned no token');
  return counts;
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(dropIn)) throw new Error(`${dropIn} is missing: run npm run build`);
  await bundleBenchPages();
  const pool = await startLocalPool({ quiet: true });
  const pages = {
    '/__bench/render.html': pageHtml(pool, tags.map((tag) => `<${tag}></${tag}>`).join(''), renderHead(tags)),
    '/__bench/flow.html': pageHtml(pool, tags.map((tag) => `<${tag}></${tag}>`).join(''), renderHead(tags)),
    '/__bench/signin.html': pageHtml(pool, '<auth-signin></auth-signin>', renderHead(['auth-signin'])),
    '/__bench/cpu.html': pageHtml(pool, '', '<script type="module" src="/.tmp/bench/bench-page.bundle.js"></script>'),
    '/__bench/cpu-slim.html': pageHtml(pool, '', '<script type="module" src="/.tmp/bench/bench-page.slim.bundle.js"></script>'),
  };
  const { server, origin } = await serve(pages);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      chromium: await browser.version(),
      date: new Date().toISOString(),
    };
    const size = sizes();
    const elementsPresent = tags.every((tag) => readFileSync(dropIn, 'utf8').includes(`"${tag}"`));

    const cpuPage = await browser.newPage();
    await cpuPage.goto(`${origin}/__bench/cpu.html`);
    await cpuPage.waitForFunction('window.bench');
    const signInCpu = await cpuPage.evaluate((c, runs) => (window as any).bench.signInCpu(c, runs), challenge, RUNS);
    const modPow = await cpuPage.evaluate((runs) => (window as any).bench.modPow(runs), RUNS);
    const slimPage = await browser.newPage();
    await slimPage.goto(`${origin}/__bench/cpu-slim.html`);
    await slimPage.waitForFunction('window.bench');
    const sdkAsBundled: Stats = (await slimPage.evaluate((c, runs) => (window as any).bench.signInCpu(c, runs), challenge, RUNS)).sdk;
    await slimPage.close();

    const email = `bench-${Date.now()}@example.com`;
    const password = 'Correct-Horse-9-Battery';
    await createUser(pool, email, password);
    const endToEnd: Record<string, Stats> = {};
    const e2eTimes: Record<string, number[]> = { sdk: [], native: [], 'native-prepared': [] };
    for (let i = -1; i < RUNS; i++) {
      for (const kind of Object.keys(e2eTimes)) {
        const time = await cpuPage.evaluate((k, p, e, pw) => (window as any).bench.signIn(k, p, e, pw), kind, pool, email, password);
        if (i >= 0) e2eTimes[kind]!.push(time);
      }
    }
    for (const [kind, times] of Object.entries(e2eTimes)) endToEnd[kind] = stats(times);
    await cpuPage.close();

    const render = elementsPresent ? await renderTimes(browser, origin) : null;
    const requests = elementsPresent ? await requestsPerFlow(browser, origin, pool) : null;
    if (elementsPresent) endToEnd.element = await elementSignInTimes(browser, origin, email, password);

    const ratio = signInCpu.sdk.median / signInCpu.ours.median;
    const results = { machine, runs: RUNS, size, render, signInCpu: { ...signInCpu, ratio, sdkAsBundled }, modPow, endToEnd, requests };
    const file = join(outDir, 'latest.json');
    writeFileSync(file, JSON.stringify(results, null, 2) + '\n');

    const rows: [string, string][] = [
      ['machine', `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; ${machine.chromium}`],
      ['drop-in size', `${size.raw} B raw, ${size.gzip9} B gzip -9, ${size.brotli} B brotli`],
      ['script start → 3 elements rendered', render ? `${range(render)} (cold loads, cache off)` : 'skipped: elements not in dist/'],
      ['sign-in CPU, SDK (A + key + signature)', range(signInCpu.sdk)],
      ['sign-in CPU, ours (A + key + signature)', range(signInCpu.ours)],
      ['  ratio SDK / ours (medians)', `${ratio.toFixed(1)}×`],
      ['  ours: A ahead of time (idle)', range(signInCpu.prepareEphemeral)],
      ['  ours: at submit (S, key, signature)', range(signInCpu.oursAtSubmit)],
      ['sign-in CPU, SDK code as dist/ bundles it', `${range(sdkAsBundled)} (its AuthenticationHelper swapped for ours)`],
      ['modexp 3072/512-bit: square-and-multiply', range(modPow[512].squareAndMultiply)],
      ['modexp 3072/512-bit: sliding window (5)', range(modPow[512].slidingWindow)],
      ['modexp 3072/1024-bit: square-and-multiply', range(modPow[1024].squareAndMultiply)],
      ['modexp 3072/1024-bit: sliding window (5)', range(modPow[1024].slidingWindow)],
      ['end-to-end sign-in, SDK authenticateUser', range(endToEnd.sdk!)],
      ['end-to-end sign-in, nativeSrpSignIn', range(endToEnd.native!)],
      ['end-to-end sign-in, native, A prepared', range(endToEnd['native-prepared']!)],
      ['end-to-end sign-in, <auth-signin> (dist)', endToEnd.element ? range(endToEnd.element) : 'skipped: elements not in dist/'],
    ];
    if (requests) {
      for (const [flow, calls] of Object.entries(requests)) rows.push([`requests: ${flow}`, `${calls.length} (${calls.join(', ')})`]);
    } else {
      rows.push(['requests per flow', 'skipped: elements not in dist/']);
    }
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'));
    console.log(`\nWrote ${file}`);
  } finally {
    await browser.close();
    server.close();
    await pool.close();
  }
}

await main();
