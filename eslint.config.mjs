// ESLint for the whole monorepo (`npm run lint` runs it with --max-warnings 0, then prettier --check).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, local data, benchmark results and recorded fixtures: generated, not written.
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/.turbo/',
    '.data/',
    '.schemathesis/',
    'bench/results/',
    'test/artifacts/',
    'test/fixtures/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A leading _ marks a name unused on purpose: `const { secret: _secret, ...rest } = row`, `for await (const _ of …) count++`.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
      // `let timer; const end = () => clearInterval(timer); … timer = setInterval(…)`: const would throw if end ran first.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests type the JSON bodies they get back from the API as `any` and assert on them with expect().
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['designer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // React Compiler rules; the designer is not built with the React Compiler, and these flag its
      // deliberate latest-value refs (`ref.current = onChange` in render), state resets at the start
      // of loading effects, and clock reads for "expired"/"overdue" labels.
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/purity': 'off',
    },
  },
);
