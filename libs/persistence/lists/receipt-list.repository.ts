import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReceiptFilters } from '@salur/libs/domain/list-specs';
import type { Page } from '@salur/libs/domain/listing';
import { maskedNik } from '@salur/libs/domain/nik-mask';
import type { NotReceivedReason, ReceiptStatus } from '@salur/libs/domain/receipt';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import { keysetPage, type KeysetList } from './keyset-page';
import { nikTailSql } from './masked-nik';

/** A person's receipt in force, as a list shows it. */
export interface ListedReceipt {
  receiptId: string;
  status: ReceiptStatus;
  reason: NotReceivedReason | null;
  proxyRelationship: string | null;
  note: string | null;
  evidenceId: string | null;
  correctsReceiptId: string | null;
  uploadId: string | null;
  recordedBy: string;
  role: string;
  recordedAt: string;
}

/**
 * A person on the BNBA and the receipt in force for them. No name, no full NIK: a proxy is
 * shown by relationship only (its name is on the signed paper and in PostgreSQL).
 */
export interface ReceiptListItem {
  recipientId: string;
  /** Masked: `************` and the last four digits. */
  nik: string;
  kelurahanCode: string;
  receipt: ListedReceipt | null;
}

/** A row: the person, and the receipt's columns (null when there is none yet). */
type ReceiptRow = Omit<ReceiptListItem, 'nik' | 'receipt'> &
  Omit<ListedReceipt, 'receiptId' | 'recordedAt'> & {
    nikTail: string | null;
    receiptId: string | null;
    recordedAt: Date;
  };

const RECEIPTS: KeysetList = {
  select: `b.recipient_id AS "recipientId", ${nikTailSql('b.nik')} AS "nikTail",
           b.kelurahan_code AS "kelurahanCode", c.id AS "receiptId", c.status, c.reason,
           c.proxy_relationship AS "proxyRelationship", c.note, c.evidence_id AS "evidenceId",
           c.corrects_receipt_id AS "correctsReceiptId", c.upload_id AS "uploadId",
           c.recorded_by AS "recordedBy", c.role, c.recorded_at AS "recordedAt"`,
  // Joined by person only, as in receipt-counts.ts: the person's index, whatever the plan.
  from: `kpm_bnba b LEFT JOIN kpm_receipt_in_force c ON c.recipient_id = b.recipient_id`,
  kecamatanColumn: 'b.kecamatan_code',
  allocationColumn: 'b.workflow_id',
  kelurahanColumn: 'b.kelurahan_code',
  order: [
    { sql: 'b.kelurahan_code', kind: 'code' },
    { sql: 'b.recipient_id', kind: 'uuid' },
  ],
};

/** The BNBA of an allocation with each person's receipt: who still waits, who got what. */
@Injectable()
export class ReceiptListRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    workflowId: string,
    query: ScopedListQuery<ReceiptFilters>,
  ): Promise<Page<ReceiptListItem>> {
    const { kelurahan, status, reason } = query.filters;
    const page = await keysetPage<ReceiptRow>(this.dataSource, RECEIPTS, query, (p) => [
      `b.workflow_id = ${p.add(workflowId)}`,
      ...(kelurahan ? [`b.kelurahan_code = ${p.add(kelurahan)}`] : []),
      ...(status === 'none' ? ['c.id IS NULL'] : status ? [`c.status = ${p.add(status)}`] : []),
      ...(reason ? [`c.reason = ${p.add(reason)}`] : []),
    ]);
    return { ...page, items: page.items.map(toItem) };
  }
}

function toItem(row: ReceiptRow): ReceiptListItem {
  const { recipientId, nikTail, kelurahanCode, receiptId, recordedAt, ...receipt } = row;
  return {
    recipientId,
    nik: maskedNik(nikTail),
    kelurahanCode,
    receipt:
      receiptId === null ? null : { receiptId, ...receipt, recordedAt: recordedAt.toISOString() },
  };
}
