import type { DataSource } from 'typeorm';

/**
 * Runs SQL as a superuser replaying changes would: with `session_replication_role = replica`
 * no trigger fires, so neither the append-only refusals nor the audit chain see it.
 */
export async function bypassingTriggers(
  dataSource: DataSource,
  sql: string,
  params: unknown[] = [],
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SET session_replication_role = replica`);
    await runner.query(sql, params);
  } finally {
    await runner.query(`SET session_replication_role = origin`);
    await runner.release();
  }
}
