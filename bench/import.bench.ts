import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { IMPORT_SETTINGS_SQL } from '@salur/libs/import';
import { formatSpread, formatSummary, spread, summariseRuns, type Run } from './stats';
import {
  BENCH_DATABASE_URL,
  checkpoint,
  describePlan,
  freshSchema,
  measuredRounds,
  withClient,
  writeProposalCsv,
  type RunPlan,
} from './support';

const BASELINE_TABLE = 'bench_plain_copy';

/**
 * Importing N proposals from CSV (stream, COPY into staging, validate in SQL, apply in one
 * transaction) next to a plain COPY of the same file into a logged table without indexes or
 * checks, with the importing process's peak memory (it should stay flat as the file grows).
 * Each round starts on a freshly migrated schema; the baseline runs first, then the import.
 */
export async function benchImport(sizes: number[], workDir: string, plan: RunPlan): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  for (const size of sizes) {
    const file = join(workDir, `usulan-${size}.csv`);
    await writeProposalCsv(file, '33.74.01', size, size);

    const rounds = await measuredRounds(plan, `import of ${size}`, async () => {
      await freshSchema();
      const baseline = await plainCopy(file);
      const product = importInChildProcess(file, size);
      return { baseline, product };
    });

    const product = summariseRuns(rounds.map((r) => r.product));
    const baseline = summariseRuns(rounds.map((r) => r.baseline));
    const peakRss = spread(rounds.map((r) => r.product.peakRssMb));
    process.stdout.write(
      [
        `import of ${size.toLocaleString('en')} proposed rows from CSV (${describePlan(plan)}; median [min–max])`,
        `  session settings of both: ${IMPORT_SETTINGS_SQL}`,
        '  salur import: staged, checked, written to proposed_recipient with its indexes, committed',
        `    ${formatSummary(product)}  peak RSS ${formatSpread(peakRss, (mb) => mb.toFixed(0), 'MB')}`,
        '  baseline: plain COPY into a logged table, no indexes, no checks, committed',
        `    ${formatSummary(baseline)}`,
        `  import rate / baseline rate, of the medians: ${(product.rowsPerSecond.median / baseline.rowsPerSecond.median).toFixed(2)}`,
        '',
      ].join('\n'),
    );
  }
}

/**
 * The baseline: the file's bytes into a table of text columns, under the import's settings.
 * The table is made and committed before the COPY: a table made in the same transaction is
 * not WAL-logged when wal_level is minimal, and the baseline must do the same durable work.
 */
async function plainCopy(file: string): Promise<Run> {
  return withClient(BENCH_DATABASE_URL, async (db) => {
    await db.query(`CREATE TABLE ${BASELINE_TABLE} (nik text, no_kk text, nama text, alamat text,
      rt text, rw text, kode_kelurahan text, no_hp text, dampak_covid text)`);
    await checkpoint(db);
    const started = performance.now();
    await db.query('BEGIN');
    await db.query(IMPORT_SETTINGS_SQL);
    const copy = copyFrom(`COPY ${BASELINE_TABLE} FROM STDIN WITH (FORMAT csv, HEADER true)`);
    await pipeline(createReadStream(file), db.query(copy));
    await db.query('COMMIT');
    const ms = performance.now() - started;
    // Out of the import's way: it runs next, on the same schema.
    await db.query(`DROP TABLE ${BASELINE_TABLE}`);
    await checkpoint(db);
    // The row count PostgreSQL reported for the COPY.
    return { ms, rows: copy.rowCount };
  });
}

/** The import, in a process of its own so that its peak memory is measured alone. */
function importInChildProcess(file: string, size: number): Run & { peakRssMb: number } {
  const child = execFileSync(
    process.execPath,
    [
      join(__dirname, 'import-child.js'),
      BENCH_DATABASE_URL,
      `allocation-bench${size}-33.74.01`,
      file,
    ],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  const result = JSON.parse(child) as Run & { alreadyImported: boolean; peakRssMb: number };
  // An import that found its file already imported wrote nothing: its time is a lookup's.
  assert.ok(!result.alreadyImported, 'the import found its file already imported');
  return result;
}
