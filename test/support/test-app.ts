import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Runtime, DefaultLogger, type ActivityInterceptorsFactory } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createWorkerActivities } from '@salur/activities';
import { createSalurWorker } from '@salur/apps/worker/src/create-worker';
import { loadConfig, type AppConfig } from '@salur/libs/config/app-config';
import { buildDataSourceOptions } from '@salur/libs/persistence/data-source-options';
import {
  ensureTestPayloadKeys,
  TEST_DATABASE_URL,
  TEST_STATE_DIR,
  TEST_TEMPORAL_ADDRESS,
  WORKFLOW_BUNDLE_PATH,
} from './services';

/**
 * Signs the tokens of test apps; tests also sign expired or forged tokens with it. Random
 * per test file, so no secret that signs tokens is written in the repository.
 */
export const TEST_JWT_SECRET = randomBytes(32).toString('base64url');

/** The payload keys every test client and worker encrypts with, parsed as the apps parse them. */
const TEST_PAYLOAD_KEYS = loadConfig({ PAYLOAD_KEYS: ensureTestPayloadKeys() }).payloadKeys;

let runtimeInstalled = false;

/** Keeps the SDK's own logging to warnings so test output stays readable. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/**
 * Config for one test file: its own task queue, so workers of test files running in
 * parallel never pick up each other's tasks.
 */
export function testConfig(sop: Partial<AppConfig['sop']> = {}): AppConfig {
  return {
    databaseUrl: TEST_DATABASE_URL,
    temporal: {
      address: TEST_TEMPORAL_ADDRESS,
      namespace: 'default',
      taskQueue: `test-${randomUUID()}`,
    },
    api: { port: 0 },
    logLevel: 'warn',
    sop: { stepSlaMs: 3_600_000, slaByStepMs: {}, deliveryGraceMs: 3_600_000, ...sop },
    jwt: { secret: TEST_JWT_SECRET, ttlSeconds: 3600 },
    evidence: { dir: join(TEST_STATE_DIR, 'evidence'), maxBytes: 10 * 1024 * 1024 },
    documents: {
      dir: join(TEST_STATE_DIR, 'documents'),
      agency: 'Dinas Sosial',
      agencyAddress: '',
      verifyUrl: 'http://127.0.0.1:3000/verify',
    },
    payloadKeys: TEST_PAYLOAD_KEYS,
    codecAllowedOrigins: ['http://127.0.0.1:8233'],
    // High, so no test (nor the fuzz of every endpoint) hits them; api-rate-limits sets its own.
    rateLimits: {
      loginPerUser: { limit: 1_000_000, windowMs: 60_000 },
      loginPerAddress: { limit: 1_000_000, windowMs: 60_000 },
      expensivePerUser: { limit: 1_000_000, windowMs: 60_000 },
      verifyPerAddress: { limit: 1_000_000, windowMs: 60_000 },
    },
  };
}

/** A unique programme id, so tests never see each other's workflows or rows. */
export function testProgramId(): string {
  return `t-${randomUUID().slice(0, 8)}`;
}

export async function openTestDataSource(): Promise<DataSource> {
  return new DataSource(buildDataSourceOptions(TEST_DATABASE_URL)).initialize();
}

/**
 * A real worker on the test Temporal server, running the bundle made in global setup;
 * `activityInterceptors` wrap every activity it runs (a fault a test injects).
 */
export async function startTestWorker(
  config: AppConfig,
  dataSource: DataSource,
  activityInterceptors: ActivityInterceptorsFactory[] = [],
) {
  quietRuntime();
  const { worker, connection } = await createSalurWorker({
    config,
    activities: createWorkerActivities(dataSource, config),
    workflowBundlePath: WORKFLOW_BUNDLE_PATH,
    activityInterceptors,
  });
  const running = worker.run();
  return {
    worker,
    async stop(): Promise<void> {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
