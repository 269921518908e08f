import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@salur/libs/domain/errors';
import {
  amend,
  amendmentNumber,
  changesApply,
  decideAmendment as decideAmendmentRule,
  type SkAdditionFacts,
  type SkStatus,
} from '@salur/libs/domain/sk-lifecycle';
import { orThrow } from '@salur/libs/domain/verdict';
import { freeze, markRejected } from './sk-signing';
import {
  isUuid,
  lockDocument,
  signedOf,
  stateOf,
  type DocumentRow,
  type SkSigned,
} from './sk-rows';
import { amendmentOf, type SkAmendmentView } from './sk-views';

export interface AmendmentRequest {
  skId: string;
  reason: string;
  add: string[];
  remove: string[];
  requestedBy: string;
}

/**
 * Asks for an amending SK: the list in force with persons added and removed, for a
 * written reason. It takes effect only when someone else approves it.
 */
export async function requestAmendment(
  tx: EntityManager,
  input: AmendmentRequest,
): Promise<SkAmendmentView> {
  const parent = await lockDocument(tx, input.skId);
  const [live]: { id: string; status: SkStatus }[] = await tx.query(
    `SELECT id, status FROM sk_document WHERE amends_sk_id = $1 AND status IN ('draft', 'signed')`,
    [parent.id],
  );
  orThrow(amend(stateOf(parent), live));
  orThrow(
    changesApply(parent.id, {
      remove: input.remove,
      listedRemoved: await listedOf(tx, parent.id, input.remove),
      add: await additionFacts(tx, parent, input.add),
    }),
  );

  const id = randomUUID();
  await tx.query(
    `INSERT INTO sk_document (id, program_id, draft_id, amends_sk_id, amendment_reason, drafted_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, parent.program_id, `amendment-${id}`, parent.id, input.reason, input.requestedBy],
  );
  await tx.query(
    `INSERT INTO sk_amendment (sk_id, amends_sk_id, requested_by) VALUES ($1, $2, $3)`,
    [id, parent.id, input.requestedBy],
  );
  await tx.query(
    `INSERT INTO sk_amendment_change (sk_id, recipient_id, change)
     SELECT $1::uuid, a, 'add' FROM unnest($2::uuid[]) AS a
     UNION ALL SELECT $1::uuid, r, 'remove' FROM unnest($3::uuid[]) AS r`,
    [id, input.add, input.remove],
  );
  // The amending SK lists everyone in force after the change, so it stands on its own.
  await tx.query(
    `INSERT INTO sk_section (sk_id, kecamatan_code, workflow_id)
     SELECT $1::uuid, kecamatan_code, workflow_id FROM sk_section WHERE sk_id = $2
     UNION
     SELECT DISTINCT $1::uuid, b.kecamatan_code, b.workflow_id
       FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
      WHERE r.id = ANY($3::uuid[])
     ON CONFLICT DO NOTHING`,
    [id, parent.id, input.add],
  );
  await tx.query(
    `INSERT INTO sk_recipient (sk_id, recipient_id, kecamatan_code, kelurahan_code, nik)
     SELECT $1::uuid, recipient_id, kecamatan_code, kelurahan_code, nik FROM sk_recipient
      WHERE sk_id = $2 AND NOT (recipient_id = ANY($4::uuid[]))
     UNION ALL
     SELECT $1::uuid, r.id, b.kecamatan_code, r.kelurahan_code, r.nik
       FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
      WHERE r.id = ANY($3::uuid[])`,
    [id, parent.id, input.add, input.remove],
  );
  await tx.query(
    `UPDATE sk_section s SET recipient_count =
       (SELECT count(*) FROM sk_recipient x WHERE x.sk_id = s.sk_id AND x.kecamatan_code = s.kecamatan_code)
      WHERE s.sk_id = $1`,
    [id],
  );
  return (await amendmentOf(tx, id))!;
}

export interface AmendmentDecisionInput {
  amendmentId: string;
  decision: 'approved' | 'rejected';
  decidedBy: string;
  note?: string;
  skNo?: string;
}

/**
 * The second person's decision on an amendment. Approving signs the amending SK
 * (its own number, hash and signatory); the amended SK stays as it was.
 */
export async function decideAmendment(
  tx: EntityManager,
  input: AmendmentDecisionInput,
): Promise<{ amendment: SkAmendmentView; signed?: SkSigned }> {
  const [row]: {
    requested_by: string;
    decision: 'approved' | 'rejected' | null;
    decided_by: string | null;
  }[] = await tx.query(
    `SELECT requested_by, decision, decided_by FROM sk_amendment WHERE sk_id = $1 FOR UPDATE`,
    [input.amendmentId],
  );
  if (!row) throw new DomainError('NOT_FOUND', `No SK amendment ${input.amendmentId}`);
  const doc = await lockDocument(tx, input.amendmentId);
  const move = orThrow(
    decideAmendmentRule(
      {
        id: doc.id,
        requestedBy: row.requested_by,
        decision: row.decision,
        decidedBy: row.decided_by,
      },
      input,
    ),
  );
  if (move.kind === 'replay') {
    return {
      amendment: (await amendmentOf(tx, doc.id))!,
      ...(doc.status === 'signed' ? { signed: signedOf(doc) } : {}),
    };
  }
  await tx.query(
    `UPDATE sk_amendment SET decision = $2, decided_by = $3, decided_at = now(), decision_note = $4
      WHERE sk_id = $1`,
    [doc.id, input.decision, input.decidedBy, input.note ?? null],
  );
  if (move.kind === 'reject') {
    await markRejected(tx, doc.id, move.rejectionReason, input.decidedBy);
    return { amendment: (await amendmentOf(tx, doc.id))! };
  }
  const skNo = input.skNo ?? (await defaultAmendmentNumber(tx, doc.amends_sk_id!));
  const signed = await freeze(tx, doc.id, skNo, input.decidedBy);
  return { amendment: (await amendmentOf(tx, doc.id))!, signed };
}

/** The amendment id is the amending SK's id; anything that is no uuid names none. */
export function assertAmendmentId(amendmentId: string): void {
  if (!isUuid(amendmentId)) throw new DomainError('NOT_FOUND', `No SK amendment ${amendmentId}`);
}

/** Of the given ids, those the SK lists. */
async function listedOf(tx: EntityManager, skId: string, ids: string[]): Promise<string[]> {
  const rows: { id: string }[] = await tx.query(
    `SELECT recipient_id::text AS id FROM sk_recipient WHERE sk_id = $1 AND recipient_id = ANY($2::uuid[])`,
    [skId, ids],
  );
  return rows.map((r) => r.id);
}

/** What the rule needs to know of each person to add, in the order asked; no NIK leaves SQL. */
function additionFacts(
  tx: EntityManager,
  parent: DocumentRow,
  add: string[],
): Promise<SkAdditionFacts[]> {
  return tx.query(
    `SELECT u.a::text AS id,
            coalesce(b.program_id = $2, false) AS "inProgramme",
            r.status,
            EXISTS (SELECT 1 FROM sk_recipient s WHERE s.sk_id = $1 AND s.recipient_id = u.a) AS listed,
            coalesce((SELECT array_agg(s.recipient_id::text) FROM sk_recipient s
                       WHERE s.sk_id = $1 AND s.nik = r.nik), '{}') AS "sameNikListed"
       FROM unnest($3::uuid[]) WITH ORDINALITY AS u(a, n)
       LEFT JOIN proposed_recipient r ON r.id = u.a
       LEFT JOIN proposal_batch b ON b.id = r.batch_id
      ORDER BY u.n`,
    [parent.id, parent.program_id, add],
  );
}

/** The number of the first SK in the chain, and how far down the chain this amendment is. */
async function defaultAmendmentNumber(tx: EntityManager, amendsSkId: string): Promise<string> {
  const [row]: { sk_no: string; depth: number }[] = await tx.query(
    `WITH RECURSIVE chain AS (
       SELECT id, amends_sk_id, sk_no, 1 AS depth FROM sk_document WHERE id = $1
       UNION ALL
       SELECT d.id, d.amends_sk_id, d.sk_no, c.depth + 1 FROM sk_document d JOIN chain c ON d.id = c.amends_sk_id
     )
     SELECT (SELECT sk_no FROM chain WHERE amends_sk_id IS NULL) AS sk_no, max(depth)::int AS depth FROM chain`,
    [amendsSkId],
  );
  return amendmentNumber(row.sk_no, row.depth);
}
