// The drop-in file carries third-party code, so it starts with a banner naming each package and its
// licence (rollup.config.mjs, output.banner; terser keeps /*! comments). Which packages are in it is
// read from rollup itself, bundling as the drop-in config does without terser (as
// test/bench/bundle-sizes.mjs does): a new dependency that reaches the bundle without a banner line
// fails here, and so does a line for a package that has left it.
//
// The banner's layout: "/*! cognito-auth-elements: <licence>, © <holder>." then "Bundles " and groups
// "<package>, <package>: <licence>, © <holder>" separated by ";", the last ending with "." and "*/".
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rollup, type RollupOptions } from 'rollup';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; license: string };

interface Banner {
  own: { name: string; licence: string; holder: string };
  /** Package name → its licence and holder as the banner gives them. */
  bundled: Map<string, { licence: string; holder: string }>;
}

function parseBanner(source: string): Banner {
  assert.ok(source.startsWith('/*!'), `dist/cognito-auth-elements.js does not start with a /*! banner: ${JSON.stringify(source.slice(0, 60))}`);
  const comment = source.slice(3, source.indexOf('*/'));
  // One line of text: drop the leading " * " of continuation lines.
  const text = comment
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s?/, '').trim())
    .filter(Boolean)
    .join(' ');
  const match = /^(\S+): ([^,]+), © ([^.]+)\. Bundles (.*)\.$/.exec(text);
  assert.ok(match, `the banner is not "<name>: <licence>, © <holder>. Bundles …": ${text}`);
  const [, name, licence, holder, groups] = match;
  const bundled = new Map<string, { licence: string; holder: string }>();
  for (const group of groups.split(';').map((g) => g.trim())) {
    const parts = /^(.+): ([^,]+), © (.+)$/.exec(group);
    assert.ok(parts, `a banner group is not "<package>, …: <licence>, © <holder>": ${group}`);
    for (const packageName of parts[1].split(',').map((p) => p.trim())) {
      assert.ok(!bundled.has(packageName), `the banner names ${packageName} twice`);
      bundled.set(packageName, { licence: parts[2].trim(), holder: parts[3].trim() });
    }
  }
  return { own: { name, licence, holder }, bundled };
}

/** `…/node_modules/@scope/name/x.js` → { name: '@scope/name', dir: '…/node_modules/@scope/name' }. */
function packageOf(id: string): { name: string; dir: string } | null {
  const at = id.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const rest = id.slice(at + 'node_modules/'.length).split('/');
  const name = rest.slice(0, rest[0].startsWith('@') ? 2 : 1).join('/');
  return { name, dir: id.slice(0, at) + 'node_modules/' + name };
}

interface BundleContents {
  /** Packages with code in the bundle, and the package.json "license" of each. */
  withCode: Map<string, string>;
  /** Every package rollup loaded a file of (re-export files such as lit's own included), and its licence. */
  loaded: Map<string, string>;
}

async function bundleContents(): Promise<BundleContents> {
  const configs = (await import(new URL('../../../rollup.config.mjs', import.meta.url).href)).default as RollupOptions | RollupOptions[];
  const config = Array.isArray(configs) ? configs[0] : configs;
  const plugins = (Array.isArray(config.plugins) ? config.plugins : []).filter(
    (plugin) => !(plugin && typeof plugin === 'object' && 'name' in plugin && plugin.name === 'terser'),
  );
  const bundle = await rollup({ ...config, plugins, onwarn: () => {} });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    const loaded = new Map<string, string>();
    for (const found of bundle.watchFiles.map(packageOf)) {
      if (!found || loaded.has(found.name)) continue;
      const { license } = JSON.parse(readFileSync(join(found.dir, 'package.json'), 'utf8')) as { license?: string };
      loaded.set(found.name, license ?? '(no "license" in its package.json)');
    }
    const withCode = new Map<string, string>();
    for (const [id, module] of Object.entries(output[0].modules)) {
      const found = packageOf(id);
      if (found && module.code?.trim()) withCode.set(found.name, loaded.get(found.name)!);
    }
    return { withCode, loaded };
  } finally {
    await bundle.close();
  }
}

test('LICENSE is the MIT licence package.json declares', () => {
  const licence = readFileSync(join(root, 'LICENSE'), 'utf8');
  assert.equal(pkg.license, 'MIT');
  assert.match(licence, /^MIT License\n/);
  assert.match(licence, /^Copyright \(c\) \d{4} cognito-auth-elements contributors$/m);
  assert.match(licence, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
});

test('dist/cognito-auth-elements.js starts with a banner naming every bundled package and its licence', async () => {
  const banner = parseBanner(readFileSync(join(root, 'dist/cognito-auth-elements.js'), 'utf8'));
  assert.deepEqual(banner.own, { name: pkg.name, licence: pkg.license, holder: 'cognito-auth-elements contributors' });

  const { withCode, loaded } = await bundleContents();
  assert.ok(withCode.has('lit-html'), `rollup's modules name no lit-html: the bundle was not read (${[...withCode.keys()].join(', ')})`);
  for (const [name, licence] of withCode) {
    const line = banner.bundled.get(name);
    assert.ok(line, `${name} (${licence}) is in the bundle but not in its banner: add it to output.banner in rollup.config.mjs`);
    assert.equal(line.licence, licence, `the banner gives ${name} the licence ${line.licence}; its package.json says ${licence}`);
    assert.ok(line.holder, `the banner names no copyright holder for ${name}`);
  }
  for (const [name, line] of banner.bundled) {
    const licence = loaded.get(name);
    assert.ok(licence, `the banner names ${name}, which the bundle no longer uses: drop it from output.banner`);
    assert.equal(line.licence, licence, `the banner gives ${name} the licence ${line.licence}; its package.json says ${licence}`);
  }
});
