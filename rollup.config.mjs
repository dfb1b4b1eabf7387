// Three bundles:
// - dist/cognito-auth-elements.js: the drop-in file. One minified ES module with lit and our own
//   Cognito client inside; including it with <script type="module"> defines every element. The
//   QR encoder is a second file beside it, loaded only when an authenticator app is set up.
// - build/vendor/amazon-cognito-identity-js.js: the published SDK as one ES module, for what uses
//   the SDK to prove interop (the browser interop tests, the demo's workshop page). Never shipped.
// - dist/local-pool/: the local pool for npm, with its dependencies inside.
// lib/ (ES modules and .d.ts from the same sources) is emitted by tsc in build:lib.
import typescript from '@rollup/plugin-typescript';
import nodeResolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dropIn = {
  input: 'src/index.ts',
  // The on-demand part imports lit from the drop-in file itself, rather than from a third file.
  preserveEntrySignatures: 'allow-extension',
  output: {
    // One file, plus the parts it loads on demand from beside itself (the QR encoder, the
    // locales): copy dist/'s
    // cognito-auth-elements*.js files together.
    dir: 'dist',
    entryFileNames: 'cognito-auth-elements.js',
    // Locales (src/messages/locales/) are named by their tag alone (cognito-auth-elements-fr.js):
    // the drop-in file names each, and a hash in twelve names costs it 100 bytes of gzip.
    chunkFileNames: (chunk) =>
      chunk.moduleIds.some((id) => id.includes('/messages/locales/')) ? 'cognito-auth-elements-[name].js' : 'cognito-auth-elements-[name]-[hash].js',
    format: 'es',
    sourcemap: false,
    // The licences of what the file carries: one "packages: licence, © holder" group per holder.
    // terser keeps this /*! comment (comments: /^!/) and drops lit's own @license ones, named here.
    // test/node/licence-banner.test.ts fails when a package in the bundle is missing here.
    banner:
      '/*! cognito-auth-elements: MIT, © cognito-auth-elements contributors.\n' +
      ' * Bundles lit, lit-html, lit-element, @lit/reactive-element: BSD-3-Clause, © Google LLC;\n' +
      ' * lean-qr: MIT, © David Evans; tslib: 0BSD, © Microsoft Corporation. */',
  },
  plugins: [
    typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist', rootDir: 'src' }),
    nodeResolve({ browser: true }),
    terser({ format: { comments: /^!/ }, compress: { passes: 2 } }),
  ],
};

// The SDK is CommonJS underneath (buffer, js-cookie, @aws-crypto), which neither the test runner's
// dev server nor a page can load as it is. Bundled as published, with no stand-ins, so the interop
// tests talk to the real thing.
const sdkForInterop = {
  input: 'amazon-cognito-identity-js',
  output: { file: 'build/vendor/amazon-cognito-identity-js.js', format: 'es' },
  plugins: [nodeResolve({ browser: true, preferBuiltins: false }), commonjs()],
  onwarn(warning, warn) {
    // The SDK's CommonJS helpers rewrite `this` at the top level; harmless.
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
  },
};

// The local pool as the npm package ships it: tsc's output (build/local-pool, from
// `npm run build:node`) with jose, otpauth and @simplewebauthn/server inside, so installing the
// package for the browser elements brings no server-side dependency, and
// `npx cognito-auth-elements-pool` needs none. The WebAuthn library (with its ASN.1 parsers, most
// of the size) is a chunk of its own, loaded the first time a passkey is registered or used.
// playwright.js (cognito-auth-elements/local-pool/playwright) imports only Playwright's types.
/** `…/node_modules/@scope/name/x.js` → the package's name and directory (null for our own modules). */
function packageOf(id) {
  const at = id.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const rest = id.slice(at + 'node_modules/'.length).split('/');
  const name = rest.slice(0, rest[0].startsWith('@') ? 2 : 1).join('/');
  return { name, dir: id.slice(0, at) + 'node_modules/' + name };
}

/**
 * THIRD-PARTY-LICENSES.txt beside the bundle: every package with code in it, with its licence
 * text and notices as the package ships them (Apache-2.0 and BSD-3-Clause ask for a copy, and
 * passkeys brought many such packages: @simplewebauthn/server and its ASN.1 parsers).
 */
function thirdPartyLicences() {
  return {
    name: 'third-party-licences',
    generateBundle(_options, bundle) {
      const packages = new Map();
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const [id, module] of Object.entries(chunk.modules)) {
          const found = module.renderedLength > 0 && packageOf(id);
          if (found) packages.set(found.name, found.dir);
        }
      }
      const sections = [...packages]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, dir]) => {
          const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
          const files = readdirSync(dir).filter((file) => /^(licen[cs]e|notice|copyrightnotice)/i.test(file));
          if (files.length === 0) throw new Error(`${name} has no licence file to ship with dist/local-pool`);
          const texts = files.map((file) => readFileSync(join(dir, file), 'utf8').trim());
          return `${name} ${version} (${license})\n\n${texts.join('\n\n')}`;
        });
      this.emitFile({
        type: 'asset',
        fileName: 'THIRD-PARTY-LICENSES.txt',
        source: `The local pool of cognito-auth-elements bundles these packages.\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`,
      });
    },
  };
}

/**
 * Removes chunks of earlier builds from the output directory: their names carry a content hash, so
 * without this every change would leave another copy behind for `npm pack` to ship.
 */
function dropStaleChunks() {
  return {
    name: 'drop-stale-chunks',
    writeBundle(options, bundle) {
      for (const file of readdirSync(options.dir)) {
        if (file.endsWith('.js') && !(file in bundle)) rmSync(join(options.dir, file));
      }
    },
  };
}

const localPoolForNpm = {
  input: { index: 'build/local-pool/index.js', cli: 'build/local-pool/cli.js', playwright: 'build/local-pool/testing/playwright.js' },
  output: {
    dir: 'dist/local-pool',
    format: 'es',
    banner:
      '/*! The local user pool of cognito-auth-elements (MIT). Bundled: jose (MIT, (c) Filip Skokan), otpauth (MIT, (c) Héctor Molinero Fernández), ' +
      '@simplewebauthn/server (MIT, (c) Matthew Miller) and its dependencies; licences in THIRD-PARTY-LICENSES.txt. */',
  },
  external: (id) => id.startsWith('node:'),
  plugins: [nodeResolve({ exportConditions: ['node'], preferBuiltins: true }), thirdPartyLicences(), dropStaleChunks()],
  onwarn(warning, warn) {
    // The WebAuthn library's modules import each other in circles; harmless, and not ours to change.
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
    warn(warning);
  },
};

export default [dropIn, sdkForInterop, localPoolForNpm];
