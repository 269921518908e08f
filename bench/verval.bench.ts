import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { COVID_IMPACTS } from '@salur/libs/domain/covid-impact';
import { buildDataSourceOptions } from '@salur/libs/persistence/data-source-options';
import { VervalRepository, VERVAL_SETTINGS_SQL } from '@salur/libs/persistence/verval.repository';
import { formatSummary, summariseRuns, type Run } from './stats';
import {
  BENCH_DATABASE_URL,
  checkpoint,
  describePlan,
  freshSchema,
  measuredRounds,
  withClient,
  type RunPlan,
} from './support';

const WORKFLOW_ID = 'allocation-bench-33.74.01';
const BASELINE_TABLE = 'bench_antijoin';

/**
 * Verval of N proposals against exclusion registers holding M NIKs, next to a bare anti-join
 * of the same tables and the same anti-join writing a row per person. Each round puts the
 * proposals back as they were before verval, runs the baselines, then verval; the baselines
 * run on the same connection settings and under the same SET LOCALs as verval.
 */
export async function benchVerval(
  proposals: number,
  exclusions: number,
  plan: RunPlan,
): Promise<void> {
  await freshSchema();
  const batchId = await withClient(BENCH_DATABASE_URL, (db) =>
    loadProposalsAndRegisters(db, proposals, exclusions),
  );

  // The product's own connection options, for verval and the baselines alike.
  const dataSource = await new DataSource(buildDataSourceOptions(BENCH_DATABASE_URL)).initialize();
  try {
    const timedUnderVervalSettings = async (sql: string): Promise<number> => {
      const started = performance.now();
      await dataSource.transaction(async (tx) => {
        await tx.query(VERVAL_SETTINGS_SQL);
        await tx.query(sql);
      });
      return performance.now() - started;
    };
    const rounds = await measuredRounds(plan, 'verval', async () => {
      const persons = await withClient(BENCH_DATABASE_URL, unjudge);

      const bare: Run = {
        ms: await timedUnderVervalSettings(
          `SELECT count(*) FROM proposed_recipient r
            WHERE NOT EXISTS (SELECT 1 FROM exclusion_entry e WHERE e.nik = r.nik)`,
        ),
        rows: persons,
      };
      // The same anti-join, writing one row per person, as verval must. The table is made
      // and committed first: one made in the same transaction is not WAL-logged when
      // wal_level is minimal, and the baseline must do the same durable work as verval.
      await withClient(BENCH_DATABASE_URL, async (db) => {
        await db.query(`CREATE TABLE ${BASELINE_TABLE} (id uuid, ok boolean)`);
        await checkpoint(db);
      });
      const writtenMs = await timedUnderVervalSettings(
        `INSERT INTO ${BASELINE_TABLE}
         SELECT r.id, NOT EXISTS (SELECT 1 FROM exclusion_entry e WHERE e.nik = r.nik)
           FROM proposed_recipient r`,
      );
      const written: Run = {
        ms: writtenMs,
        rows: await withClient(BENCH_DATABASE_URL, async (db) => {
          const [{ n }] = (
            await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${BASELINE_TABLE}`)
          ).rows;
          await db.query(`DROP TABLE ${BASELINE_TABLE}`);
          await checkpoint(db);
          return n;
        }),
      };

      const started = performance.now();
      const result = await new VervalRepository(dataSource).run({
        workflowId: WORKFLOW_ID,
        programId: 'bench',
        batchId,
        round: 1,
        quota: proposals,
      });
      const product: Run = { ms: performance.now() - started, rows: result.underReview };
      return { bare, written, product, result };
    });

    const product = summariseRuns(rounds.map((r) => r.product));
    const last = rounds[rounds.length - 1].result;
    const lines = [
      `verval of ${proposals.toLocaleString('en')} proposals against ${exclusions.toLocaleString('en')} register NIKs (${describePlan(plan)}; median [min–max])`,
      `  session settings of all three: ${VERVAL_SETTINGS_SQL}`,
      '  salur verval: all rules, a result row per person and each status written back (tables with their indexes), committed',
      `    ${formatSummary(product)}  accepted ${last.accepted.toLocaleString('en')}, rejected ${last.rejected.toLocaleString('en')}`,
    ];
    const baselines = [
      ['baseline: bare anti-join, count only, nothing written', rounds.map((r) => r.bare)],
      [
        'baseline: the anti-join inserting a row per person into a logged table, no indexes, committed',
        rounds.map((r) => r.written),
      ],
    ] as const;
    for (const [label, runs] of baselines) {
      const baseline = summariseRuns(runs);
      lines.push(
        `  ${label}`,
        `    ${formatSummary(baseline)}`,
        `    verval time / this baseline's time, of the medians: ${(product.ms.median / baseline.ms.median).toFixed(2)}x`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * One batch of `proposals` residents with unique NIKs, each with a No. KK and a Covid-19
 * impact as a file import stores them, and six registers sharing `exclusions` NIKs, one in
 * ten of the residents among them. One person in a hundred shares the No. KK of the person
 * before (a family proposed twice), so the family rule has work to do. Returns the batch's id.
 */
async function loadProposalsAndRegisters(
  db: Client,
  proposals: number,
  exclusions: number,
): Promise<string> {
  const batch = await db.query<{ id: string }>(
    `INSERT INTO proposal_batch (program_id, kecamatan_code, workflow_id) VALUES ('bench', '33.74.01', $1) RETURNING id`,
    [WORKFLOW_ID],
  );
  // Ids are made as an import makes them (a batch prefix and the row's seq), so they come
  // in order.
  await db.query(
    `INSERT INTO proposed_recipient (id, seq, batch_id, nik, no_kk, covid_impact, kelurahan_code)
     SELECT ('0bec4a5e000040008000' || lpad(to_hex(g), 12, '0'))::uuid, g, $1,
            '337401' || lpad((g % 28 + 1)::text, 2, '0') || lpad((g / 28 % 12 + 1)::text, 2, '0')
              || '85' || lpad((g / 336 + 1)::text, 4, '0'),
            '337401' || lpad((k % 28 + 1)::text, 2, '0') || lpad((k / 28 % 12 + 1)::text, 2, '0')
              || '15' || lpad((k / 336 + 1)::text, 4, '0'),
            ($3::text[])[g % cardinality($3::text[]) + 1], '33.74.01.1001'
       FROM generate_series(1, $2) g, LATERAL (SELECT CASE WHEN g % 100 = 0 THEN g - 1 ELSE g END AS k) kk`,
    [batch.rows[0].id, proposals, COVID_IMPACTS.map((i) => i.id)],
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
}

/**
 * Puts the proposals back as they were before any verval: no runs or results, every person
 * proposed, the table rewritten in id order without the dead rows verval's update left, and
 * fresh statistics. Every round (the warm-ups too) starts from this state. Returns the number
 * of persons, counted.
 */
async function unjudge(db: Client): Promise<number> {
  // Results first: the runs and the persons cannot be truncated while results refer to them.
  await db.query('TRUNCATE verval_result');
  await db.query('TRUNCATE verval_run');
  await db.query(
    `UPDATE proposed_recipient SET status = 'proposed', reasons = '{}' WHERE status <> 'proposed'`,
  );
  await db.query('CLUSTER proposed_recipient USING proposed_recipient_pkey');
  await db.query('ANALYZE proposed_recipient');
  await checkpoint(db);
  const counted = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM proposed_recipient',
  );
  return counted.rows[0].n;
}
