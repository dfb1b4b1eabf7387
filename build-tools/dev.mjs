// `npm run dev`: the demo as `npm start` runs it, rebuilt while you edit.
// - src/ (the elements): rollup rebuilds dist/cognito-auth-elements.js, the file the demo serves;
//   reload the page to see the change.
// - local-pool/, demo/server/: tsc recompiles into build/, and the server restarts (node --watch)
//   with the users it had (they are kept in .local-pool-data/).
// It starts by building what changed since the last build (build-tools/build.mjs --changed), so
// the first page served is current. Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watch } from 'rollup';
import rollupConfigs from '../rollup.config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;

const first = spawnSync(node, [join(root, 'build-tools', 'build.mjs'), '--changed', 'node', 'browser'], { cwd: root, stdio: 'inherit' });
if (first.status !== 0) process.exit(first.status ?? 1);

/** Runs a child whose every output line is prefixed with its name. */
function child(name, args) {
  const proc = spawn(node, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [proc.stdout, proc.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (text) => {
      const lines = (rest + text).split('\n');
      rest = lines.pop();
      for (const line of lines) if (line.trim() !== '') console.log(`[${name}] ${line}`);
    });
  }
  return proc;
}

// Only what changed is recompiled (--incremental remembers the last pass in build/); when tsc
// writes a file the server imports, node --watch restarts the server.
const tsc = child('tsc', [
  join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  '-p',
  'tsconfig.node.json',
  '--watch',
  '--preserveWatchOutput',
  '--incremental',
  '--tsBuildInfoFile',
  'build/.tsbuildinfo-dev-node',
]);

// The server's own output (the addresses, the pool's messages) is shown as it is.
const server = spawn(node, ['--watch', 'build/demo/server/start.js'], { cwd: root, stdio: 'inherit' });

// Only the drop-in file: the SDK bundle and the npm copy of the local pool do not read src/ and
// the demo does not need them rebuilt while you edit (npm run build makes them).
const dropIn = rollupConfigs.find((config) => config.input === 'src/index.ts');
const watcher = watch({ ...dropIn, watch: { clearScreen: false } });
watcher.on('event', (event) => {
  if (event.code === 'BUNDLE_END') {
    void event.result.close();
    console.log(`[rollup] dist/cognito-auth-elements.js rebuilt in ${(event.duration / 1000).toFixed(1)} s: reload the page`);
  } else if (event.code === 'ERROR') {
    void event.result?.close();
    console.log(`[rollup] ${event.error.message}`);
  }
});
console.log('[rollup] watching src/ (the first pass rebuilds the drop-in file once)');

let stopping = false;
/** Stops the children and exits once they have: a rebuild under way is abandoned, not awaited. */
function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  const exited = [tsc, server]
    .filter((proc) => proc.exitCode === null && proc.signalCode === null)
    .map((proc) => new Promise((done) => proc.once('exit', done)));
  tsc.kill('SIGTERM');
  server.kill('SIGTERM');
  // A half-written dist file is harmless: its size and time no longer match the build record, so
  // the next start rebuilds it.
  void watcher.close();
  void Promise.race([Promise.all(exited), new Promise((done) => setTimeout(done, 5000))]).then(() => process.exit(exitCode));
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
// The server stopped by itself (a port in use, a crash at start): nothing left to serve.
server.on('exit', (code) => stop(code ?? 1));
