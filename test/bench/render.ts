// First render, ours against a floor: script request start → the three forms' inputs are in the
// DOM, over cold loads (fresh browser context, HTTP cache off, the same server for both). The
// floor (floor-page.js) is Lit plus the SDK's sign-in classes behind three bare forms, bundled
// and minified here the way rollup.config.mjs builds dist/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as commonjsModule from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import * as terserModule from '@rollup/plugin-terser';
import type { Browser } from 'puppeteer-core';
import { rollup, type Plugin } from 'rollup';
import { coldPage, dropInUrl, median, outDir, pageHtml, root, RUNS, stats, type PoolInfo, type Stats } from './common.js';

// The plugins' types read as CommonJS under NodeNext; at runtime the ES default is the function.
const commonjs = (commonjsModule as unknown as { default: () => Plugin }).default;
const terser = (terserModule as unknown as { default: (options: object) => Plugin }).default;

export const ourTags = ['auth-register', 'auth-verify', 'auth-signin'];
export const floorTags = ['floor-register', 'floor-verify', 'floor-signin'];
export const floorUrl = '/.tmp/bench/floor-page.bundle.js';

/** Bundles floor-page.js: node-resolve (browser), CommonJS, terser with dist/'s options. */
export async function bundleFloorPage(): Promise<{ raw: number; gzip9: number }> {
  const file = join(outDir, 'floor-page.bundle.js');
  const bundle = await rollup({
    input: join(root, 'test/bench/floor-page.js'),
    plugins: [nodeResolve({ browser: true, preferBuiltins: false }), commonjs(), terser({ format: { comments: false }, compress: { passes: 2 } })],
    onwarn: () => {},
  });
  await bundle.write({ file, format: 'es' });
  await bundle.close();
  const source = readFileSync(file);
  return { raw: source.length, gzip9: gzipSync(source, { level: 9 }).length };
}

/**
 * A page that loads `script` and records in window.__rendered the moment every one of `tags`
 * has a form with an input in it.
 */
export function renderPage(pool: PoolInfo, tags: string[], script: string): string {
  const head = `<script>
window.__rendered = new Promise((resolve) => {
  const done = () => ${JSON.stringify(tags)}.every((tag) => document.querySelector(tag + ' form input'));
  new MutationObserver((_, observer) => { if (done()) { observer.disconnect(); resolve(performance.now()); } })
    .observe(document, { subtree: true, childList: true });
});
</script><script type="module" src="${script}"></script>`;
  return pageHtml(pool, tags.map((tag) => `<${tag}></${tag}>`).join(''), head);
}

/** One cold load of `path`: milliseconds from the script's request start to the render. */
async function coldRender(browser: Browser, origin: string, path: string, script: string): Promise<number> {
  const { page, close } = await coldPage(browser);
  try {
    await page.goto(`${origin}${path}`);
    return await page.evaluate(async (scriptUrl) => {
      const rendered = await (window as unknown as { __rendered: Promise<number> }).__rendered;
      const entry = performance.getEntriesByName(scriptUrl)[0] as PerformanceResourceTiming;
      return rendered - entry.startTime;
    }, `${origin}${script}`);
  } finally {
    await close();
  }
}

export interface RenderComparison {
  ours: Stats;
  floor: Stats;
  /** ours.median / floor.median. */
  ratio: number;
  /** The median of ours / floor within each run (the two loads of a run are back to back). */
  pairedRatio: number;
}

/**
 * Ours and the floor, interleaved (the order swaps every run so neither always goes first), after
 * one discarded warm-up load of each.
 */
export async function renderComparison(browser: Browser, origin: string, pages: { ours: string; floor: string }): Promise<RenderComparison> {
  const times = { ours: [] as number[], floor: [] as number[] };
  const load = { ours: () => coldRender(browser, origin, pages.ours, dropInUrl), floor: () => coldRender(browser, origin, pages.floor, floorUrl) };
  for (let i = -1; i < RUNS; i++) {
    for (const kind of i % 2 === 0 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const)) {
      const time = await load[kind]();
      if (i >= 0) times[kind].push(time);
    }
  }
  const ours = stats(times.ours);
  const floor = stats(times.floor);
  const paired = times.ours.map((time, i) => time / times.floor[i]);
  return { ours, floor, ratio: ours.median / floor.median, pairedRatio: median(paired) };
}
