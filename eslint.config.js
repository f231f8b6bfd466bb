// Lint rules for the whole repository; the kernel in shared/ must stay pure and deterministic.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'test-results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The kernel is pure: no network, rendering, clock, randomness or I/O.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'net', 'crypto', 'os', 'child_process'],
              message: 'shared/ is pure: no Node I/O.',
            },
            {
              group: [
                'colyseus',
                '@colyseus/*',
                'phaser',
                '../server/*',
                '../client/*',
                '../../server/*',
                '../../client/*',
              ],
              message: 'shared/ imports nothing from server, client, Colyseus or Phaser.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator in the kernel state.' },
        { object: 'Date', property: 'now', message: 'Time is the tick, passed in.' },
        { object: 'performance', property: 'now', message: 'Time is the tick, passed in.' },
      ],
      'no-restricted-globals': [
        'error',
        'setTimeout',
        'setInterval',
        'fetch',
        'process',
        'window',
        'document',
      ],
    },
  },
  {
    // The game and the dashboard compile against the wire package (shared/protocol), never the server.
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/*', '**/server/**'],
              message: 'client/ never imports server/: use the wire package in shared/protocol.',
            },
          ],
        },
      ],
    },
  },
  // Formatting belongs to prettier (`npm run format`); this turns off the style rules that would disagree.
  prettier,
);
