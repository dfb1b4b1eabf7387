// The build, step by step: `npm run build` runs every step; `npm start`, `npm run dev` and
// `npm run local-pool` pass --changed, which skips a step when nothing it reads or writes has
// changed since it last succeeded, so a second start takes a moment instead of half a minute.
//
//   node build-tools/build.mjs [--changed] [step ...]     steps: node, lib, browser, manifest
//
// "Changed" is decided by content, not by clocks: a step's record (build/.build-record.json) holds
// a hash of every input file's path and bytes, taken just before the step ran, and the size and
// modification time of its outputs, taken just after. The step runs again when an input was added,
// removed or edited (a `git pull`, a branch switch, an editor), when a dependency changed
// (package-lock.json), or when an output is missing or was written by something else since (a
// direct `npm run build:browser`, the watch mode of `npm run dev`). A step that fails loses its
// record, so a half-written output is never taken for a finished one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const recordFile = join(root, 'build', '.build-record.json');

/** What every step reads besides its own inputs: the scripts that run it and the installed tools. */
const common = ['package.json', 'package-lock.json'];

/**
 * Each step is one npm script (package.json says how it runs), in this order: browser reads the
 * node step's output (build/local-pool), so it must come after it. Inputs are files, or folders
 * with the file endings the tool reads there; outputs are files the step always writes.
 */
const steps = {
  node: {
    script: 'build:node',
    inputs: ['tsconfig.node.json', ...['local-pool', 'demo/server', 'test/node', 'test/bench'].map((dir) => ({ dir, ends: ['.ts'] }))],
    outputs: ['build/local-pool/index.js', 'build/local-pool/cli.js', 'build/demo/server/start.js'],
  },
  lib: {
    script: 'build:lib',
    inputs: ['tsconfig.json', { dir: 'src', ends: ['.ts'] }],
    outputs: ['lib/index.js', 'lib/index.d.ts'],
  },
  browser: {
    script: 'build:browser',
    inputs: ['rollup.config.mjs', 'tsconfig.json', { dir: 'src', ends: ['.ts'] }, { dir: 'build/local-pool', ends: ['.js'] }],
    outputs: ['dist/cognito-auth-elements.js', 'build/vendor/amazon-cognito-identity-js.js', 'dist/local-pool/index.js', 'dist/local-pool/cli.js'],
  },
  manifest: {
    script: 'build:manifest',
    inputs: ['custom-elements-manifest.config.mjs', { dir: 'src/elements', ends: ['.ts'] }, { dir: 'src/shared', ends: ['.ts'] }],
    outputs: ['custom-elements.json'],
  },
};

function filesUnder(dir, ends) {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && ends.some((end) => entry.name.endsWith(end)))
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)));
}

/** A hash of the inputs' paths and contents (a missing file counts, as "missing"). */
function inputHash(step) {
  const files = [...common, ...step.inputs].flatMap((input) => (typeof input === 'string' ? [input] : filesUnder(input.dir, input.ends))).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(root, file);
    hash.update(`${file}\0`);
    hash.update(existsSync(path) ? readFileSync(path) : '\0missing');
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Size and modification time of each output, or null when one is missing. */
function outputStamps(step) {
  const stamps = {};
  for (const file of step.outputs) {
    const path = join(root, file);
    if (!existsSync(path)) return null;
    const { size, mtimeMs } = statSync(path);
    stamps[file] = `${size}:${mtimeMs}`;
  }
  return stamps;
}

function readRecord() {
  try {
    return JSON.parse(readFileSync(recordFile, 'utf8'));
  } catch {
    return {};
  }
}

function writeRecord(record) {
  mkdirSync(dirname(recordFile), { recursive: true });
  writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
}

function upToDate(previous, inputs, step) {
  if (!previous || previous.inputs !== inputs) return false;
  const outputs = outputStamps(step);
  return outputs !== null && JSON.stringify(outputs) === JSON.stringify(previous.outputs);
}

function run(names, { changedOnly }) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  for (const name of names) {
    const step = steps[name];
    const inputs = inputHash(step);
    const record = readRecord();
    if (changedOnly && upToDate(record[name], inputs, step)) {
      console.error(`build: ${name} is up to date`);
      continue;
    }
    // Forget the old record first: if the step fails half-way, the next run must redo it.
    delete record[name];
    writeRecord(record);
    const started = Date.now();
    const result = spawnSync(npm, ['run', '--silent', step.script], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`build: ${name} failed (npm run ${step.script})`);
      process.exit(result.status ?? 1);
    }
    const outputs = outputStamps(step);
    if (outputs === null) {
      console.error(`build: ${name} succeeded but did not write all of ${step.outputs.join(', ')}`);
      process.exit(1);
    }
    writeRecord({ ...readRecord(), [name]: { inputs, outputs } });
    console.error(`build: ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

const args = process.argv.slice(2);
const changedOnly = args.includes('--changed');
const named = args.filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((name) => !(name in steps));
if (unknown.length > 0) {
  console.error(`build: unknown step ${unknown.join(', ')} (steps: ${Object.keys(steps).join(', ')})`);
  process.exit(2);
}
// Always in the declared order, whatever order they were named in.
run(
  Object.keys(steps).filter((name) => named.length === 0 || named.includes(name)),
  { changedOnly },
);
