// ESLint flat config (a dotfile to keep the repository's top level to the product layout;
// `npm run check` passes it with --config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.output',
      '.output-*',
      '.wxt',
      'tests/fixtures',
      'tests/artifacts',
      'lib/model/tokenize/data',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Node-side scripts: benchmarks, build helpers, config files.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs', 'tests/bench/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Benchmarks drive Chromium: their page.evaluate() callbacks run in the browser.
    files: ['tests/bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
