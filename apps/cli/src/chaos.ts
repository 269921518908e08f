import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { repoRoot } from '@salur/libs/config/repo-root';
import { loadChaosSettings } from '@salur/libs/config/tool-config';
import type { StepRecordKind } from '@salur/libs/sop/step-records';
import { runProgramme, type ProgrammeSummaryRow } from './programme-run';
import { createProgress } from './progress';

/**
 * The fault-injection run (npm run chaos): a private PostgreSQL cluster, a dev Temporal with
 * a file database (restarts keep its state), a worker and an API, all on their own ports;
 * the main job drives a small programme through the API while worker SIGKILLs, Temporal
 * restarts, PostgreSQL immediate stops and API kills come one after another. The job must
 * finish by itself; SQL checks then count what was lost or duplicated. Exit 0 only if none.
 *   chaos [--worker-kills 20] [--temporal-restarts 5] [--postgres-stops 5] [--api-kills 2]
 *         [--persons 40] [--kecamatan 4] [--gap-ms 1500]
 * Ports: CHAOS_PG_PORT (5305), CHAOS_TEMPORAL_PORT (9305), CHAOS_TEMPORAL_UI_PORT (9405),
 * CHAOS_API_PORT (8305); state under CHAOS_DATA_DIR (.data/chaos), removed after a clean run.
 */
type Fault = 'worker' | 'temporal' | 'postgres' | 'api';

const REPO_ROOT = repoRoot();

const run = promisify(execFile);
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const SETTINGS = loadChaosSettings();

const PLAN: Record<Fault, number> = {
  worker: option('worker-kills', 20),
  temporal: option('temporal-restarts', 5),
  postgres: option('postgres-stops', 5),
  api: option('api-kills', 2),
};
const PERSONS = option('persons', 40);
const KECAMATAN = ['33.74.01', '33.74.02', '33.74.03', '33.74.04', '33.74.05', '33.74.06'].slice(
  0,
  option('kecamatan', 4),
);
const GAP_MS = option('gap-ms', 1500);
const PG_PORT = SETTINGS.pgPort;
const TEMPORAL_PORT = SETTINGS.temporalPort;
const API_PORT = SETTINGS.apiPort;
const DATA_DIR = SETTINGS.dataDir ?? join(REPO_ROOT, '.data/chaos');
const DATABASE_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/salur`;

/** The environment of the infra scripts and the apps: never the machine's shared services. */
const ENV: NodeJS.ProcessEnv = {
  ...SETTINGS.inherited,
  SALUR_DATA_DIR: DATA_DIR,
  DATABASE_URL,
  TEST_DATABASE_URL: `postgres://postgres@127.0.0.1:${PG_PORT}/salur_test`,
  TEMPORAL_INSTANCE: 'dev',
  TEMPORAL_PORT: String(TEMPORAL_PORT),
  TEMPORAL_UI_PORT: String(SETTINGS.temporalUiPort),
  TEMPORAL_ADDRESS: `127.0.0.1:${TEMPORAL_PORT}`,
  TEMPORAL_TASK_QUEUE: 'salur-chaos',
  API_PORT: String(API_PORT),
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
};

const log = (line: string) => process.stdout.write(`[chaos] ${line}\n`);
const infra = (script: string, command: string) =>
  run('bash', [join(REPO_ROOT, 'infra', script), command], { env: ENV, cwd: REPO_ROOT });

async function pgCtl(...rest: string[]): Promise<void> {
  const bins = (await run('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1']))
    .stdout;
  const pgCtlPath = join(bins.trim(), 'pg_ctl');
  const argv = [pgCtlPath, '-D', join(DATA_DIR, 'postgres'), ...rest];
  // initdb/pg_ctl refuse root; the cluster belongs to the postgres system user then.
  if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', ...argv]);
  else await run(argv[0], argv.slice(1));
}

class App {
  private child?: ChildProcess;
  constructor(
    private readonly name: 'api' | 'worker',
    private readonly entry: string,
  ) {}

  start(): void {
    const out = createWriteStream(join(DATA_DIR, `${this.name}.log`), { flags: 'a' });
    this.child = spawn(process.execPath, [join(REPO_ROOT, this.entry)], {
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(out);
    this.child.stderr?.pipe(out);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

const worker = new App('worker', 'dist/apps/worker/src/main.js');
const api = new App('api', 'dist/apps/api/src/main.js');

async function inject(fault: Fault): Promise<void> {
  switch (fault) {
    case 'worker':
      await worker.kill();
      worker.start();
      return;
    case 'api':
      await api.kill();
      await sleep(500);
      api.start();
      return;
    case 'temporal':
      await infra('temporal.sh', 'stop');
      await infra('temporal.sh', 'start');
      return;
    case 'postgres':
      await pgCtl('stop', '-m', 'immediate');
      await sleep(1_000);
      await infra('postgres.sh', 'start');
      return;
  }
}

/** The faults in an interleaved order, so each kind is spread over the run. */
function schedule(plan: Record<Fault, number>): Fault[] {
  const total = Object.values(plan).reduce((a, b) => a + b, 0);
  const placed = (Object.entries(plan) as [Fault, number][]).flatMap(([fault, n]) =>
    Array.from({ length: n }, (_, i) => ({ fault, at: (i + 0.5) / n })),
  );
  return placed
    .sort((a, b) => a.at - b.at)
    .map((p) => p.fault)
    .slice(0, total);
}

interface Integrity {
  lost: number;
  duplicated: number;
  orphans: number;
  problems: string[];
}

/** SQL checks over what the programme wrote: every count conserved, nothing twice. */
async function checkIntegrity(programId: string, rows: ProgrammeSummaryRow[]): Promise<Integrity> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const problems: string[] = [];
  let lost = 0;
  let duplicated = 0;
  let orphans: number;
  try {
    const like = `allocation-${programId}-%`;
    const perStep = await db.query<{ workflow_id: string; step: string; n: number; keys: number }>(
      `SELECT workflow_id, step, count(*)::int AS n, count(DISTINCT business_key)::int AS keys
         FROM sop_step_record WHERE workflow_id LIKE $1 GROUP BY 1, 2`,
      [like],
    );
    // What the main job does once, per round of packing, per kelurahan on the BAST.
    const once: StepRecordKind[] = [
      'request-letter',
      'proposal-input',
      'handover',
      'schedule',
      'delivery',
      'monev-sign-off',
      'collection-complete',
    ];
    for (const [index, row] of rows.entries()) {
      const id = `allocation-${programId}-${row.kecamatan}`;
      const steps = new Map(
        perStep.rows.filter((r) => r.workflow_id === id).map((r) => [r.step, r]),
      );
      const expect = (step: StepRecordKind, n: number) => {
        const got = steps.get(step)?.n ?? 0;
        if (got > n) duplicated += got - n;
        if (got < n) lost += n - got;
        if (got !== n) problems.push(`${row.kecamatan} ${step}: ${got} records, expected ${n}`);
      };
      for (const step of once) expect(step, 1);
      const rounds = row.failed_inspections + 1;
      // Packing: reported and declared; readiness: coordinated and the vendor ready.
      expect('packing', 2 * rounds);
      expect('readiness', 2 * rounds);
      expect('inspection', rounds);
      // The main job's complaint needs action (and a follow-up) in every fourth kecamatan.
      expect('monev-complaint', index % 4 === 0 ? 2 : 1);
      const kelurahan = steps.get('distribution')?.keys ?? 0;
      expect('bast-bnba', kelurahan);
      expect('distribution', kelurahan);
      expect('bast-collected', kelurahan);
    }
    // Counts conserved: persons in the SK = parcels delivered = parcels distributed.
    const flows = await db.query<{ workflow_id: string; delivered: number; distributed: number }>(
      `SELECT workflow_id,
              sum((data->>'deliveredCount')::int) FILTER (WHERE step = 'delivery')::int AS delivered,
              sum((data->>'distributedCount')::int) FILTER (WHERE step = 'distribution')::int AS distributed
         FROM sop_step_record WHERE workflow_id LIKE $1 GROUP BY 1`,
      [like],
    );
    for (const row of rows) {
      const flow = flows.rows.find((f) => f.workflow_id.endsWith(row.kecamatan));
      const inSk = row.accepted;
      for (const [what, n] of [
        ['delivered', flow?.delivered ?? 0],
        ['distributed', flow?.distributed ?? 0],
        ['distributed (API)', row.distributed],
      ] as const) {
        if (n !== inSk) {
          problems.push(`${row.kecamatan}: ${inSk} in the SK, ${n} ${what}`);
          if (n < inSk) lost += inSk - n;
          else duplicated += n - inSk;
        }
      }
      if (row.accepted + row.withdrawn !== row.proposed) {
        problems.push(
          `${row.kecamatan}: ${row.proposed} proposed ≠ ${row.accepted} accepted + ${row.withdrawn} withdrawn`,
        );
        lost += Math.abs(row.proposed - row.accepted - row.withdrawn);
      }
    }
    // Orphans: results without their verval run, records of allocations the programme lacks.
    const orphanRows = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM verval_result v LEFT JOIN verval_run r ON r.id = v.verval_run_id
                WHERE r.id IS NULL)
            + (SELECT count(*) FROM sop_step_record WHERE workflow_id LIKE $1
                AND NOT (workflow_id = ANY($2::text[])))
            + (SELECT count(*) FROM evidence WHERE workflow_id LIKE $1
                AND NOT (workflow_id = ANY($2::text[]))) AS n`,
      [like, rows.map((r) => `allocation-${programId}-${r.kecamatan}`)],
    );
    orphans = Number(orphanRows.rows[0].n);
    if (orphans > 0) problems.push(`${orphans} orphan rows`);
  } finally {
    await db.end();
  }
  return { lost, duplicated, orphans, problems };
}

async function main(): Promise<void> {
  await mkdir(DATA_DIR, { recursive: true });
  const started = Date.now();
  const injected: Record<Fault, number> = { worker: 0, temporal: 0, postgres: 0, api: 0 };
  let outcome: Integrity | undefined;
  try {
    log(`private PostgreSQL on ${PG_PORT}, Temporal on ${TEMPORAL_PORT}, API on ${API_PORT}`);
    await infra('postgres.sh', 'start');
    await infra('temporal.sh', 'start');
    await run(process.execPath, [join(REPO_ROOT, 'dist/libs/persistence/migrate.js')], {
      env: ENV,
    });
    await run(process.execPath, [join(REPO_ROOT, 'dist/apps/cli/src/seed-demo-users.js')], {
      env: ENV,
    });
    worker.start();
    api.start();
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`http://127.0.0.1:${API_PORT}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(500);
    }

    const programId = `chaos-${Date.now().toString(36)}`;
    const workDir = await mkdtemp(join(tmpdir(), 'salur-chaos-'));
    let done = false;
    const job = runProgramme({
      baseUrl: `http://127.0.0.1:${API_PORT}`,
      programId,
      persons: PERSONS,
      kecamatan: KECAMATAN,
      workDir,
      progress: createProgress({ bars: false, log: (line) => log(`job: ${line.trim()}`) }),
    }).finally(() => {
      done = true;
    });
    const faults = async () => {
      for (const fault of schedule(PLAN)) {
        await sleep(GAP_MS);
        if (done) return;
        await inject(fault);
        injected[fault]++;
        log(
          `injected ${fault} (${Object.entries(injected)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`,
        );
      }
    };
    const [rows] = await Promise.all([job, faults()]);
    await rm(workDir, { recursive: true, force: true });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    log(
      `main job finished by itself in ${seconds} s: ${rows.filter((r) => r.step.endsWith('completed')).length} of ${rows.length} allocations completed`,
    );
    outcome = await checkIntegrity(programId, rows);
    for (const problem of outcome.problems) log(`problem: ${problem}`);
    log(
      `injected ${injected.worker} worker kills, ${injected.temporal} Temporal restarts, ` +
        `${injected.postgres} PostgreSQL stops, ${injected.api} API kills; ` +
        `${rows.reduce((s, r) => s + r.accepted, 0)} persons in the SK; ` +
        `${outcome.lost} lost, ${outcome.duplicated} duplicated, ${outcome.orphans} orphans`,
    );
  } finally {
    await api.kill('SIGTERM');
    await worker.kill('SIGTERM');
    await infra('temporal.sh', 'stop').catch(() => undefined);
    await pgCtl('stop', '-m', 'fast').catch(() => undefined);
  }
  const clean = outcome && outcome.lost + outcome.duplicated + outcome.orphans === 0;
  if (!clean) {
    log(`logs and the cluster are kept in ${DATA_DIR}`);
    process.exitCode = 1;
    return;
  }
  await rm(DATA_DIR, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
