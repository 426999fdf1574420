// ESLint: typescript-eslint plus the import rules that keep the architecture honest:
//   measure (server/src/probe, miniprogram/runner) → observations → diagnose → present.
import globals from 'globals';
import tseslint from 'typescript-eslint';

const classifierOrDiagnosis = {
  group: ['**/classify', '**/classify/**', '**/diagnose', '**/diagnose/**'],
  message: 'Measuring code records raw observations only: it never imports the classifier or diagnosis.',
};

// What shared/ may not import (see the shared/ block below).
const pureShared = [
  { regex: '^node:', message: 'shared/ must not import node:* (it also runs inside WeChat).' },
  {
    regex: '^[^.]',
    allowTypeImports: true,
    message: 'shared/ must not import npm packages (no runtime dependencies; type-only imports are fine).',
  },
];

const presentation = {
  group: ['**/present', '**/present/**'],
  message:
    'The pipeline flows observations → classify/diagnose → present: presentation may import them, never the reverse. Put a shared word in shared/observations (vocabulary.ts), or let the presenter phrase it from the evidence.',
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
      'no-restricted-imports': ['error', { patterns: pureShared }],
      'no-restricted-globals': [
        'error',
        { name: 'wx', message: 'shared/ must not touch wx.* (it also runs in Node).' },
        { name: 'process', message: 'shared/ must not touch process (it also runs inside WeChat).' },
        { name: 'require', message: 'shared/ is ES modules only.' },
      ],
    },
  },
  {
    // The stages before presentation never reach forward into it (a later block replaces the rule,
    // so the pure-shared patterns are repeated here).
    files: ['shared/observations/**/*.ts', 'shared/classify/**/*.ts', 'shared/diagnose/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/**/testdata/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...pureShared, presentation] }] },
  },
  {
    // shared/stats holds the pure statistics both the probe and the diagnosis use (the probe asks
    // whether a differential is close to the level): what the probe may import must not pull the
    // diagnosis or presentation in behind it.
    files: ['shared/stats/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...pureShared, classifierOrDiagnosis, presentation] }],
    },
  },
  {
    files: ['server/src/probe/**/*.ts', 'miniprogram/runner/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [classifierOrDiagnosis] }] },
  },
  {
    // What ships in the mini-program package: devtools' ES6→ES5 transform (needed on older iOS, see
    // miniprogram/README.md) turns async functions into regenerator state machines plus a 6.6 KB
    // runtime, and a class that extends a built-in into a dozen helpers. Promise chains and plain
    // objects say the same in far fewer bytes; the package stays under its 150 KB budget.
    files: ['miniprogram/**/*.ts'],
    ignores: ['**/*.test.ts', 'miniprogram/test/**', 'miniprogram/shared/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: ':function[async=true]',
          message:
            'No async functions in the mini-program package: use a Promise chain (miniprogram/README.md, package size).',
        },
        {
          selector: 'ClassDeclaration[superClass], ClassExpression[superClass]',
          message:
            'No subclasses in the mini-program package (Babel helpers): use a plain object or function.',
        },
      ],
    },
  },
);
