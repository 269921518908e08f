import './register-aliases';
import { mkdirSync, writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Client } from 'pg';
import { webpackConfigHook, WORKFLOWS_PATH } from '@salur/apps/worker/src/workflow-bundle';
import { migrate } from '@salur/libs/persistence/migrate';
import {
  ensureTestPayloadKeys,
  isRunning,
  runInfra,
  SERVICES_STATE_FILE,
  TEST_DATABASE_URL,
  TEST_STATE_DIR,
  WORKFLOW_BUNDLE_PATH,
} from './services';

const ignore = (): void => undefined;
const quietBundlerLogger = {
  log: ignore,
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: (message: string) => process.stderr.write(`workflow bundle: ${message}\n`),
};

/**
 * Starts what the integration tests need (or reuses what runs), migrates a fresh
 * test database and bundles the workflow code once for every test file.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(TEST_STATE_DIR, { recursive: true });
  ensureTestPayloadKeys();
  const startedPostgres = !isRunning('postgres');
  runInfra('postgres', 'start');
  const startedTemporal = !isRunning('temporal');
  runInfra('temporal', 'start');
  writeFileSync(SERVICES_STATE_FILE, JSON.stringify({ startedPostgres, startedTemporal }));

  const db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  try {
    await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } finally {
    await db.end();
  }
  await migrate(TEST_DATABASE_URL);

  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    webpackConfigHook,
    logger: quietBundlerLogger,
  });
  writeFileSync(WORKFLOW_BUNDLE_PATH, code);
}
