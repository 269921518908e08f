import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Client } from 'pg';
import { benchDatabaseUrl } from '@salur/libs/config/bench-config';
import { generateProposals, TEMPLATE_COLUMNS, toCsvLine } from '@salur/libs/synthetic/generator';
import { migrate } from '@salur/libs/persistence/migrate';
import { readRegionSeed } from '@salur/libs/persistence/seed/regions';

export const BENCH_DATABASE_URL = benchDatabaseUrl();

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Writes `rows` synthetic proposals for one kecamatan in the template's CSV columns. */
export async function writeProposalCsv(
  file: string,
  kecamatanCode: string,
  rows: number,
  seed = 7,
): Promise<void> {
  const kelurahan = readRegionSeed()
    .filter((r) => r.parentCode === kecamatanCode)
    .map((r) => r.code);
  const out = createWriteStream(file);
  out.write(`${TEMPLATE_COLUMNS.join(',')}\n`);
  const plans = [{ kecamatanCode, kelurahanCodes: kelurahan, count: rows }];
  const shares = { invalid: 0, nonResident: 0, excluded: 0, duplicate: 0 };
  for (const person of generateProposals(plans, { seed, shares })) {
    if (!out.write(`${toCsvLine(person)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Drops and re-creates the benchmark's schema with every migration: each round starts alike. */
export async function freshSchema(): Promise<void> {
  await withClient(BENCH_DATABASE_URL, (db) =>
    db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public'),
  );
  await migrate(BENCH_DATABASE_URL);
}

let checkpointRefused = false;

/**
 * Writes every dirty page out before a timed run, so that no run pays for the checkpoint
 * its predecessor (or the set-up) made due. It needs a superuser (or pg_checkpoint); without
 * one the runs go on and a note says their spread may be wider.
 */
export async function checkpoint(db: Client): Promise<void> {
  if (checkpointRefused) return;
  try {
    await db.query('CHECKPOINT');
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    checkpointRefused = true;
    process.stderr.write(
      'note: this user may not CHECKPOINT; runs may pay for earlier writes (a wider spread)\n',
    );
  }
}

/** How many runs are made and how many of them are measured. */
export interface RunPlan {
  readonly warmups: number;
  readonly runs: number;
}

/**
 * Makes `plan.warmups` rounds that are not counted, then `plan.runs` measured ones, one after
 * another; returns the measured rounds. Progress goes to stderr, figures to stdout.
 */
export async function measuredRounds<T>(
  plan: RunPlan,
  what: string,
  round: () => Promise<T>,
): Promise<T[]> {
  const measured: T[] = [];
  for (let index = 0; index < plan.warmups + plan.runs; index++) {
    const warmUp = index < plan.warmups;
    process.stderr.write(
      `  ${what}: ${warmUp ? `warm-up ${index + 1} of ${plan.warmups}` : `run ${index - plan.warmups + 1} of ${plan.runs}`}\n`,
    );
    const result = await round();
    if (!warmUp) measured.push(result);
  }
  return measured;
}

/** `2 warm-ups not counted, 5 measured runs`, for the heading of a benchmark. */
export function describePlan(plan: RunPlan): string {
  const warmUps = `${plan.warmups} warm-up${plan.warmups === 1 ? '' : 's'} not counted`;
  return `${warmUps}, ${plan.runs} measured run${plan.runs === 1 ? '' : 's'}`;
}
