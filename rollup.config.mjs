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

const dropIn = {
  input: 'src/index.ts',
  // The on-demand part imports lit from the drop-in file itself, rather than from a third file.
  preserveEntrySignatures: 'allow-extension',
  output: {
    // One file, plus the parts it loads on demand from beside itself (the QR encoder): copy dist/'s
    // cognito-auth-elements*.js files together.
    dir: 'dist',
    entryFileNames: 'cognito-auth-elements.js',
    chunkFileNames: 'cognito-auth-elements-[name]-[hash].js',
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
// `npm run build:node`) with jose and otpauth inside, so installing the package for the browser
// elements brings no server-side dependency, and `npx cognito-auth-elements-pool` needs none.
// playwright.js (cognito-auth-elements/local-pool/playwright) imports only Playwright's types.
const localPoolForNpm = {
  input: { index: 'build/local-pool/index.js', cli: 'build/local-pool/cli.js', playwright: 'build/local-pool/testing/playwright.js' },
  output: {
    dir: 'dist/local-pool',
    format: 'es',
    banner: '/*! The local user pool of cognito-auth-elements (MIT). Bundled: jose (MIT, (c) Filip Skokan), otpauth (MIT, (c) Héctor Molinero Fernández). */',
  },
  external: (id) => id.startsWith('node:'),
  plugins: [nodeResolve({ exportConditions: ['node'], preferBuiltins: true })],
};

export default [dropIn, sdkForInterop, localPoolForNpm];
