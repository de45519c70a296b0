import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'client/dist/', 'client/src/gql/', '.data/', 'tmp/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // the embedded database's worker thread is plain JavaScript (server/src/db/embedded-worker.mjs)
  { files: ['**/*.mjs'], languageOptions: { globals: { Blob: 'readonly', console: 'readonly', setTimeout: 'readonly' } } },
  {
    rules: {
      // Silent catches hide failures: every catch must do something.
      'no-empty': ['error', { allowEmptyCatch: false }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
