import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { buildDist, REPO_ROOT } from '../support/services';
import { eventually, SopDriver } from '../support/sop-driver';
import { openTestDataSource, testConfig } from '../support/test-app';

/**
 * The real worker process (apps/worker) is killed with SIGKILL while verval runs, or while a
 * short activity waits on PostgreSQL, then started again: the allocation finishes the step
 * once, with no duplicate records, and a short step costs seconds, not its whole timeout.
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
    buildDist();
    dataSource = await openTestDataSource();
    sop = await SopDriver.connect(config, dataSource);
    worker = startWorker();
    // The build alone took over two minutes on a loaded 2-core machine.
  }, 300_000);
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

  it('costs a short activity seconds, not its start-to-close timeout, when its worker dies', async () => {
    const short = '33.74.14';
    const sop = await SopDriver.connect(config, dataSource);
    await sop.startProgramme([{ kecamatanCode: short, quota: 10 }]);
    await sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-crash-short' });
    // Hold the step records so the request letter's activity waits in PostgreSQL.
    const lock = dataSource.createQueryRunner();
    await lock.startTransaction();
    await lock.query('LOCK TABLE sop_step_record IN SHARE ROW EXCLUSIVE MODE');
    let command: Promise<unknown> | undefined;
    try {
      command = sop.act(short, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', {
        letterNo: 'SP-crash-short',
        letterDate: '2021-07-12',
        acknowledgedByCamat: true,
      });
      await eventually(
        async () => {
          const waiting: { n: number }[] = await dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO sop_step_record%'`,
          );
          if (waiting[0].n === 0) throw new Error('activity not waiting yet');
        },
        60_000,
        50,
      );
      worker!.kill('SIGKILL');
      await exited(worker!);
    } finally {
      await lock.rollbackTransaction();
      await lock.release();
    }
    const killedAt = Date.now();
    worker = startWorker();
    await expect(command).resolves.toMatchObject({ step: 'proposal-input' });
    // Before heartbeats on every activity this took the 2-minute start-to-close timeout.
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    const records: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM sop_step_record WHERE workflow_id = $1 AND step = 'request-letter'`,
      [sop.allocationId(short)],
    );
    expect(records[0].n).toBe(1);
    await sop.close();
  });
});
