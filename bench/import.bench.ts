import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { migrate } from '../libs/persistence/migrate';
import { BENCH_DATABASE_URL, rate, seconds, withClient, writeProposalCsv } from './support';

/**
 * Importing N proposals from CSV (stream, COPY into staging, validate in SQL, apply in one
 * transaction) next to a plain COPY of the same file into an unindexed table, with the
 * importing process's peak memory at each size (it should stay flat as the file grows).
 */
export async function benchImport(sizes: number[], workDir: string): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  await withClient(BENCH_DATABASE_URL, (db) =>
    db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public'),
  );
  await migrate(BENCH_DATABASE_URL);

  for (const rows of sizes) {
    const file = join(workDir, `usulan-${rows}.csv`);
    await writeProposalCsv(file, '33.74.01', rows, rows);

    const copyMs = await withClient(BENCH_DATABASE_URL, async (db) => {
      await db.query(`DROP TABLE IF EXISTS bench_plain_copy;
        CREATE UNLOGGED TABLE bench_plain_copy (nik text, no_kk text, nama text, alamat text, rt text,
          rw text, kode_kelurahan text, no_hp text, dampak_covid text)`);
      const started = performance.now();
      await pipeline(
        createReadStream(file),
        db.query(copyFrom('COPY bench_plain_copy FROM STDIN WITH (FORMAT csv, HEADER true)')),
      );
      return performance.now() - started;
    });

    const child = execFileSync(
      process.execPath,
      [
        join(__dirname, 'import-child.js'),
        BENCH_DATABASE_URL,
        `allocation-bench${rows}-33.74.01`,
        file,
      ],
      { encoding: 'utf8', maxBuffer: 1024 * 1024 },
    );
    const result = JSON.parse(child) as { ms: number; rows: number; peakRssMb: number };
    const importRate = rows / result.ms;
    const copyRate = rows / copyMs;
    process.stdout.write(
      [
        `import of ${rows.toLocaleString('en')} proposed rows from CSV`,
        `  salur import (validated, applied): ${seconds(result.ms)}  ${rate(rows, result.ms)}  peak RSS ${result.peakRssMb.toFixed(0)} MB`,
        `  plain COPY, unindexed table:       ${seconds(copyMs)}  ${rate(rows, copyMs)}`,
        `  ratio import / COPY rate:          ${(importRate / copyRate).toFixed(2)}`,
        '',
      ].join('\n'),
    );
  }
}
