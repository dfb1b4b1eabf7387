// The package as people install it: `npm pack`, the tarball installed into an empty folder, an app
// that imports two elements built with esbuild and with Vite (no configuration for either), then a
// real sign-in through <auth-signin> in Chromium against the local pool; the same with the
// drop-in file served from the unpacked tarball, as a CDN serves it. A TypeScript file compiles
// against the published types. Needs the npm registry (for esbuild, Vite, @types/node).
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { LocalPool, startLocalPool as StartLocalPool } from '../../local-pool/index.js';
import { launchBrowser } from './demo/browser.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = join(root, 'test/consumers');
const repoPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
// The same versions the repository is built and tested with, so the consumer sees no surprise.
const versions = {
  esbuild: JSON.parse(readFileSync(join(root, 'node_modules/esbuild/package.json'), 'utf8')).version as string,
  vite: '7.3.8',
  '@types/node': repoPackage.devDependencies['@types/node'],
};

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' },
  });

let work: string;
let app: string;
let tarball: string;
let pool: LocalPool;

/** Serves `dir`, plus /pool.json with the pool's address. */
function serve(dir: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/pool.json') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      return void response.end(JSON.stringify({ url: pool.url, poolId: pool.poolId, clientId: pool.clientId }));
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    try {
      if (!file.startsWith(dir)) throw new Error('outside');
      const body = readFileSync(file);
      response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The pool wants Admin calls signed, as Cognito does; any SigV4-shaped header will do (it checks no signature). */
const SIGV4 = { Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDLOCALPOOLTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00' };

async function poolCall(operation: string, body: object): Promise<void> {
  const response = await fetch(pool.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      ...(operation.startsWith('Admin') ? SIGV4 : {}),
    },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, `${operation}: ${await response.text()}`);
}

/** Opens the built app, signs a new user in through <auth-signin>, and checks <auth-user> shows them. */
async function signInThrough(dir: string): Promise<void> {
  const email = `consumer-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
  const password = 'Correct-horse-9';
  await poolCall('SignUp', { ClientId: pool.clientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] });
  await poolCall('AdminConfirmSignUp', { UserPoolId: pool.poolId, Username: email });
  const server = await serve(dir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForSelector('auth-signin input[name="username"]');
    await page.type('auth-signin input[name="username"]', email);
    await page.type('auth-signin input[name="password"]', password);
    await page.click('auth-signin [part~="submit"]');
    try {
      await page.waitForFunction(
        (expected) => (document.querySelector('auth-user') as { value?: string | null } | null)?.value === expected,
        { timeout: 15_000 },
        email,
      );
    } catch (err) {
      const shown = await page.evaluate(() => document.body.innerText);
      throw new Error(`<auth-user> never showed ${email}. Page: ${shown}\nErrors: ${errors.join('\n')}`, { cause: err });
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
}

/** gzip -9 bytes of every .js file under `dir`. */
function gzipOfScripts(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.js')) total += gzipSync(readFileSync(join(entry.parentPath, entry.name)), { level: 9 }).length;
  }
  return total;
}

describe('the packed package in a fresh app', { timeout: 300_000 }, () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'cae-consumer-'));
    tarball = run('npm', ['pack', '--silent', '--pack-destination', work], root).trim().split('\n').pop()!;
    app = join(work, 'app');
    cpSync(join(fixtures, 'app'), app, { recursive: true });
    cpSync(join(fixtures, 'typescript'), join(app, 'typescript'), { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify(
        { name: 'consumer-app', private: true, type: 'module', dependencies: { 'cognito-auth-elements': `file:../${tarball}` }, devDependencies: versions },
        null,
        2,
      ),
    );
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
    // The local pool as installed (cognito-auth-elements/local-pool), which every sign-in below uses.
    const installed = join(app, 'node_modules/cognito-auth-elements');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { exports: Record<string, { import: string }> };
    const { startLocalPool } = (await import(pathToFileURL(join(installed, manifest.exports['./local-pool'].import)).href)) as {
      startLocalPool: typeof StartLocalPool;
    };
    pool = await startLocalPool({ port: 0, quiet: true });
  });

  after(async () => {
    await pool?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('installs only what a browser app needs: lit and the QR library (the local pool has its own inside)', () => {
    const installed = JSON.parse(readFileSync(join(app, 'node_modules/cognito-auth-elements/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    assert.deepEqual(Object.keys(installed.dependencies).sort(), ['lean-qr', 'lit']);
  });

  it('builds with esbuild (no configuration) and signs in', async () => {
    run(join(app, 'node_modules/.bin/esbuild'), ['main.js', '--bundle', '--format=esm', '--minify', '--outdir=out-esbuild', '--log-level=error'], app);
    cpSync(join(app, 'index.html'), join(app, 'out-esbuild/index.html'));
    const bytes = gzipOfScripts(join(app, 'out-esbuild'));
    // Every element: the drop-in file and the part it loads on demand.
    const dropIn = readdirSync(join(root, 'dist'))
      .filter((name) => /^cognito-auth-elements.*\.js$/.test(name))
      .reduce((sum, name) => sum + gzipSync(readFileSync(join(root, 'dist', name)), { level: 9 }).length, 0);
    console.log(`two-element app with esbuild: ${bytes} B gzip -9 (every element, the drop-in files: ${dropIn} B)`);
    assert.ok(bytes < dropIn, 'two elements ship less than all of them');
    await signInThrough(join(app, 'out-esbuild'));
  });

  it('builds with Vite (no configuration) and signs in', async () => {
    run(join(app, 'node_modules/.bin/vite'), ['build', '--outDir', 'out-vite', '--logLevel', 'error'], app);
    console.log(`two-element app with Vite: ${gzipOfScripts(join(app, 'out-vite'))} B gzip -9`);
    await signInThrough(join(app, 'out-vite'));
  });

  it('serves from the unpacked files, as a CDN would, and signs in', async () => {
    const cdn = join(work, 'cdn');
    cpSync(join(fixtures, 'cdn'), cdn, { recursive: true });
    run('tar', ['-xzf', join(work, tarball), '-C', cdn], work); // npm tarballs unpack into package/
    await signInThrough(cdn);
  });

  it('runs the local pool from the installed package: npx cognito-auth-elements-pool', async () => {
    const child = spawn(join(app, 'node_modules/.bin/cognito-auth-elements-pool'), ['--port', '0'], { cwd: app });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
      });
      const answer = (await (await fetch(url)).json()) as { poolId: string };
      assert.equal(answer.poolId, 'us-east-1_LocalPool1');
    } finally {
      child.kill();
    }
  });

  it('type-checks a TypeScript user of every entry point against the published types', () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    try {
      run(process.execPath, [tsc, '-p', 'typescript/tsconfig.json'], app);
    } catch (err) {
      assert.fail(`tsc found errors:\n${(err as { stdout?: string }).stdout ?? String(err)}`);
    }
  });
});
