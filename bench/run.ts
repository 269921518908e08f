import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchImport } from './import.bench';
import { benchVerval } from './verval.bench';
import { BENCH_DATABASE_URL, withClient } from './support';

/**
 * `npm run bench [-- --small]`: prints throughput and ratios against plain PostgreSQL.
 * Full size follows the issue (1,000,000 proposals; 5,000,000 register NIKs); --small is a
 * quick look at a tenth of that.
 */
async function main(): Promise<void> {
  const small = process.argv.includes('--small');
  const scale = small ? 0.1 : 1;
  const admin = BENCH_DATABASE_URL.replace(/\/[^/]+$/, '/postgres');
  const name = BENCH_DATABASE_URL.split('/').pop()!;
  await withClient(admin, async (db) => {
    const exists = await db.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await db.query(`CREATE DATABASE "${name}"`);
  });
  process.stdout.write(
    `Salur benchmarks (${small ? 'small' : 'full'} size) on ${BENCH_DATABASE_URL}\n\n`,
  );
  await benchImport([100_000 * scale, 1_000_000 * scale], join(tmpdir(), 'salur-bench'));
  await benchVerval(1_000_000 * scale, 5_000_000 * scale);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
