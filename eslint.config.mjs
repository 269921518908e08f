// Flat config: type-checked rules everywhere, and a purity fence around workflows/.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Floors, top to bottom: apps → workflows → activities → libs. A file imports only from its
// own floor or a lower one (workflows take activities as types only), and the API imports no
// workflow code at all: what it needs of the workflows (names, update definitions, view types)
// lives in libs. Specs may look across floors to compare one with another.
const floor = (names, message, allowTypeImports = false) => ({
  group: names.flatMap((name) => [`**/${name}`, `**/${name}/**`]),
  message,
  allowTypeImports,
});
const UP_TO_APPS = floor(
  ['apps'],
  'Only apps/ may import from apps/ (floors: apps → workflows → activities → libs).',
);
const UP_TO_WORKFLOWS = floor(
  ['workflows'],
  'Import the SOP vocabulary from libs/sop and the Temporal names from libs/temporal, not from workflows/.',
);
const boundaries = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      '*.js',
      '*.mjs',
      'infra/*.mjs',
      'scripts/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      // Another folder is reached through the tsconfig alias, not by climbing to it.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./){2,}',
              message: 'Import from @salur/… (node scripts/alias-imports.mjs rewrites these).',
            },
          ],
        },
      ],
    },
  },
  {
    // Nest resolves constructor parameters from emitted metadata, so injected classes
    // must stay value imports there.
    files: ['apps/**/*.ts', 'libs/**/*.module.ts', 'libs/**/*.repository.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no frameworks,
    // and activities only as types.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code must not use Node built-ins.',
          })),
          patterns: [
            { group: ['@nestjs/*'], message: 'Workflow code must not import NestJS.' },
            {
              group: ['typeorm', 'typeorm/*', 'pg', 'pg-*'],
              message: 'Workflow code must not touch the database.',
            },
            {
              group: ['**/activities', '**/activities/*', '**/libs/persistence/*'],
              allowTypeImports: true,
              message: 'Workflow code may import activities only as types (import type).',
            },
            UP_TO_APPS,
          ],
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: boundaries(
      UP_TO_APPS,
      UP_TO_WORKFLOWS,
      floor(['activities'], 'libs/ is the ground floor: it imports nothing from activities/.'),
    ),
  },
  {
    // The ground under libs/: pure helpers every floor and the workflow sandbox share.
    files: ['libs/shared/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: boundaries({
      group: ['../*', '@salur/*'],
      message: 'libs/shared imports nothing of Salur: every other folder builds on it.',
    }),
  },
  {
    files: ['activities/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: boundaries(
      UP_TO_APPS,
      floor(
        ['workflows'],
        'Activities may import workflow code only as types (import type).',
        true,
      ),
    ),
  },
  {
    files: ['apps/api/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: boundaries(UP_TO_WORKFLOWS),
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  prettier,
);
