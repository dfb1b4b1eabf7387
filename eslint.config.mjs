// ESLint flat config. TypeScript that a tsconfig covers gets typescript-eslint's type-checked rules
// (src with tsconfig.json; local-pool, demo/server, test/node and test/bench with
// tsconfig.node.json); test/browser is type-checked through tsconfig.browser-test.json (no emit).
// Plain JavaScript (demo/js, test pages, config files) gets the rules that need no types.
// The elements get eslint-plugin-lit, eslint-plugin-wc and eslint-plugin-lit-a11y. Formatting is
// Prettier's (eslint-config-prettier turns off the rules it would fight).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeFiles = ['local-pool/**/*.ts', 'demo/server/**/*.ts', 'test/node/**/*.ts', 'test/bench/**/*.ts'];
const typedFiles = ['src/**/*.ts', ...nodeFiles, 'test/browser/**/*.ts'];

export default tseslint.config(
  {
    ignores: ['build/', 'lib/', 'dist/', 'node_modules/', '.tmp/', '.local-pool-data/', 'custom-elements.json'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  // TypeScript anywhere (including test/consumers, which has its own tsconfig): the rules without types.
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
  },
  {
    files: typedFiles,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  // The project service finds only files named tsconfig.json, which covers src alone; the other
  // folders name their tsconfig explicitly.
  {
    files: nodeFiles,
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.node.json' } },
  },
  {
    files: ['test/browser/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.browser-test.json' } },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // As tsc's noUnusedParameters: a leading underscore marks a deliberately unused name.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: typedFiles,
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            // node:test's test()/describe() return promises that the runner itself awaits.
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
            // @open-wc/testing's DOM-diff plugin types chai's equal() as returning a promise; it is
            // synchronous (the tests use no snapshots).
            { from: 'package', package: '@open-wc/semantic-dom-diff', name: 'Equal' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read the pool's JSON responses and the SDK's untyped internals as they come, and
      // their assertions are what check those shapes.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['test/node/**/*.ts', 'test/bench/**/*.ts', 'test/browser/**/*.ts'],
    rules: {
      // The SDK's callbacks hand over errors typed `any`; the tests pass them on as they are.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['src/elements/**/*.ts', 'src/shared/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended'], litA11y.configs.recommended],
    rules: {
      // Lit calls a template's @event listener with the host element as `this`, so handlers are
      // passed as methods (`@click=${this.handleResend}`) by design.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
