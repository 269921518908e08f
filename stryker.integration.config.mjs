// Mutation testing of the rules only the integration suite can check (`npm run
// mutate:integration`): the step record written once per transition, the Idempotency-Key
// claimed before a command, and the SK's verification. Each mutant runs the real tests on a
// real Temporal server and PostgreSQL (infra/mutate-integration.sh starts them), so the list
// of files is short on purpose. Workflow code is not in it: it runs in Temporal's sandbox,
// which Stryker's switch does not reach; the planted-bug tests guard it instead
// (sop-stuck-programme, activity-retry-after-commit).
import jestConfig from './jest.config.js';

const integrationProject = jestConfig.projects.find(
  (project) => project.displayName === 'integration',
);

const GUARDING_SPECS = ['libs/temporal/idempotency.spec.ts'];

const GUARDING_TESTS = [
  'activity-retry-after-commit.test.ts',
  'api-command-retry.test.ts',
  'api-client-mistakes.test.ts', // a reused Idempotency-Key (422)
  'sk-freeze.test.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // Replaces jest.config.js's projects (a plain override would keep the unit project too).
    config: {
      projects: [
        {
          ...integrationProject,
          // The unit specs of the mutated files too: a mutant any guard catches is caught.
          testMatch: [
            ...GUARDING_TESTS.map((file) => `<rootDir>/test/integration/${file}`),
            ...GUARDING_SPECS.map((file) => `<rootDir>/${file}`),
          ],
        },
      ],
    },
    enableFindRelatedTests: false,
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'activities/transition-context.ts',
    'libs/persistence/step-record.repository.ts',
    'libs/persistence/idempotency-key.repository.ts',
    'libs/temporal/idempotency.ts',
    'libs/temporal/send-command.ts',
    'libs/persistence/sk/sk-verify.ts',
  ],
  ignorePatterns: ['.data', 'dist', 'coverage'],
  incremental: true,
  incrementalFile: '.data/mutation-integration/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.data/mutation-integration/report.html' },
  jsonReporter: { fileName: '.data/mutation-integration/report.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.data/stryker-tmp-integration',
  // One test runner: the tests share one database and one Temporal server.
  concurrency: 1,
  thresholds: { high: 90, low: 85, break: null },
  timeoutMS: 300000,
  dryRunTimeoutMinutes: 30,
};
