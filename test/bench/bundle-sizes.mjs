// Where the drop-in bundle's bytes go: rollup's rendered length per package (after tree-shaking, before
// minification). Run from the repo root: node test/bench/bundle-sizes.mjs
import { rollup } from 'rollup';
import config from '../../rollup.config.mjs';
const bundle = await rollup({ ...config, plugins: config.plugins.filter(p => p.name !== 'terser') });
const { output } = await bundle.generate({ format: 'es' });
const groups = {};
for (const [id, m] of Object.entries(output[0].modules)) {
  let key = id.includes('node_modules') ? id.split('node_modules/').pop().split('/').slice(0, id.split('node_modules/').pop().startsWith('@') ? 2 : 1).join('/') : id.replace(process.cwd() + '/', '').split('/').slice(0, 2).join('/');
  if (key === 'amazon-cognito-identity-js') key += '/' + id.split('/').pop();
  groups[key] = (groups[key] || 0) + m.renderedLength;
}
const total = Object.values(groups).reduce((a, b) => a + b, 0);
for (const [k, v] of Object.entries(groups).sort((a, b) => b[1] - a[1])) console.log(String(v).padStart(7), (100 * v / total).toFixed(1).padStart(5) + '%', k);
console.log(total, 'unminified rendered total');
