import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runProgramme, type ProgrammeSummaryRow } from '@salur/apps/cli/src/programme-run';
import { createProgress } from '@salur/apps/cli/src/progress';
import { seedDemoUsers } from '@salur/apps/cli/src/seed-demo-users';
import {
  openTestDataSource,
  startTestWorker,
  testConfig,
  testProgramId,
} from '../support/test-app';
import { createTestApi } from '../support/api-app';
import { useRegisterImportLease } from '../support/exclusion-registers';
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy';

/**
 * The main job against an API that restarts under it: answers 503, refuses connections and
 * loses answers to commands it applied. The job retries, each command applies once, and a
 * job that gives up is resumed from the state the API reports.
 */
describe('the main job under faults', () => {
  // The job loads all six register files, replacing everyone's entries.
  useRegisterImportLease();
  const config = testConfig();
  const kecamatan = ['33.74.01', '33.74.02'];
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let api: string;
  let proxy: FlakyProxy | undefined;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    app = await createTestApi(config, { listen: true });
    await seedDemoUsers(app.get(DataSource));
    api = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  const run = async (baseUrl: string, programId: string, extra: { resume?: boolean } = {}) =>
    runProgramme({
      baseUrl,
      programId,
      persons: 20,
      kecamatan,
      concurrency: 2,
      workDir: await mkdtemp(join(tmpdir(), 'salur-faults-')),
      progress: createProgress({ bars: false, log: () => undefined }),
      retry: { initialDelayMs: 20, maxDelayMs: 200, maxElapsedMs: 5_000 },
      ...extra,
    });

  /** What a user checks: every allocation completed, every parcel accounted for once. */
  function expectCompletedOnce(rows: ProgrammeSummaryRow[]) {
    expect(rows.map((r) => [r.kecamatan, r.step, r.stuck])).toEqual(
      kecamatan.map((k) => [k, '17 completed', 'no']),
    );
    for (const row of rows) {
      expect(row.accepted + row.withdrawn).toBe(row.proposed);
      expect([row.delivered, row.distributed]).toEqual([row.accepted, row.accepted]);
    }
    // A command applied twice would show: a second complaint, a third inspection.
    expect(rows.map((r) => [r.complaints, r.failed_inspections])).toEqual([
      [1, 1],
      [1, 0],
    ]);
  }

  it('retries 503s, refused connections and lost answers; every command applies once', async () => {
    // Every third command's answer is lost after the API applied it; other requests in turn
    // meet a 503 or a refused connection.
    proxy = await startFlakyProxy(api, (request, index) => {
      if (request.url?.includes('/commands/') && index % 3 === 0) return 'lose-answer';
      return (['pass', 'pass', 'unavailable', 'pass', 'refuse'] as const)[index % 5];
    });
    const programId = testProgramId();
    const rows = await run(proxy.url, programId);
    expect(proxy.injected['lose-answer']).toBeGreaterThan(10);
    expect(proxy.injected.unavailable).toBeGreaterThan(10);
    expect(proxy.injected.refuse).toBeGreaterThan(10);
    expectCompletedOnce(rows);
  });

  it('resumes a programme whose job gave up, from the state the API reports', async () => {
    // The API goes away for good after the 60th request: the job gives up mid-programme.
    proxy = await startFlakyProxy(api, (_request, index) => (index >= 60 ? 'refuse' : 'pass'));
    const programId = testProgramId();
    await expect(run(proxy.url, programId)).rejects.toThrow(/still failing/);

    const rows = await run(api, programId, { resume: true });
    expectCompletedOnce(rows);
  });
});
