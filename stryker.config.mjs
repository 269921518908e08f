// Mutation testing of the pure core (`npm run mutate`): StrykerJS plants small bugs in the
// SOP machine, the domain rules, the import readers and the access policy, and counts how
// many the unit specs catch. Reports land in .data/mutation/; the incremental file lets a
// re-run test only the mutants whose code or tests changed.
import jestConfig from './jest.config.js';

const unitProject = jestConfig.projects.find((project) => project.displayName === 'unit');

/**
 * The pure core, one scope a folder (MUTATE_SCOPE=sop|domain|import|auth; unset: all). A
 * scope runs only the specs of its folders, so a first run of one folder fits in an hour on
 * 2 cores, and each scope keeps its own incremental file and report.
 */
const SCOPES = {
  sop: { folders: ['workflows/sop', 'libs/sop'] },
  auth: { folders: ['apps/api/src/auth'], files: ['apps/api/src/auth/access-policy.ts'] },
  domain: { folders: ['libs/domain'] },
  import: { folders: ['libs/import'] },
};
const scopeName = process.env.MUTATE_SCOPE ?? 'all';
if (scopeName !== 'all' && !(scopeName in SCOPES)) {
  throw new Error(
    `MUTATE_SCOPE must be one of ${Object.keys(SCOPES).join(', ')} (got ${scopeName})`,
  );
}
const scopes = scopeName === 'all' ? Object.values(SCOPES) : [SCOPES[scopeName]];
const folders = scopes.flatMap((scope) => scope.folders);
const mutated = scopes.flatMap(
  (scope) => scope.files ?? scope.folders.map((folder) => `${folder}/**/*.ts`),
);
const out = process.env.MUTATE_REPORT_DIR ?? `.data/mutation/${scopeName}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // Stryker lays this over jest.config.js, whose `projects` would survive a plain
    // override: the list is replaced by the unit project alone, so the integration project's
    // global setup (which recreates the shared test database) never runs under Stryker.
    config: {
      projects: [{ ...unitProject, roots: folders.map((folder) => `<rootDir>/${folder}`) }],
    },
    enableFindRelatedTests: false,
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: [
    ...mutated,
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
  incrementalFile: `${out}/stryker-incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${out}/report.html` },
  jsonReporter: { fileName: `${out}/report.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: `.data/stryker-tmp-${scopeName}`,
  concurrency: 2,
  thresholds: { high: 90, low: 85, break: null },
  // Generous: a mutant that only ran slowly on a busy machine must not count as killed.
  timeoutMS: 30000,
  // The first run measures coverage test by test; on a busy 2-core machine it takes minutes.
  dryRunTimeoutMinutes: 30,
};
