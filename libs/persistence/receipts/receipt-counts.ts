import type { EntityManager } from 'typeorm';
import {
  NOT_RECEIVED_REASON_NAMES,
  type KelurahanReceiptCounts,
  type NotReceivedReason,
} from '@salur/libs/domain/receipt';

type CountRow = {
  kelurahanCode: string;
  listed: number;
  received: number;
  receivedByProxy: number;
} & Record<NotReceivedReason, number>;

/**
 * Per kelurahan of the allocation's BNBA: the persons listed and their receipts in force by
 * status and reason, counted in one statement. Kelurahan without anyone on the BNBA do not
 * appear (they get no BNBA, so nothing to reconcile). `kelurahanCode` narrows to one.
 */
export async function receiptCounts(
  manager: EntityManager,
  workflowId: string,
  kecamatanCode: string,
  kelurahanCode?: string,
): Promise<KelurahanReceiptCounts[]> {
  // The reasons are this module's constants, not input: safe to write into the statement.
  const byReason = NOT_RECEIVED_REASON_NAMES.map(
    (reason) => `count(c.id) FILTER (WHERE c.reason = '${reason}')::int AS "${reason}"`,
  ).join(',\n            ');
  const rows: CountRow[] = await manager.query(
    `SELECT b.kelurahan_code AS "kelurahanCode", count(*)::int AS listed,
            count(c.id) FILTER (WHERE c.status = 'received')::int AS received,
            count(c.id) FILTER (WHERE c.status = 'received_by_proxy')::int AS "receivedByProxy",
            ${byReason}
       FROM kpm_bnba b
       -- By person only (a person is of one allocation): a nested loop, which the planner picks
       -- while the table's statistics still say it is empty, then uses the person's index.
       LEFT JOIN kpm_receipt_in_force c ON c.recipient_id = b.recipient_id
      WHERE b.workflow_id = $1 AND b.kecamatan_code = $2
        AND ($3::text IS NULL OR b.kelurahan_code = $3)
      GROUP BY b.kelurahan_code ORDER BY b.kelurahan_code`,
    [workflowId, kecamatanCode, kelurahanCode ?? null],
  );
  return rows.map((row) => ({
    kelurahanCode: row.kelurahanCode,
    listed: row.listed,
    received: row.received,
    receivedByProxy: row.receivedByProxy,
    notReceived: Object.fromEntries(
      NOT_RECEIVED_REASON_NAMES.map((reason) => [reason, row[reason]]),
    ) as Record<NotReceivedReason, number>,
  }));
}

/** What RECORD_DISTRIBUTION recorded for each kelurahan of the allocation, if anything. */
export async function recordedDistributions(
  manager: EntityManager,
  workflowId: string,
): Promise<Map<string, { distributedCount: number; returnedCount: number }>> {
  const rows: { kelurahanCode: string; distributedCount: number; returnedCount: number }[] =
    await manager.query(
      `SELECT business_key AS "kelurahanCode", (data->>'distributedCount')::int AS "distributedCount",
              coalesce((data->>'returnedCount')::int, 0) AS "returnedCount"
         FROM sop_step_record WHERE workflow_id = $1 AND step = 'distribution'`,
      [workflowId],
    );
  return new Map(rows.map(({ kelurahanCode, ...counts }) => [kelurahanCode, counts]));
}
