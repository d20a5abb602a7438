// Lint, and the direction rules of STYLE.md enforced as errors: `shared` imports nothing of ours and no
// platform; the renderer imports only `shared` (no Node, no Electron); nothing outside src/main/electron and
// src/main/index.ts imports Electron; preload is the only other Electron user.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const restrict = (message, paths, patterns = []) => [
  'error',
  {
    paths: paths.map((name) => ({ name, message })),
    patterns: patterns.map((group) => ({ group: [group], message })),
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', '.cel-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        'src/shared is the contract: it may import only zod and other shared files (no Node, DOM, Electron or app code).',
        ['electron', ...nodeBuiltins],
        ['**/main/**', '**/renderer/**', '**/preload/**', '../*', 'node:*'],
      ),
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        'the renderer talks to the studio only through the contract in @shared; it may not import Node, Electron, main or preload code.',
        ['electron', ...nodeBuiltins],
        ['**/main/**', '**/preload/**', 'node:*', '../../../main/*', '../../main/*'],
      ),
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'services, engine, host, web mode and CLI must run without Electron: only src/main/electron/* and src/main/index.ts may import it.',
        ['electron'],
        ['electron/*', '**/renderer/**', '**/preload/**'],
      ),
    },
  },
  {
    // The services are what the host routes to: they never reach back into it or the transports above it.
    files: ['src/main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'the services must run without Electron and import only @shared, the engine and each other: not the host, web mode or CLI.',
        ['electron'],
        ['**/host/**', '**/web/**', '**/cli/**', '**/electron/**', '**/renderer/**', '**/preload/**'],
      ),
    },
  },
  {
    // The engine (backends, models, losses, training) runs in its own process and imports only the contract.
    files: ['src/main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'the engine imports only @shared and its own folders: not the services, host, web mode, CLI or Electron.',
        ['electron'],
        ['**/services/**', '**/host/**', '**/web/**', '**/cli/**', '**/electron/**', '**/renderer/**', '**/preload/**'],
      ),
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict('the preload may use only Electron and the contract.', nodeBuiltins, [
        '**/main/**',
        '**/renderer/**',
      ]),
    },
  },
);
