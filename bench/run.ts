import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@salur/libs/config/app-config';
import { benchOptions } from '@salur/libs/config/bench-config';
import { benchDocuments } from './documents.bench';
import { benchImport } from './import.bench';
import { benchVerval } from './verval.bench';
import { BENCH_DATABASE_URL, describePlan, withClient } from './support';

/**
 * `npm run bench [-- --small] [--runs N] [--warmups N] [--only NAME]`: prints throughput and ratios against
 * plain PostgreSQL baselines, each the median of N measured runs (5 unless told) after
 * warm-ups that are not counted (1 unless told), with the min and max. Full size follows the
 * issue (1,000,000 proposals; 5,000,000 register NIKs); --small is a quick look at a tenth.
 */
async function main(): Promise<void> {
  const options = benchOptions(process.argv.slice(2));
  const scale = options.small ? 0.1 : 1;
  const admin = new URL(BENCH_DATABASE_URL);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = '/postgres';
  await withClient(admin.toString(), async (db) => {
    const exists = await db.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await db.query(`CREATE DATABASE "${name}"`);
  });
  process.stdout.write(
    `Salur benchmarks (${options.small ? 'small' : 'full'} size; ${describePlan(options)} of each) on ${withoutPassword(BENCH_DATABASE_URL)}\n\n`,
  );
  const runs = new Set(options.only);
  if (runs.has('import')) {
    await benchImport([100_000 * scale, 1_000_000 * scale], join(tmpdir(), 'salur-bench'), options);
  }
  if (runs.has('verval')) await benchVerval(1_000_000 * scale, 5_000_000 * scale, options);
  // Kota Semarang's 2021 round: about 90,000 persons in 177 kelurahan.
  if (runs.has('documents')) await benchDocuments(90_000 * scale, options);
}

function withoutPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${
      error instanceof ConfigError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error)
    }\n`,
  );
  process.exit(1);
});
