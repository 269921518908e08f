import type { EntityManager } from 'typeorm';
import { draftSection as draftSectionRule, type SkStatus } from '@salur/libs/domain/sk-lifecycle';
import { orThrow } from '@salur/libs/domain/verdict';

export interface SkSectionDrafted {
  skId: string;
  kecamatanCode: string;
  recipientCount: number;
  /** What the engine counted as accepted; differs from recipientCount only if rows moved outside verval. */
  engineAccepted: number;
}

export interface DraftSectionInput {
  programId: string;
  workflowId: string;
  kecamatanCode: string;
  draftId: string;
  draftedBy: string;
  transitionId: string;
  engineAccepted: number;
}

/**
 * DRAFT_SK for one allocation: the programme's document for the draft id is created by
 * whichever allocation comes first, and each adds its kecamatan's accepted persons once.
 */
export async function draftSection(
  tx: EntityManager,
  input: DraftSectionInput,
): Promise<SkSectionDrafted> {
  await tx.query(
    `INSERT INTO sk_document (program_id, draft_id, drafted_by) VALUES ($1, $2, $3)
     ON CONFLICT ON CONSTRAINT uq_sk_document_draft DO NOTHING`,
    [input.programId, input.draftId, input.draftedBy],
  );
  const [doc]: { id: string; status: SkStatus; amends_sk_id: string | null }[] = await tx.query(
    `SELECT id, status, amends_sk_id FROM sk_document WHERE program_id = $1 AND draft_id = $2`,
    [input.programId, input.draftId],
  );
  const stored = await storedSection(tx, doc.id, input.kecamatanCode);
  const move = orThrow(
    draftSectionRule(
      {
        id: doc.id,
        draftId: input.draftId,
        status: doc.status,
        skNo: null,
        amendsSkId: doc.amends_sk_id,
      },
      stored,
      input.transitionId,
    ),
  );
  if (move.kind === 'replay') {
    return { skId: doc.id, kecamatanCode: input.kecamatanCode, ...stored!.counts };
  }
  await tx.query(
    `INSERT INTO sk_section (sk_id, kecamatan_code, workflow_id, engine_accepted, drafted_transition_id)
     VALUES ($1, $2, $3, $4, $5)`,
    [doc.id, input.kecamatanCode, input.workflowId, input.engineAccepted, input.transitionId],
  );
  const [{ inserted }]: { inserted: number }[] = await tx.query(
    `WITH listed AS (
       INSERT INTO sk_recipient (sk_id, recipient_id, kecamatan_code, kelurahan_code, nik)
       SELECT $1, r.id, b.kecamatan_code, r.kelurahan_code, r.nik
         FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
        WHERE b.workflow_id = $2 AND b.kecamatan_code = $3 AND r.status = 'accepted'
       RETURNING 1
     )
     SELECT count(*)::int AS inserted FROM listed`,
    [doc.id, input.workflowId, input.kecamatanCode],
  );
  await tx.query(
    `UPDATE sk_section SET recipient_count = $3 WHERE sk_id = $1 AND kecamatan_code = $2`,
    [doc.id, input.kecamatanCode, inserted],
  );
  return {
    skId: doc.id,
    kecamatanCode: input.kecamatanCode,
    recipientCount: inserted,
    engineAccepted: input.engineAccepted,
  };
}

async function storedSection(tx: EntityManager, skId: string, kecamatanCode: string) {
  const [row]: {
    recipient_count: number;
    engine_accepted: number | null;
    drafted_transition_id: string | null;
  }[] = await tx.query(
    `SELECT recipient_count, engine_accepted, drafted_transition_id FROM sk_section
      WHERE sk_id = $1 AND kecamatan_code = $2`,
    [skId, kecamatanCode],
  );
  if (!row) return undefined;
  return {
    transitionId: row.drafted_transition_id,
    counts: {
      recipientCount: row.recipient_count,
      engineAccepted: row.engine_accepted ?? row.recipient_count,
    },
  };
}
