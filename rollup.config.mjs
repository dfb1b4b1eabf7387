// Two outputs from src/:
// - dist/cognito-auth-elements.js: the drop-in file. One minified ES module with lit and the SDK
//   inside; including it with <script type="module"> defines every element.
// - lib/: ES modules and .d.ts (emitted by tsc in build:lib) for people who bundle us themselves.
import typescript from '@rollup/plugin-typescript';
import nodeResolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { sdkSlim } from './src/cognito/srp/shims/rollup-plugin.mjs';
import { qrSlim } from './src/shared/shims/rollup-plugin.mjs';

export default {
  input: 'src/index.ts',
  output: {
    file: 'dist/cognito-auth-elements.js',
    format: 'es',
    sourcemap: false,
  },
  plugins: [
    typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist', rootDir: 'src' }),
    // Before nodeResolve: swaps the SDK's Buffer, SHA-256, fetch and cookie dependencies for small
    // browser-native stand-ins (see the plugin for each, and test/node/bundle-size.test.ts).
    sdkSlim(),
    // qrcode-generator without the renderers, GIF encoder and Kanji mode it carries on one object
    // (src/shared/shims/qrcode.mjs; test/node/qrcode-shim.test.ts proves the same QR matrices).
    qrSlim(),
    // browser: true picks the SDK's browser entry points; preferBuiltins: false keeps anything
    // Node-flavoured that sdkSlim does not replace from being left as a bare Node import.
    nodeResolve({ browser: true, preferBuiltins: false }),
    commonjs(),
    terser({ format: { comments: false }, compress: { passes: 2 } }),
  ],
  onwarn(warning, warn) {
    // The SDK's CommonJS helpers rewrite `this` at the top level; harmless.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
