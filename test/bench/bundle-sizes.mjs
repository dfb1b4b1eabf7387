// Where the drop-in bundle's bytes go, per package (node_modules) or per src/ file: rollup's
// rendered code after tree-shaking, that code minified on its own with the bundle's terser
// options, and the gzip -9 of it. Per-group gzip sums to more than the bundle's real gzip (each
// group compresses without the others' context), but ranks the groups the same way.
// Run from the repo root after `npm run build:browser`: node test/bench/bundle-sizes.mjs [--by-package]
import { rollup } from 'rollup';
import { minify } from 'terser';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import configs from '../../rollup.config.mjs';

// The drop-in bundle's config (rollup.config.mjs also builds the SDK for the interop tests).
const config = Array.isArray(configs) ? configs[0] : configs;

const byPackage = process.argv.includes('--by-package');
const bundle = await rollup({ ...config, plugins: config.plugins.filter((p) => p.name !== 'terser') });
const { output } = await bundle.generate({ format: 'es' });
const groups = {};
for (const [id, m] of Object.entries(output[0].modules)) {
  if (!m.code) continue;
  const inModules = id.split('node_modules/').pop();
  let key;
  if (id.includes('node_modules')) {
    key = inModules
      .split('/')
      .slice(0, inModules.startsWith('@') ? 2 : 1)
      .join('/');
    if (key === 'amazon-cognito-identity-js' && !byPackage) key += '/' + id.split('/').pop();
  } else {
    const rel = id.replace(process.cwd() + '/', '');
    key = byPackage ? rel.split('/').slice(0, 2).join('/') : rel;
  }
  (groups[key] ??= []).push(m.code);
}
const rows = [];
for (const [key, codes] of Object.entries(groups)) {
  const code = codes.join('\n');
  // A group's top-level names are used by other groups, so terser must keep them (toplevel: false).
  const { code: min } = await minify(code, { toplevel: false, format: { comments: false }, compress: { passes: 2 } });
  rows.push({ key, rendered: code.length, minified: min.length, gzip: gzipSync(min, { level: 9 }).length });
}
rows.sort((a, b) => b.gzip - a.gzip);
const sum = (k) => rows.reduce((a, r) => a + r[k], 0);
console.log('rendered  minified   gzip  group');
for (const r of rows) console.log(String(r.rendered).padStart(8), String(r.minified).padStart(9), String(r.gzip).padStart(6), ' ', r.key);
console.log(String(sum('rendered')).padStart(8), String(sum('minified')).padStart(9), String(sum('gzip')).padStart(6), '  sum of groups');
const dist = readFileSync(new URL('../../dist/cognito-auth-elements.js', import.meta.url));
console.log(`dist/cognito-auth-elements.js: ${dist.length} raw, ${gzipSync(dist, { level: 9 }).length} gzip -9`);
