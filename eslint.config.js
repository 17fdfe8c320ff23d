// Lint: the promise rules that catch a forgotten `await` (a floating promise in an event handler is how
// PathField lost focus once), the layering of the design (README "Architecture") as import rules, and
// "all SQL lives in the core" as a syntax rule. `npm run lint`; `npm test` runs it first.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.mjs';

/** One import-layer rule: what files under `dir` may not import, and why. */
function layer(files, groups, why) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: groups, message: why }] }],
    },
  };
}

const NODE_ONLY = ['node:*', 'better-sqlite3', 'sharp', 'ws', 'electron', 'electron/*', 'worker_threads', 'fs', 'path'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test/reference/generated/**', 'docs/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.web.json'],
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off', // escaping control characters is a feature here, not a mistake
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, svelteConfig },
    },
    rules: {
      // The stores keep their state in $state fields; their plain Maps and Sets are page caches and
      // per-call lookup tables that must not trigger renders.
      'svelte/prefer-svelte-reactivity': 'off',
      // {' · '} is how a block keeps its leading space (Svelte trims plain text there): not useless.
      'svelte/no-useless-mustaches': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Plain scripts outside both tsconfigs: lint them without type information.
    files: ['**/*.mjs', '**/*.js', 'bin/winnow'],
    ...tseslint.configs.disableTypeChecked,
  },

  // The layers. Each rule names what a layer may not reach; the README's picture says why.
  layer(
    ['src/main/core/**'],
    ['electron', 'electron/*', '**/host/**', '**/shells/**', '**/cli/**', '**/renderer/**', 'ws'],
    'The core is pure domain code: no Electron, host, shell, CLI or renderer (README "Architecture").',
  ),
  layer(
    ['src/shared/**'],
    [...NODE_ONLY, '**/main/**', '**/renderer/**', '**/preload/**'],
    'src/shared is the typed contract and plain data: no behaviour, no Node, no other layer.',
  ),
  layer(
    ['src/renderer/**'],
    [...NODE_ONLY, '**/main/**', '**/preload/**'],
    'The renderer talks only to the contract (src/shared) through window.winnow or the socket.',
  ),
  layer(
    ['src/main/host/**'],
    ['electron', 'electron/*', '**/shells/**', '**/cli/**', '**/renderer/**'],
    'The host is shared by Electron and the browser: it imports neither shell, the CLI nor the renderer.',
  ),
  layer(
    ['src/main/shells/browser/**'],
    ['electron', 'electron/*', '**/shells/electron/**', '**/cli/**', '**/renderer/**'],
    'The browser shell runs on plain Node and talks to the host only: no Electron, CLI or renderer code.',
  ),
  // The one crossing between shells: `winnow serve` is the CLI's way of starting the browser shell.
  layer(
    ['src/main/cli/**'],
    ['electron', 'electron/*', '**/shells/electron/**', '**/renderer/**'],
    'The CLI runs on plain Node: no Electron, no renderer code (it may start the browser shell).',
  ),
  layer(
    ['src/main/shells/electron/**'],
    ['**/shells/browser/**', '**/cli/**', '**/renderer/**'],
    'The Electron shell talks to the host only; the renderer is loaded, not imported.',
  ),
  layer(
    ['src/preload/**'],
    ['**/main/**', '**/renderer/**', 'node:*'],
    'The preload bridges invoke/on only: it imports electron and the contract.',
  ),
  {
    // SQL is the core's business: a prepared statement anywhere else is a layer leak.
    files: ['src/main/host/**', 'src/main/shells/**', 'src/main/cli/**', 'src/renderer/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare'][arguments.0.type=/Literal|TemplateLiteral/]",
          message: 'SQL lives in src/main/core: add a function there and call it.',
        },
      ],
    },
  },
  {
    // Tests drive the product through its real seams and poke at raw rows on purpose.
    files: ['test/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
