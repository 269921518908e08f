import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { VERVAL_RULESET_VERSION, type VervalReason } from '../domain/verval';

export interface VervalRunResult {
  vervalRunId: string;
  underReview: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Partial<Record<VervalReason, number>>;
}

export interface ProposalCounts {
  proposed: number;
  resubmitted: number;
  withdrawn: number;
  rejected: number;
  accepted: number;
}

/**
 * Verval runs as set-based SQL over the persons under review (new or resubmitted),
 * in one transaction. A run is keyed by (workflow, round): a retried activity gets
 * the stored result back instead of judging anyone twice.
 */
@Injectable()
export class VervalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async run(input: {
    workflowId: string;
    programId: string;
    round: number;
    quota: number;
  }): Promise<VervalRunResult> {
    return this.dataSource.transaction(async (tx) => {
      // One verval at a time per allocation, so concurrent retries cannot interleave.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [input.workflowId]);
      const done = await this.storedRun(tx, input.workflowId, input.round);
      if (done) return done;

      const runRows: { id: string }[] = await tx.query(
        `INSERT INTO verval_run (workflow_id, round, ruleset_version, under_review, accepted, rejected, rejected_by_reason)
         VALUES ($1, $2, $3, 0, 0, 0, '{}'::jsonb) RETURNING id`,
        [input.workflowId, input.round, VERVAL_RULESET_VERSION],
      );
      const runId = runRows[0].id;

      // Fresh statistics: a batch loaded just now would otherwise look empty to the planner,
      // which then picks nested loops that take minutes instead of seconds.
      await tx.query('ANALYZE proposed_recipient, proposal_batch');
      // The leading comment names the statement in pg_stat_activity (its text is truncated there).
      await tx.query(
        `/* salur:verval-run */ WITH review AS (
           SELECT r.id, r.nik, r.seq, b.program_id
             FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
            WHERE b.workflow_id = $1 AND r.status IN ('proposed', 'resubmitted')
         ),
         judged AS (
           SELECT rv.id, rv.seq, array_remove(ARRAY[
             CASE WHEN rv.nik !~ '^[0-9]{16}$' THEN 'NIK_INVALID' END,
             CASE WHEN rv.nik ~ '^[0-9]{16}$' AND left(rv.nik, 4) <> '3374' THEN 'NOT_RESIDENT' END,
             CASE WHEN EXISTS (
               SELECT 1 FROM exclusion_entry e
                 JOIN exclusion_register_version v ON v.id = e.version_id AND v.is_current
                WHERE e.nik = rv.nik
             ) THEN 'EXCLUDED' END,
             CASE WHEN EXISTS (
               SELECT 1 FROM proposed_recipient o JOIN proposal_batch ob ON ob.id = o.batch_id
                WHERE o.nik = rv.nik AND o.status = 'accepted' AND ob.program_id = rv.program_id
             ) THEN 'ALREADY_ACCEPTED' END,
             CASE WHEN row_number() OVER (PARTITION BY rv.nik ORDER BY rv.seq) > 1
               THEN 'DUPLICATE_IN_BATCH' END
           ], NULL) AS reasons
           FROM review rv
         ),
         ranked AS (
           SELECT j.id, j.reasons,
                  CASE WHEN cardinality(j.reasons) = 0
                       THEN row_number() OVER (PARTITION BY cardinality(j.reasons) = 0 ORDER BY j.seq)
                  END AS place
             FROM judged j
         ),
         final AS (
           SELECT k.id,
                  CASE WHEN k.place IS NOT NULL AND k.place > $2 - (
                         SELECT count(*) FROM proposed_recipient a JOIN proposal_batch ab ON ab.id = a.batch_id
                          WHERE ab.workflow_id = $1 AND a.status = 'accepted')
                       THEN ARRAY['OVER_QUOTA'] ELSE k.reasons END AS reasons
             FROM ranked k
         ),
         results AS (
           INSERT INTO verval_result (verval_run_id, recipient_id, outcome, reasons)
           SELECT $3, f.id, CASE WHEN cardinality(f.reasons) = 0 THEN 'accepted' ELSE 'rejected' END, f.reasons
             FROM final f
           RETURNING recipient_id, outcome, reasons
         )
         UPDATE proposed_recipient p
            SET status = r.outcome, reasons = r.reasons, updated_at = now()
           FROM results r WHERE p.id = r.recipient_id`,
        [input.workflowId, input.quota, runId],
      );

      const counts: { outcome: string; reason: string | null; n: number }[] = await tx.query(
        `SELECT outcome, reason, count(*)::int AS n
           FROM verval_result LEFT JOIN LATERAL unnest(reasons) AS reason ON true
          WHERE verval_run_id = $1 GROUP BY outcome, reason`,
        [runId],
      );
      const result = summarise(runId, counts, await this.personCount(tx, runId));
      await tx.query(
        `UPDATE verval_run SET under_review = $2, accepted = $3, rejected = $4, rejected_by_reason = $5::jsonb
          WHERE id = $1`,
        [
          runId,
          result.underReview,
          result.accepted,
          result.rejected,
          JSON.stringify(result.rejectedByReason),
        ],
      );
      return result;
    });
  }

  /** Counts of the allocation's proposed persons by status; no personal data leaves here. */
  async proposalCounts(workflowId: string): Promise<ProposalCounts> {
    const rows: { status: keyof ProposalCounts; n: number }[] = await this.dataSource.query(
      `SELECT r.status, count(*)::int AS n FROM proposed_recipient r
         JOIN proposal_batch b ON b.id = r.batch_id WHERE b.workflow_id = $1 GROUP BY r.status`,
      [workflowId],
    );
    const counts: ProposalCounts = {
      proposed: 0,
      resubmitted: 0,
      withdrawn: 0,
      rejected: 0,
      accepted: 0,
    };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** Withdrawals since the last verval run that have not been counted yet. */
  async withdrawnSince(workflowId: string, round: number): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM proposed_recipient r
         JOIN proposal_batch b ON b.id = r.batch_id
         JOIN verval_result vr ON vr.recipient_id = r.id
         JOIN verval_run run ON run.id = vr.verval_run_id
        WHERE b.workflow_id = $1 AND run.round = $2 AND vr.outcome = 'rejected' AND r.status = 'withdrawn'`,
      [workflowId, round],
    );
    return rows[0].n;
  }

  private async storedRun(tx: EntityManager, workflowId: string, round: number) {
    const rows: {
      id: string;
      under_review: number;
      accepted: number;
      rejected: number;
      rejected_by_reason: VervalRunResult['rejectedByReason'];
    }[] = await tx.query(
      `SELECT id, under_review, accepted, rejected, rejected_by_reason FROM verval_run
        WHERE workflow_id = $1 AND round = $2`,
      [workflowId, round],
    );
    if (rows.length === 0) return undefined;
    const row = rows[0];
    return {
      vervalRunId: row.id,
      underReview: row.under_review,
      accepted: row.accepted,
      rejected: row.rejected,
      rejectedByReason: row.rejected_by_reason,
    };
  }

  private async personCount(tx: EntityManager, runId: string): Promise<number> {
    const rows: { n: number }[] = await tx.query(
      'SELECT count(*)::int AS n FROM verval_result WHERE verval_run_id = $1',
      [runId],
    );
    return rows[0].n;
  }
}

function summarise(
  runId: string,
  counts: { outcome: string; reason: string | null; n: number }[],
  underReview: number,
): VervalRunResult {
  const rejectedByReason: Partial<Record<VervalReason, number>> = {};
  let accepted = 0;
  for (const row of counts) {
    if (row.outcome === 'accepted') accepted += row.n;
    else if (row.reason) rejectedByReason[row.reason as VervalReason] = row.n;
  }
  return {
    vervalRunId: runId,
    underReview,
    accepted,
    rejected: underReview - accepted,
    rejectedByReason,
  };
}
