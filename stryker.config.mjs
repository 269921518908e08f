// Mutation testing of the pure core (`npm run mutate`): StrykerJS plants small bugs in the
// SOP machine, the domain rules, the import readers and the access policy, and counts how
// many the unit specs catch. Reports land in .data/mutation/; the incremental file lets a
// re-run test only the mutants whose code or tests changed.
import jestConfig from './jest.config.js';

const unitProject = jestConfig.projects.find((project) => project.displayName === 'unit');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', config: unitProject, enableFindRelatedTests: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'workflows/sop/**/*.ts',
    'libs/sop/**/*.ts',
    'libs/domain/**/*.ts',
    'libs/import/**/*.ts',
    'apps/api/src/auth/access-policy.ts',
    '!**/*.spec.ts',
    '!**/*.fixtures.ts',
    '!**/*.arbitrary.ts',
    '!**/index.ts',
    // These touch PostgreSQL: the integration suite covers them, not the unit specs.
    '!libs/import/db.ts',
    '!libs/import/stage.ts',
    '!libs/import/validation.ts',
    '!libs/import/exclusion-import.ts',
    '!libs/import/proposal-import.ts',
  ],
  ignorePatterns: ['.data', 'dist', 'coverage'],
  incremental: true,
  incrementalFile: '.data/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.data/mutation/report.html' },
  jsonReporter: { fileName: '.data/mutation/report.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.data/stryker-tmp',
  concurrency: 2,
  thresholds: { high: 90, low: 85, break: null },
  timeoutMS: 10000,
};
