import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'coverage/**',
      'bench/results/**',
      '**/.terraform/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
    },
  },
  {
    // The layers of DESIGN.md: provider knows no storage, fleet knows no Terraform, the simulator stands alone.
    files: ['src/provider/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/resources/**', '**/fleet/**', '**/simulator/**'] }],
    },
  },
  {
    files: ['src/fleet/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/provider/**', '**/resources/**', '**/simulator/**'] },
      ],
    },
  },
  {
    files: ['src/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/provider/**', '**/resources/**', '**/fleet/**'] }],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'test/**', 'src/**/cli.ts', 'src/**/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // CommonJS glue (jest transforms and setup, the executable's loader) uses require by nature.
    files: ['**/*.cjs', 'scripts/lib/code-cache-loader.js', 'jest.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
      },
    },
  },
);
