// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', '.tools/', 'coverage/', 'bin/', '*.config.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain CommonJS files run by Node (the jest reporter).
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', process: 'readonly' },
    },
  },
  {
    // The reports dashboard's scripts: ES modules in the browser (ECharts, loaded before them, is `window.echarts`).
    files: ['src/api/reports-page/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        sessionStorage: 'readonly',
        fetch: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
  },
  {
    // Tests read JSON response bodies loosely.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Workflow code is replayed: it must stay deterministic, so no Node built-ins and no I/O libraries.
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflow code may not import Node built-ins.' },
            {
              group: [
                'fs',
                'path',
                'os',
                'http',
                'https',
                'net',
                'crypto',
                'child_process',
                'pg',
                'express',
                'pino',
              ],
              message: 'Workflow code may not do I/O; use an activity.',
            },
            {
              group: ['**/activities/*', '**/db/*', '**/api/*'],
              allowTypeImports: true,
              message: 'Workflows reach activities through proxyActivities only.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'Date',
          message:
            'Use the workflow clock (Date is deterministic only via the sandbox); prefer workflowInfo / sleep.',
        },
      ],
    },
  },
  {
    // The domain owns the request and answer schemas (src/domain/contract): the HTTP layer imports it, never the reverse.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api/*'], message: 'The domain depends on nothing of the HTTP layer.' }] },
      ],
    },
  },
  {
    // The case core is pure: no Temporal, so it runs in the workflow, the read model and unit tests alike.
    files: ['src/case/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@temporalio/*'], message: 'The case core has no Temporal imports.' },
            { group: ['node:*', 'pg', 'express', 'pino'], message: 'The case core does no I/O.' },
            {
              group: ['**/activities/*', '**/db/*', '**/api/*', '**/domain/*'],
              message: 'The case core depends on nothing above it.',
            },
          ],
        },
      ],
    },
  },
);
