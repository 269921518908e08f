import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { REPO_ROOT } from '../support/services';
import { eventually, SopDriver } from '../support/sop-driver';
import { openTestDataSource, testConfig } from '../support/test-app';

/**
 * The real worker process (apps/worker) is killed with SIGKILL while verval runs, then
 * started again: the allocation finishes verval once, with no duplicate records.
 */
describe('a worker killed mid-activity', () => {
  const config = testConfig();
  const kec = '33.74.13';
  const persons = 150_000;
  let dataSource: DataSource;
  let sop: SopDriver;
  let worker: ChildProcess | undefined;

  const startWorker = (): ChildProcess => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/apps/worker/src/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: config.databaseUrl,
        TEMPORAL_ADDRESS: config.temporal.address,
        TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  };
  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) =>
      child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
    );

  beforeAll(async () => {
    // The worker runs from the build, as in production.
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
    dataSource = await openTestDataSource();
    sop = await SopDriver.connect(config, dataSource);
    worker = startWorker();
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await exited(worker);
    }
    await sop?.close();
    await dataSource?.destroy();
  });

  it('finishes verval after a restart, exactly once', async () => {
    await sop.startProgramme([{ kecamatanCode: kec, quota: persons }]);
    await sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-crash' });
    await sop.propose(kec, persons);
    const verval = sop.act(kec, 'RUN_VERVAL', 'tim_data');

    // Wait until the verval statement is running in PostgreSQL, then kill the worker.
    await eventually(
      async () => {
        const running: { n: number }[] = await dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE state = 'active' AND query LIKE '/* salur:verval-run */%'`,
        );
        if (running[0].n === 0) throw new Error('verval not running yet');
      },
      120_000,
      50,
    );
    worker!.kill('SIGKILL');
    await exited(worker!);
    const midway: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM verval_run WHERE workflow_id = $1`,
      [sop.allocationId(kec)],
    );
    expect(midway[0].n).toBe(0); // the killed run's transaction left nothing behind

    worker = startWorker();
    const view = await verval;
    expect(view).toMatchObject({ step: 'sk', counts: { accepted: persons, rejected: 0 } });

    const runs: { n: number; results: number }[] = await dataSource.query(
      `SELECT count(DISTINCT r.id)::int AS n, count(v.*)::int AS results
         FROM verval_run r JOIN verval_result v ON v.verval_run_id = r.id WHERE r.workflow_id = $1`,
      [sop.allocationId(kec)],
    );
    expect(runs[0]).toEqual({ n: 1, results: persons });
    const records: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM sop_step_record WHERE workflow_id = $1 AND step = 'verval'`,
      [sop.allocationId(kec)],
    );
    expect(records[0].n).toBe(1);
  });
});
