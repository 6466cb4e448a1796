// Lint enforces where code may run: shared is pure, renderer talks to the core only through shared's contract,
// and only src/main/app (the Electron shell) may import electron.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'stream', 'url', 'http', 'net', 'util', 'events', 'zlib', 'buffer', 'process'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', 'assets/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeBuiltins, 'electron', 'better-sqlite3'], message: 'src/shared is pure: no Node, DOM or Electron imports.' },
          { group: ['**/main/**', '**/renderer/**'], message: 'src/shared may import only src/shared.' },
        ],
      }],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'window', 'document', 'require'],
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeBuiltins, 'electron', 'better-sqlite3'], message: 'The renderer runs in a sandboxed page: no Node or Electron.' },
          { group: ['**/main/**'], message: 'The renderer reaches the core only through the contract in src/shared.' },
        ],
      }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/app/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Only src/main/app (the Electron shell) may import electron; the core runs in plain Node.' },
          { group: ['**/renderer/**'], message: 'The core does not import the renderer.' },
        ],
      }],
    },
  },
);
