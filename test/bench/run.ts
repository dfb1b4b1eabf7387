// `npm run bench`: size, first render against a Lit + SDK floor, sign-in CPU (the SDK's maths
// against ours, same run), end-to-end sign-in, requests per flow, and session behaviour (revoked
// refresh token, parallel and cross-tab refreshes, sign-out with RevokeToken failing), in headless
// Chromium against local pools. Prints a table and writes .tmp/bench/latest.json. Timings are
// reported, never asserted. Everything goes through dist/'s public API or lib/'s SRP modules, so
// the bench runs whatever Cognito client is inside.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as commonjsModule from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import puppeteer, { type Browser } from 'puppeteer-core';
import { rollup } from 'rollup';
import { build as esbuild } from 'esbuild';
import { startLocalPool } from '../../local-pool/index.js';
import {
  callNames,
  coldPage,
  createUser,
  dropIn,
  dropInUrl,
  latestCode,
  logCognitoCalls,
  outDir,
  pageHtml,
  range,
  root,
  RUNS,
  serve,
  stats,
  summary,
  type PoolInfo,
  type Stats,
} from './common.js';
import { bundleFloorPage, floorTags, floorUrl, ourTags, renderComparison, renderPage } from './render.js';
import { sessionBench, sessionPages, sessionRows } from './session.js';

// The plugin's types read as CommonJS under NodeNext; at runtime the ES default is the function.
const commonjs = (commonjsModule as unknown as { default: () => import('rollup').Plugin }).default;

/** A fixed PASSWORD_VERIFIER challenge (pool name, user, salt, B, secret block): the same inputs for the SDK's maths and ours. */
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

function sizes() {
  const source = readFileSync(dropIn);
  // The parts the drop-in file loads on demand from beside itself (the QR encoder).
  const parts = readdirSync(dirname(dropIn)).filter((name) => /^cognito-auth-elements-.+\.js$/.test(name));
  return {
    raw: source.length,
    gzip9: gzipSync(source, { level: 9 }).length,
    brotli: brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    onDemand: parts
      .map(
        (name) =>
          `${name.replace(/-[\w-]{8}\.js$/, '').replace('cognito-auth-elements-', '')} ${gzipSync(readFileSync(join(dirname(dropIn), name)), { level: 9 }).length} B`,
      )
      .join(', '),
  };
}

/**
 * What a bundler user ships for two elements: <auth-signin> and <auth-user> plus the API entry,
 * from lib/ (what the package's entry points name), bundled and minified by esbuild into one file.
 */
async function twoElementApp(): Promise<number> {
  const result = await esbuild({
    stdin: {
      contents: "import './elements/auth-signin.js'; import './elements/auth-user.js'; export { configure } from './api.js';",
      resolveDir: join(root, 'lib'),
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

/** The CPU bench page: the SDK as published, and our SRP from lib/. */
async function bundleBenchPage(): Promise<void> {
  if (!existsSync(join(root, 'lib/cognito/srp/srp-client.js'))) throw new Error('lib/ is missing: run npm run build');
  const bundle = await rollup({
    input: join(root, 'test/bench/bench-page.js'),
    plugins: [nodeResolve({ browser: true, preferBuiltins: false }), commonjs()],
    onwarn: () => {},
  });
  await bundle.write({ file: join(outDir, 'bench-page.bundle.js'), format: 'es' });
  await bundle.close();
}

/** Loads the drop-in file; window.__rendered resolves once each of `tagsList` has its form. */
const signinHead = (tagsList: string[]) => `<script>
window.__rendered = new Promise((resolve) => {
  const done = () => ${JSON.stringify(tagsList)}.every((tag) => document.querySelector(tag + ' form'));
  new MutationObserver((_, observer) => { if (done()) { observer.disconnect(); resolve(performance.now()); } })
    .observe(document, { subtree: true, childList: true });
});
</script><script type="module" src="${dropInUrl}"></script>`;

/** Click on "Sign in" → auth-signed-in, through <auth-signin> in the drop-in file. */
async function elementSignInTimes(browser: Browser, origin: string, email: string, password: string): Promise<Stats> {
  const page = await browser.newPage();
  const times: number[] = [];
  for (let i = -1; i < RUNS; i++) {
    await page.goto(`${origin}/__bench/signin.html`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${origin}/__bench/signin.html`);
    await page.evaluate(() => (window as unknown as { __rendered: Promise<number> }).__rendered);
    const time = await page.evaluate(
      async (user, secret) => {
        const element = document.querySelector('auth-signin')!;
        for (const [name, value] of [
          ['username', user],
          ['password', secret],
        ] as const) {
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
      },
      email,
      password,
    );
    if (i >= 0) times.push(time);
  }
  await page.close();
  return stats(times);
}

/** Runs register → verify → sign in → refresh through the elements and counts Cognito calls. */
async function requestsPerFlow(browser: Browser, origin: string, pool: PoolInfo) {
  const { page, close } = await coldPage(browser);
  const calls = logCognitoCalls(page);
  await page.goto(`${origin}/__bench/flow.html`);
  await page.evaluate(() => (window as unknown as { __rendered: Promise<number> }).__rendered);
  const email = `bench-flow-${Date.now()}@example.com`;
  const password = 'Correct-Horse-9-Battery';
  const counts: Record<string, string[]> = {};
  const step = async (name: string, event: string, act: () => Promise<void>) => {
    const start = calls.length;
    const fired = page.evaluate(
      (type) =>
        new Promise<void>((resolve, reject) => {
          document.addEventListener(type, () => resolve(), { once: true });
          document.addEventListener('auth-error', (e) => reject(new Error(JSON.stringify((e as CustomEvent).detail))), { once: true });
        }),
      event,
    );
    await act();
    await fired;
    await new Promise((resolve) => setTimeout(resolve, 300)); // let any follow-up call show up
    counts[name] = callNames(calls.slice(start));
  };
  const fill = async (selector: string, value: string) => {
    await page.$eval(
      selector,
      (input, text) => {
        (input as HTMLInputElement).value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
      value,
    );
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
  // Refresh: make the stored tokens look expired (clock drift, as the SDK counts it), then ask
  // the store for a token.
  const start = calls.length;
  const refreshed = await page.evaluate(
    async (clientId, url) => {
      const prefix = `CognitoIdentityServiceProvider.${clientId}`;
      const user = localStorage.getItem(`${prefix}.LastAuthUser`);
      localStorage.setItem(`${prefix}.${user}.clockDrift`, String(-2 * 24 * 3600));
      const { sessionStore } = (await import(url)) as { sessionStore: { getIdToken(): Promise<string | null> } };
      return Boolean(await sessionStore.getIdToken());
    },
    pool.clientId,
    dropInUrl,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  counts.refresh = callNames(calls.slice(start));
  await close();
  if (!refreshed) throw new Error('refresh returned no token');
  return counts;
}

type Failed = { error: string };
const failed = (value: unknown): value is Failed => typeof value === 'object' && value !== null && 'error' in value && Object.keys(value).length === 1;
const failures: string[] = [];

/** Runs one measure; a failure is recorded (in the table, the JSON and the exit code) instead of ending the bench. */
async function attempt<T>(name: string, measure: () => Promise<T>): Promise<T | Failed> {
  try {
    return await measure();
  } catch (err) {
    const error = err instanceof Error ? err.message.split('\n')[0] : String(err);
    failures.push(`${name}: ${error}`);
    return { error };
  }
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(dropIn)) throw new Error(`${dropIn} is missing: run npm run build`);
  const [benchPage, floorSize] = await Promise.all([attempt('CPU bench page', bundleBenchPage), attempt('floor page', bundleFloorPage)]);
  const pool = await startLocalPool({ quiet: true });
  // Revocations and injected faults stay on a pool of their own.
  const sessionPool = await startLocalPool({ quiet: true });
  const elementsBody = ourTags.map((tag) => `<${tag}></${tag}>`).join('');
  const pages = {
    '/__bench/render.html': renderPage(pool, ourTags, dropInUrl),
    '/__bench/floor.html': renderPage(pool, floorTags, floorUrl),
    '/__bench/flow.html': pageHtml(pool, elementsBody, signinHead(ourTags)),
    '/__bench/signin.html': pageHtml(pool, '<auth-signin></auth-signin>', signinHead(['auth-signin'])),
    '/__bench/cpu.html': pageHtml(pool, '', '<script type="module" src="/.tmp/bench/bench-page.bundle.js"></script>'),
    ...sessionPages(sessionPool),
  };
  const { server, origin } = await serve(pages);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
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
    const twoElements = await twoElementApp();
    const elementsPresent = ourTags.every((tag) => readFileSync(dropIn, 'utf8').includes(`"${tag}"`));
    const email = `bench-${Date.now()}@example.com`;
    const password = 'Correct-Horse-9-Battery';
    await createUser(pool, email, password);

    const cpu = failed(benchPage) ? benchPage : await attempt('sign-in CPU', () => cpuMeasures(browser, origin, pool, email, password));
    const render = !elementsPresent
      ? { error: 'elements not in dist/' }
      : failed(floorSize)
        ? floorSize
        : await attempt('first render', async () => ({
            ...(await renderComparison(browser, origin, { ours: '/__bench/render.html', floor: '/__bench/floor.html' })),
            floorSize,
          }));
    const requests = elementsPresent ? await attempt('requests per flow', () => requestsPerFlow(browser, origin, pool)) : { error: 'elements not in dist/' };
    const elementSignIn = elementsPresent
      ? await attempt('<auth-signin> sign-in', () => elementSignInTimes(browser, origin, email, password))
      : { error: 'elements not in dist/' };
    const session = await attempt('session', () => sessionBench(browser, origin, sessionPool));

    const results = { machine, runs: RUNS, size, twoElements, render, cpu, elementSignIn, requests, session, failures };
    const file = join(outDir, 'latest.json');
    writeFileSync(file, JSON.stringify(results, null, 2) + '\n');

    const rows: [string, string][] = [
      ['machine', `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; ${machine.chromium}`],
      ['drop-in size', `${size.raw} B raw, ${size.gzip9} B gzip -9, ${size.brotli} B brotli`],
      ['  loaded on demand (gzip -9)', size.onDemand || 'nothing'],
      ['npm: <auth-signin> + <auth-user> with esbuild', `${twoElements} B gzip -9 (one file, lib/ entry points)`],
    ];
    if (failed(render)) rows.push(['first render', `failed: ${render.error}`]);
    else {
      rows.push(
        ['first render, ours: script → 3 forms', `${range(render.ours)} (cold loads, cache off)`],
        ['first render, floor: Lit + SDK, 3 bare forms', `${range(render.floor)} (same; ${render.floorSize.gzip9} B gzip -9)`],
        ['  ratio ours / floor', `${render.ratio.toFixed(2)}× (medians; paired per run ${render.pairedRatio.toFixed(2)}×); goal ≤ 1.10×`],
      );
    }
    if (failed(cpu)) rows.push(['sign-in CPU and end-to-end', `failed: ${cpu.error}`]);
    else {
      const { signInCpu, modPow, endToEnd } = cpu;
      rows.push(
        ['sign-in CPU, SDK (A + key + signature)', range(signInCpu.sdk)],
        ['sign-in CPU, ours (A + key + signature)', range(signInCpu.ours)],
        ['  ratio SDK / ours (medians)', `${signInCpu.ratio.toFixed(1)}×`],
        ['  ours: A ahead of time (idle)', range(signInCpu.prepareEphemeral)],
        ['  ours: at submit (S, key, signature)', range(signInCpu.oursAtSubmit)],
        ['modexp 3072/512-bit: square-and-multiply', range(modPow[512].squareAndMultiply)],
        ['modexp 3072/512-bit: sliding window (5)', range(modPow[512].slidingWindow)],
        ['modexp 3072/1024-bit: square-and-multiply', range(modPow[1024].squareAndMultiply)],
        ['modexp 3072/1024-bit: sliding window (5)', range(modPow[1024].slidingWindow)],
        ['end-to-end sign-in, SDK authenticateUser', range(endToEnd.sdk)],
        ['end-to-end sign-in, our SRP over fetch', range(endToEnd.native)],
        ['end-to-end sign-in, ours, A prepared', range(endToEnd['native-prepared'])],
      );
    }
    rows.push(['end-to-end sign-in, <auth-signin> (dist)', failed(elementSignIn) ? `failed: ${elementSignIn.error}` : range(elementSignIn)]);
    if (failed(requests)) rows.push(['requests per flow', `failed: ${requests.error}`]);
    else for (const [flow, calls] of Object.entries(requests)) rows.push([`requests: ${flow}`, `${calls.length} (${summary(calls)})`]);
    rows.push(...(failed(session) ? [['session measures', `failed: ${session.error}`] as [string, string]] : sessionRows(session)));

    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'));
    console.log(`\nWrote ${file}`);
    if (failures.length) {
      console.error(`\n${failures.length} measure(s) failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    server.close();
    await Promise.all([pool.close(), sessionPool.close()]);
  }
}

/** Sign-in CPU (SDK against ours), modexp, and end-to-end SRP sign-in from the CPU page. */
async function cpuMeasures(browser: Browser, origin: string, pool: PoolInfo, email: string, password: string) {
  const cpuPage = await browser.newPage();
  try {
    await cpuPage.goto(`${origin}/__bench/cpu.html`);
    await cpuPage.waitForFunction('window.bench');
    const signInCpu = await cpuPage.evaluate((c, runs) => (window as any).bench.signInCpu(c, runs), challenge, RUNS);
    const modPow = await cpuPage.evaluate((runs) => (window as any).bench.modPow(runs), RUNS);
    const e2eTimes: Record<string, number[]> = { sdk: [], native: [], 'native-prepared': [] };
    for (let i = -1; i < RUNS; i++) {
      for (const kind of Object.keys(e2eTimes)) {
        const time = await cpuPage.evaluate((k, p, e, pw) => (window as any).bench.signIn(k, p, e, pw), kind, pool, email, password);
        if (i >= 0) e2eTimes[kind].push(time);
      }
    }
    const endToEnd: Record<string, Stats> = {};
    for (const [kind, times] of Object.entries(e2eTimes)) endToEnd[kind] = stats(times);
    return { signInCpu: { ...signInCpu, ratio: signInCpu.sdk.median / signInCpu.ours.median }, modPow, endToEnd };
  } finally {
    await cpuPage.close();
  }
}

await main();
