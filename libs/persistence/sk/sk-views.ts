import type { EntityManager } from 'typeorm';
import { inForce, type SkStatus } from '@salur/libs/domain/sk-lifecycle';
import { DOCUMENT_COLUMNS, documentRow, type DocumentRow } from './sk-rows';

export interface SkAmendmentView {
  skId: string;
  amendsSkId: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  decision: 'approved' | 'rejected' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  added: string[];
  removed: string[];
}

export interface SkSummary {
  id: string;
  programId: string;
  draftId: string;
  status: SkStatus;
  skNo: string | null;
  skDate: string | null;
  signatory: string | null;
  contentSha256: string | null;
  recipientCount: number;
  amendsSkId: string | null;
  amendmentReason: string | null;
  amendedBySkIds: string[];
  /** The signed SK in force: signed and not replaced by a signed amendment. */
  current: boolean;
  draftedBy: string;
  rejectionReason: string | null;
  rejectedBy: string | null;
  createdAt: string;
  signedAt: string | null;
  rejectedAt: string | null;
  amendment: SkAmendmentView | null;
}

export interface SkSectionView {
  kecamatanCode: string;
  recipientCount: number;
  contentSha256: string | null;
  byKelurahan: { kelurahanCode: string; recipients: number }[];
}

export interface SkDocumentView extends SkSummary {
  sections: SkSectionView[];
  /** Record ids and kelurahan only: NIKs and names never leave the database through here. */
  recipients: { recipientId: string; kelurahanCode: string }[];
}

/** Every SK of the programme, drafts and rejected ones included, oldest first. */
export async function listForProgramme(
  manager: EntityManager,
  programId: string,
): Promise<SkSummary[]> {
  const docs: DocumentRow[] = await manager.query(
    `SELECT ${DOCUMENT_COLUMNS} FROM sk_document d WHERE d.program_id = $1 ORDER BY d.created_at, d.id`,
    [programId],
  );
  return Promise.all(docs.map((d) => summaryOf(manager, d)));
}

export async function getDocument(manager: EntityManager, skId: string): Promise<SkDocumentView> {
  const summary = await summaryOf(manager, await documentRow(manager, skId));
  const sections: { kecamatan_code: string; recipient_count: number; content_sha256: string }[] =
    await manager.query(
      `SELECT kecamatan_code, recipient_count, content_sha256 FROM sk_section WHERE sk_id = $1 ORDER BY kecamatan_code`,
      [skId],
    );
  const byKelurahan: { kecamatan_code: string; kelurahan_code: string; n: number }[] =
    await manager.query(
      `SELECT kecamatan_code, kelurahan_code, count(*)::int AS n FROM sk_recipient WHERE sk_id = $1
        GROUP BY kecamatan_code, kelurahan_code ORDER BY kecamatan_code, kelurahan_code`,
      [skId],
    );
  const recipients: { recipientId: string; kelurahanCode: string }[] = await manager.query(
    `SELECT recipient_id AS "recipientId", kelurahan_code AS "kelurahanCode" FROM sk_recipient
      WHERE sk_id = $1 ORDER BY kecamatan_code, kelurahan_code, recipient_id`,
    [skId],
  );
  return {
    ...summary,
    sections: sections.map((s) => ({
      kecamatanCode: s.kecamatan_code,
      recipientCount: s.recipient_count,
      contentSha256: s.content_sha256,
      byKelurahan: byKelurahan
        .filter((k) => k.kecamatan_code === s.kecamatan_code)
        .map((k) => ({ kelurahanCode: k.kelurahan_code, recipients: k.n })),
    })),
    recipients,
  };
}

export async function amendmentOf(
  manager: EntityManager,
  skId: string,
): Promise<SkAmendmentView | undefined> {
  const [row]: {
    sk_id: string;
    amends_sk_id: string;
    reason: string;
    requested_by: string;
    requested_at: Date;
    decision: 'approved' | 'rejected' | null;
    decided_by: string | null;
    decided_at: Date | null;
    decision_note: string | null;
    added: string[];
    removed: string[];
  }[] = await manager.query(
    `SELECT a.sk_id, a.amends_sk_id, d.amendment_reason AS reason, a.requested_by, a.requested_at,
            a.decision, a.decided_by, a.decided_at, a.decision_note,
            coalesce(array_agg(c.recipient_id::text ORDER BY c.recipient_id) FILTER (WHERE c.change = 'add'), '{}') AS added,
            coalesce(array_agg(c.recipient_id::text ORDER BY c.recipient_id) FILTER (WHERE c.change = 'remove'), '{}') AS removed
       FROM sk_amendment a JOIN sk_document d ON d.id = a.sk_id
       LEFT JOIN sk_amendment_change c ON c.sk_id = a.sk_id
      WHERE a.sk_id = $1
      GROUP BY a.sk_id, d.amendment_reason`,
    [skId],
  );
  if (!row) return undefined;
  return {
    skId: row.sk_id,
    amendsSkId: row.amends_sk_id,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    decision: row.decision,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionNote: row.decision_note,
    added: row.added,
    removed: row.removed,
  };
}

async function summaryOf(manager: EntityManager, d: DocumentRow): Promise<SkSummary> {
  const amendedBy: { id: string; status: SkStatus }[] = await manager.query(
    `SELECT id, status FROM sk_document WHERE amends_sk_id = $1 ORDER BY created_at`,
    [d.id],
  );
  const [{ n }]: { n: number }[] = await manager.query(
    `SELECT count(*)::int AS n FROM sk_recipient WHERE sk_id = $1`,
    [d.id],
  );
  return {
    id: d.id,
    programId: d.program_id,
    draftId: d.draft_id,
    status: d.status,
    skNo: d.sk_no,
    skDate: d.sk_date,
    signatory: d.signatory,
    contentSha256: d.content_sha256,
    recipientCount: d.recipient_count ?? n,
    amendsSkId: d.amends_sk_id,
    amendmentReason: d.amendment_reason,
    amendedBySkIds: amendedBy.map((a) => a.id),
    current: inForce(
      d.status,
      amendedBy.map((a) => a.status),
    ),
    draftedBy: d.drafted_by,
    rejectionReason: d.rejection_reason,
    rejectedBy: d.rejected_by,
    createdAt: d.created_at.toISOString(),
    signedAt: d.signed_at?.toISOString() ?? null,
    rejectedAt: d.rejected_at?.toISOString() ?? null,
    amendment: d.amends_sk_id ? ((await amendmentOf(manager, d.id)) ?? null) : null,
  };
}
