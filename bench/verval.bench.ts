import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../libs/persistence/data-source-options';
import { migrate } from '../libs/persistence/migrate';
import { VervalRepository } from '../libs/persistence/verval.repository';
import { BENCH_DATABASE_URL, seconds, withClient } from './support';

/**
 * Verval of N proposals against exclusion registers holding M NIKs, next to a bare
 * anti-join of the same tables. Prints both times and the ratio (aim: within 2x).
 */
export async function benchVerval(proposals: number, exclusions: number): Promise<void> {
  await withClient(BENCH_DATABASE_URL, (db) =>
    db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public'),
  );
  await migrate(BENCH_DATABASE_URL);
  const workflowId = 'allocation-bench-33.74.01';

  const batchId = await withClient(BENCH_DATABASE_URL, async (db) => {
    const batch = await db.query<{ id: string }>(
      `INSERT INTO proposal_batch (program_id, kecamatan_code, workflow_id) VALUES ('bench', '33.74.01', $1) RETURNING id`,
      [workflowId],
    );
    // Residents with unique NIKs; every tenth of them is also in a register. Ids are made
    // as an import makes them (a batch prefix and the row's seq), so they come in order.
    await db.query(
      `INSERT INTO proposed_recipient (id, seq, batch_id, nik, kelurahan_code)
       SELECT ('0bec4a5e000040008000' || lpad(to_hex(g), 12, '0'))::uuid, g, $1,
              '337401' || lpad((g % 28 + 1)::text, 2, '0') || lpad((g / 28 % 12 + 1)::text, 2, '0')
                || '85' || lpad((g / 336 + 1)::text, 4, '0'),
              '33.74.01.1001'
         FROM generate_series(1, $2) g`,
      [batch.rows[0].id, proposals],
    );
    const registers = ['PKH', 'BPNT', 'BST', 'KJS', 'PERMAKANAN', 'ISOMAN'];
    const perRegister = Math.ceil(exclusions / registers.length);
    for (const [index, register] of registers.entries()) {
      const version = await db.query<{ id: string }>(
        `INSERT INTO exclusion_register_version (register, version_label, valid_on, source, file_sha256, is_current)
         VALUES ($1::text, 'bench', '2021-07-01', 'bench', md5($1::text) || md5($1::text || 'x'), true) RETURNING id`,
        [register],
      );
      await db.query(
        `INSERT INTO exclusion_entry (version_id, nik)
         SELECT $1::uuid, '3374' || lpad(($2::int * $3::int + g)::text, 12, '0') FROM generate_series(1, $3::int) g
         UNION ALL
         SELECT $1::uuid, nik FROM proposed_recipient WHERE seq % 60 = $2::int
         ON CONFLICT DO NOTHING`,
        [version.rows[0].id, index, perRegister],
      );
    }
    await db.query('ANALYZE');
    return batch.rows[0].id;
  });

  const timed = (sql: string) =>
    withClient(BENCH_DATABASE_URL, async (db) => {
      await db.query('SET jit = off');
      const started = performance.now();
      await db.query(sql);
      return performance.now() - started;
    });
  const bare = await timed(
    `SELECT count(*) FROM proposed_recipient r
      WHERE NOT EXISTS (SELECT 1 FROM exclusion_entry e WHERE e.nik = r.nik)`,
  );
  // The same anti-join, writing one row per person, as verval must.
  const written = await timed(
    `CREATE UNLOGGED TABLE bench_antijoin AS
     SELECT r.id, NOT EXISTS (SELECT 1 FROM exclusion_entry e WHERE e.nik = r.nik) AS ok
       FROM proposed_recipient r`,
  );

  const dataSource = await new DataSource(buildDataSourceOptions(BENCH_DATABASE_URL)).initialize();
  try {
    const started = performance.now();
    const result = await new VervalRepository(dataSource).run({
      workflowId,
      programId: 'bench',
      batchId,
      round: 1,
      quota: proposals,
    });
    const verval = performance.now() - started;
    process.stdout.write(
      [
        `verval of ${proposals.toLocaleString('en')} proposals against ${exclusions.toLocaleString('en')} register NIKs`,
        `  verval (all rules, results written): ${seconds(verval)}  accepted ${result.accepted}, rejected ${result.rejected}`,
        `  bare anti-join (count only):         ${seconds(bare)}   ratio ${(verval / bare).toFixed(2)}x`,
        `  anti-join writing a row per person:  ${seconds(written)}   ratio ${(verval / written).toFixed(2)}x`,
        '',
      ].join('\n'),
    );
  } finally {
    await dataSource.destroy();
  }
}
