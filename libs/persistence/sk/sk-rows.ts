import type { EntityManager } from 'typeorm';
import { DomainError } from '@salur/libs/domain/errors';
import type { SkListedRecipient } from '@salur/libs/domain/sk-content';
import type { SkDocumentState, SkStatus } from '@salur/libs/domain/sk-lifecycle';
import { UUID } from '@salur/libs/shared';

/** One sk_document row as the SK repositories read it. */
export interface DocumentRow {
  id: string;
  program_id: string;
  draft_id: string;
  status: SkStatus;
  sk_no: string | null;
  sk_date: string | null;
  signatory: string | null;
  content_sha256: string | null;
  recipient_count: number | null;
  amends_sk_id: string | null;
  amendment_reason: string | null;
  drafted_by: string;
  rejection_reason: string | null;
  rejected_by: string | null;
  created_at: Date;
  signed_at: Date | null;
  rejected_at: Date | null;
}

export interface SkSigned {
  skId: string;
  skNo: string;
  contentSha256: string;
  recipientCount: number;
}

export const isUuid = (id: string): boolean => UUID.test(id);

export const DOCUMENT_COLUMNS = `d.id, d.program_id, d.draft_id, d.status, d.sk_no, to_char(d.sk_date, 'YYYY-MM-DD') AS sk_date,
  d.signatory, d.content_sha256, d.recipient_count, d.amends_sk_id, d.amendment_reason, d.drafted_by,
  d.rejection_reason, d.rejected_by, d.created_at, d.signed_at, d.rejected_at`;

/** What the lifecycle rules see of a document row. */
export const stateOf = (doc: DocumentRow): SkDocumentState => ({
  id: doc.id,
  draftId: doc.draft_id,
  status: doc.status,
  skNo: doc.sk_no,
  amendsSkId: doc.amends_sk_id,
});

/** The answer of a signed SK, as stored when it was signed. */
export const signedOf = (doc: DocumentRow): SkSigned => ({
  skId: doc.id,
  skNo: doc.sk_no!,
  contentSha256: doc.content_sha256!,
  recipientCount: doc.recipient_count!,
});

/** The document, locked for the rest of the transaction. */
export const lockDocument = (tx: EntityManager, skId: string): Promise<DocumentRow> =>
  documentRow(tx, skId, ' FOR UPDATE');

export async function documentRow(
  manager: EntityManager,
  skId: string,
  lock = '',
): Promise<DocumentRow> {
  if (!isUuid(skId)) throw new DomainError('NOT_FOUND', `No SK ${skId}`);
  const [doc]: DocumentRow[] = await manager.query(
    `SELECT ${DOCUMENT_COLUMNS} FROM sk_document d WHERE d.id = $1${lock}`,
    [skId],
  );
  if (!doc) throw new DomainError('NOT_FOUND', `No SK ${skId}`);
  return doc;
}

/** The SK's frozen list, NIK included: only for hashing, never for an answer. */
export function listed(manager: EntityManager, skId: string): Promise<SkListedRecipient[]> {
  return manager.query(
    `SELECT recipient_id AS "recipientId", kecamatan_code AS "kecamatanCode",
            kelurahan_code AS "kelurahanCode", nik
       FROM sk_recipient WHERE sk_id = $1`,
    [skId],
  );
}
