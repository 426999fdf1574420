// ESLint: typescript-eslint plus the import rules that keep the architecture honest:
//   measure (server/src/probe, miniprogram/runner) → observations → diagnose → present.
import globals from 'globals';
import tseslint from 'typescript-eslint';

const classifierOrDiagnosis = {
  group: ['**/classify', '**/classify/**', '**/diagnose', '**/diagnose/**'],
  message: 'Measuring code records raw observations only: it never imports the classifier or diagnosis.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'server/dist/**',
      'miniprogram/shared/**',
      '.vitest-build/**',
      '.bench-build/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    // Plain JavaScript: the build, sync, size and bench scripts, the CLI's launcher, this file. Node only.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use `as const` tables with union types, not enums.' },
      ],
    },
  },
  {
    // shared/ runs in Node and inside WeChat: pure TypeScript, no Node, no wx, no npm runtime packages.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/**/testdata/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'shared/ must not import node:* (it also runs inside WeChat).' },
            {
              regex: '^[^.]',
              allowTypeImports: true,
              message:
                'shared/ must not import npm packages (no runtime dependencies; type-only imports are fine).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'wx', message: 'shared/ must not touch wx.* (it also runs in Node).' },
        { name: 'process', message: 'shared/ must not touch process (it also runs inside WeChat).' },
        { name: 'require', message: 'shared/ is ES modules only.' },
      ],
    },
  },
  {
    files: ['server/src/probe/**/*.ts', 'miniprogram/runner/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [classifierOrDiagnosis] }] },
  },
);
