// The demo server as a static site: the pages with their CSP, config.js pointing at the pool it
// started, the bundle, nothing outside demo/, and a clear error for a port already taken.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { PortInUseError, startDemo, type RunningDemo } from '../../../demo/server/demo-server.js';
import { newUser, rawRequest, signIn } from './helpers.js';

describe('the demo site', () => {
  let demo: RunningDemo;

  before(async () => {
    demo = await startDemo({ port: 0, poolPort: 0, quiet: true });
  });
  after(() => demo.close());

  it('serves the pages as HTML under a CSP that allows only this site and the pool', async () => {
    const response = await fetch(new URL('register.html', demo.url));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/html/);
    const poolPort = new URL(demo.poolUrl!).port;
    assert.equal(
      response.headers.get('content-security-policy'),
      `default-src 'self'; connect-src 'self' http://localhost:${poolPort} http://127.0.0.1:${poolPort}; img-src 'self' data:`,
    );
    assert.match(await response.text(), /<auth-register next="verify.html"[^>]*>/);
  });

  it('serves index.html for /', async () => {
    const response = await fetch(demo.url);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<title>Home/);
  });

  it('serves js/config.js in the workshop form, pointing at the pool it started', async () => {
    const response = await fetch(new URL('js/config.js', demo.url));
    assert.match(response.headers.get('content-type')!, /^text\/javascript/);
    const sandbox = { window: {} as { _config?: { cognito: Record<string, string>; api: { invokeUrl: string } } } };
    runInNewContext(await response.text(), sandbox);
    // Through JSON: the objects come from another realm (the vm context).
    assert.deepEqual(JSON.parse(JSON.stringify(sandbox.window._config)), {
      cognito: {
        userPoolId: 'us-east-1_LocalPool1',
        userPoolClientId: 'localpoolclient0000000000',
        region: 'us-east-1',
        endpoint: demo.poolUrl,
        // The hosted UI's domain is the pool too (swapped with the endpoint), and its /logout returns to signin.html.
        domain: demo.poolUrl,
        redirectSignOut: 'signin.html',
        appName: 'Wild Rydes',
      },
      api: { invokeUrl: '' },
    });
  });

  it('serves the bundle from dist/ as js/cognito-auth-elements.js', async () => {
    const response = await fetch(new URL('js/cognito-auth-elements.js', demo.url));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/javascript/);
  });

  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/js/..%2f..%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '/js/%2e%2e/%2e%2e/dist/cognito-auth-elements.js',
    '/server/start.ts',
    '/index.html%00.css',
  ]) {
    it(`serves nothing outside demo/ for ${path}`, async () => {
      const response = await rawRequest(demo.url, path);
      assert.equal(response.status, 404, response.body);
    });
  }

  it('keeps serving after a request for // or //host/path (not URLs by themselves)', async () => {
    for (const path of ['//', '//evil.example/x', '//api/ride']) {
      const response = await rawRequest(demo.url, path);
      assert.ok(response.status < 500, `${path}: ${response.status} ${response.body}`);
    }
    assert.equal((await fetch(new URL('signin.html', demo.url))).status, 200);
    assert.ok((await fetch(demo.poolUrl!)).status < 500, 'the pool still answers');
  });

  it('answers 404 for a missing page', async () => {
    assert.equal((await fetch(new URL('nope.html', demo.url))).status, 404);
  });

  it('refuses to write', async () => {
    assert.equal((await fetch(new URL('index.html', demo.url), { method: 'PUT', body: 'x' })).status, 405);
  });

  it('says which setting to change when its port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as AddressInfo;
    try {
      await assert.rejects(startDemo({ port, poolPort: 0, quiet: true }), (err: Error) => {
        assert.ok(err instanceof PortInUseError);
        assert.match(err.message, new RegExp(`Port ${port} is already in use.*PORT=`));
        return true;
      });
    } finally {
      blocker.close();
    }
  });
});

describe('the demo with a data file', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-data-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps users across a restart', async () => {
    const dataFile = join(dir, 'nested', 'pool.json');
    const first = await startDemo({ port: 0, poolPort: 0, dataFile, quiet: true });
    let email: string;
    try {
      ({ email } = await newUser(first));
    } finally {
      await first.close();
    }
    const second = await startDemo({ port: 0, poolPort: 0, dataFile, quiet: true });
    try {
      const user = await signIn(second, email);
      assert.ok(user.idToken);
    } finally {
      await second.close();
    }
  });
});
