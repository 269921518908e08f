import type { EntityManager } from 'typeorm';
import { DomainError } from '@salur/libs/domain/errors';
import { skContentSha256 } from '@salur/libs/domain/sk-content';
import { everySectionIn, rejectDraft, signDraft, skNoTaken } from '@salur/libs/domain/sk-lifecycle';
import { orThrow } from '@salur/libs/domain/verdict';
import {
  listed,
  lockDocument,
  signedOf,
  stateOf,
  type DocumentRow,
  type SkSigned,
} from './sk-rows';

export interface SigningInput {
  workflowId: string;
  skNo: string;
  signatory: string;
}

export interface RejectionInput {
  workflowId: string;
  reason: string;
  rejectedBy: string;
}

/** APPROVE_SK as recorded by one allocation: signs the whole SK once, answers the same after. */
export async function signForAllocation(tx: EntityManager, input: SigningInput): Promise<SkSigned> {
  const doc = await lockAllocationDraft(tx, input.workflowId);
  const move = orThrow(signDraft(stateOf(doc), input.skNo));
  if (move.kind === 'replay') return signedOf(doc);
  const proposing = await kecamatanCodes(
    tx,
    `SELECT DISTINCT kecamatan_code FROM proposal_batch WHERE program_id = $1`,
    doc.program_id,
  );
  orThrow(everySectionIn(stateOf(doc), proposing, await sectionCodes(tx, doc.id)));
  return freeze(tx, doc.id, input.skNo, input.signatory);
}

/** REJECT_SK as recorded by one allocation: the draft is kept, marked rejected with the reason. */
export async function rejectForAllocation(
  tx: EntityManager,
  input: RejectionInput,
): Promise<{ skId: string }> {
  const doc = await lockAllocationDraft(tx, input.workflowId);
  const move = orThrow(rejectDraft(stateOf(doc)));
  if (move.kind === 'reject') await markRejected(tx, doc.id, input.reason, input.rejectedBy);
  return { skId: doc.id };
}

export async function markRejected(
  tx: EntityManager,
  skId: string,
  reason: string,
  rejectedBy: string,
): Promise<void> {
  await tx.query(
    `UPDATE sk_document SET status = 'rejected', rejection_reason = $2, rejected_by = $3, rejected_at = now()
      WHERE id = $1`,
    [skId, reason, rejectedBy],
  );
}

/** Hashes every section and the whole list, then marks the SK signed: from here on it is frozen. */
export async function freeze(
  tx: EntityManager,
  skId: string,
  skNo: string,
  signatory: string,
): Promise<SkSigned> {
  const rows = await listed(tx, skId);
  const codes = await sectionCodes(tx, skId);
  for (const { kecamatanCode } of rows)
    if (!codes.includes(kecamatanCode)) codes.push(kecamatanCode);
  await tx.query(
    `UPDATE sk_section s SET content_sha256 = h.sha256
       FROM unnest($2::varchar[], $3::char(64)[]) AS h(kecamatan_code, sha256)
      WHERE s.sk_id = $1 AND s.kecamatan_code = h.kecamatan_code`,
    [
      skId,
      codes,
      codes.map((code) => skContentSha256(rows.filter((r) => r.kecamatanCode === code))),
    ],
  );
  const contentSha256 = skContentSha256(rows);
  try {
    await tx.query(
      `UPDATE sk_document SET status = 'signed', sk_no = $2, signatory = $3, content_sha256 = $4,
              recipient_count = $5, sk_date = (now() AT TIME ZONE 'Asia/Jakarta')::date, signed_at = now()
        WHERE id = $1`,
      [skId, skNo, signatory, contentSha256, rows.length],
    );
  } catch (error) {
    const failure = error as { code?: string; driverError?: { code?: string } };
    if ((failure.driverError?.code ?? failure.code) === '23505') throw skNoTaken(skNo);
    throw error;
  }
  return { skId, skNo, contentSha256, recipientCount: rows.length };
}

/** The allocation's most recent programme SK draft (amendments are not drafted by allocations). */
async function lockAllocationDraft(tx: EntityManager, workflowId: string): Promise<DocumentRow> {
  const [section]: { sk_id: string }[] = await tx.query(
    `SELECT s.sk_id FROM sk_section s JOIN sk_document d ON d.id = s.sk_id
      WHERE s.workflow_id = $1 AND d.amends_sk_id IS NULL
      ORDER BY s.created_at DESC LIMIT 1`,
    [workflowId],
  );
  if (!section) {
    throw new DomainError('NOT_FOUND', `No SK draft has a section for ${workflowId}`);
  }
  return lockDocument(tx, section.sk_id);
}

const sectionCodes = (tx: EntityManager, skId: string): Promise<string[]> =>
  kecamatanCodes(tx, `SELECT kecamatan_code FROM sk_section WHERE sk_id = $1`, skId);

async function kecamatanCodes(tx: EntityManager, sql: string, id: string): Promise<string[]> {
  const rows: { kecamatan_code: string }[] = await tx.query(sql, [id]);
  return rows.map((r) => r.kecamatan_code);
}
