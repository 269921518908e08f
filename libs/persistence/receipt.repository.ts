import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NO_RETURNS, reconcileKelurahan, type KelurahanReconciliation } from '../domain/receipt';
import { receiptCounts, recordedDistributions } from './receipts/receipt-counts';
import {
  lockReceipts,
  planReceipts,
  refuseAfterCollection,
  writePlan,
  type ReceiptBatch,
  type ReceiptWriteProblem,
  type WrittenReceipt,
} from './receipts/receipt-writes';

export type {
  ReceiptBatch,
  ReceiptWrite,
  ReceiptWriteProblem,
  WrittenReceipt,
} from './receipts/receipt-writes';

export type RecordOutcome =
  | {
      readonly ok: true;
      readonly recorded: number;
      readonly unchanged: number;
      readonly receipts: WrittenReceipt[];
    }
  | { readonly ok: false; readonly problems: readonly ReceiptWriteProblem[] };

/** A signed BNBA file: its hash and what its rows held besides the receipts. */
export interface ReceiptFile {
  readonly sha256: string;
  readonly rowCount: number;
  /** Rows of persons whose "diterima" cell was left empty: nothing recorded for them. */
  readonly unmarked: number;
}

export type UploadOutcome =
  | {
      readonly ok: true;
      readonly alreadyImported: boolean;
      readonly uploadId: string;
      readonly rowCount: number;
      readonly recorded: number;
      readonly unchanged: number;
      readonly unmarked: number;
    }
  | { readonly ok: false; readonly problems: readonly ReceiptWriteProblem[] };

/** A kelurahan's reconciliation with what RECORD_DISTRIBUTION recorded for it. */
export interface KelurahanReconciliationRow extends KelurahanReconciliation {
  readonly recordedDistribution: { distributedCount: number; returnedCount: number } | null;
}

/**
 * KPM receipts (issue 15, docs/receipts.md). Every write takes the allocation's receipts
 * lock, refuses once collection is complete, checks the whole batch (libs/domain/receipt.ts
 * judges each entry) and writes all of it in one statement, or nothing.
 */
@Injectable()
export class ReceiptRepository {
  constructor(private readonly dataSource: DataSource) {}

  record(batch: ReceiptBatch): Promise<RecordOutcome> {
    return this.withLock(batch.workflowId, async (tx) => {
      await refuseAfterCollection(tx, batch.workflowId);
      const planned = await planReceipts(tx, batch);
      if (!planned.ok) return planned;
      const receipts = await writePlan(tx, batch, planned.plan);
      const recorded = receipts.filter((r) => r.created).length;
      return { ok: true, recorded, unchanged: receipts.length - recorded, receipts };
    });
  }

  /** The problems the batch would be refused for, writing nothing (a file with bad rows). */
  check(batch: ReceiptBatch): Promise<readonly ReceiptWriteProblem[]> {
    return this.withLock(batch.workflowId, async (tx) => {
      const planned = await planReceipts(tx, batch);
      return planned.ok ? [] : planned.problems;
    });
  }

  /** The same file for the same kelurahan again answers what it did the first time. */
  recordUpload(batch: ReceiptBatch, file: ReceiptFile): Promise<UploadOutcome> {
    return this.withLock(batch.workflowId, async (tx) => {
      await refuseAfterCollection(tx, batch.workflowId);
      const [seen]: {
        id: string;
        row_count: number;
        recorded: number;
        unchanged: number;
        unmarked: number;
      }[] = await tx.query(
        `SELECT id, row_count, recorded, unchanged, unmarked FROM kpm_receipt_upload
          WHERE workflow_id = $1 AND kelurahan_code = $2 AND sha256 = $3`,
        [batch.workflowId, batch.kelurahanCode, file.sha256],
      );
      if (seen) {
        return {
          ok: true,
          alreadyImported: true,
          uploadId: seen.id,
          rowCount: seen.row_count,
          recorded: seen.recorded,
          unchanged: seen.unchanged,
          unmarked: seen.unmarked,
        };
      }
      const planned = await planReceipts(tx, batch);
      if (!planned.ok) return planned;
      const recorded = planned.plan.entries.filter((e) => e.move.kind === 'insert').length;
      const unchanged = planned.plan.entries.length - recorded;
      const [{ id }]: { id: string }[] = await tx.query(
        `INSERT INTO kpm_receipt_upload (workflow_id, kelurahan_code, sha256, row_count,
                                         recorded, unchanged, unmarked, uploaded_by, role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          batch.workflowId,
          batch.kelurahanCode,
          file.sha256,
          file.rowCount,
          recorded,
          unchanged,
          file.unmarked,
          batch.recordedBy,
          batch.role,
        ],
      );
      await writePlan(tx, batch, planned.plan, id);
      return {
        ok: true,
        alreadyImported: false,
        uploadId: id,
        rowCount: file.rowCount,
        recorded,
        unchanged,
        unmarked: file.unmarked,
      };
    });
  }

  /** Every kelurahan on the allocation's BNBA (or the one given), reconciled. */
  async reconciliation(
    workflowId: string,
    kecamatanCode: string,
    kelurahanCode?: string,
  ): Promise<KelurahanReconciliationRow[]> {
    const manager = this.dataSource.manager;
    const counts = await receiptCounts(manager, workflowId, kecamatanCode, kelurahanCode);
    const recorded = await recordedDistributions(manager, workflowId);
    return counts.map((row) => ({
      ...reconcileKelurahan(row),
      recordedDistribution: recorded.get(row.kelurahanCode) ?? null,
    }));
  }

  /** One kelurahan's figures, read in the caller's transaction (under its lock). */
  async kelurahanFigures(
    tx: EntityManager,
    workflowId: string,
    kecamatanCode: string,
    kelurahanCode: string,
  ): Promise<KelurahanReconciliation> {
    const [counts] = await receiptCounts(tx, workflowId, kecamatanCode, kelurahanCode);
    return reconcileKelurahan(
      counts ?? {
        kelurahanCode,
        listed: 0,
        received: 0,
        receivedByProxy: 0,
        notReceived: NO_RETURNS,
      },
    );
  }

  /**
   * Runs `work` in a transaction holding the allocation's receipts lock: the distribution
   * check and the collection's record take it, so no receipt is written between their read
   * and their commit.
   */
  withLock<T>(workflowId: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await lockReceipts(tx, workflowId);
      return work(tx);
    });
  }
}
