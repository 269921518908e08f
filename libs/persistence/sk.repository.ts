import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ValidationFailed, type FieldProblem } from '../domain/errors';
import { skContentSha256, type SkListedRecipient } from '../domain/sk-content';

export type SkStatus = 'draft' | 'rejected' | 'signed';

export interface SkSectionDrafted {
  skId: string;
  kecamatanCode: string;
  recipientCount: number;
  /** What the engine counted as accepted; differs from recipientCount only if rows moved outside verval. */
  engineAccepted: number;
}

export interface SkSigned {
  skId: string;
  skNo: string;
  contentSha256: string;
  recipientCount: number;
}

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

export interface SkVerification {
  skId: string;
  status: SkStatus;
  storedSha256: string | null;
  computedSha256: string;
  valid: boolean;
  sections: {
    kecamatanCode: string;
    storedSha256: string | null;
    computedSha256: string;
    valid: boolean;
  }[];
  /** Listed persons whose proposal row no longer matches the frozen copy (NIK, kelurahan). */
  driftedFromProposals: number;
}

interface DocumentRow {
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOCUMENT_COLUMNS = `d.id, d.program_id, d.draft_id, d.status, d.sk_no, to_char(d.sk_date, 'YYYY-MM-DD') AS sk_date,
  d.signatory, d.content_sha256, d.recipient_count, d.amends_sk_id, d.amendment_reason, d.drafted_by,
  d.rejection_reason, d.rejected_by, d.created_at, d.signed_at, d.rejected_at`;

/**
 * Step 5: the Walikota's SK fixing the recipients, and its amendments.
 *
 * The programme sends DRAFT_SK, APPROVE_SK and REJECT_SK to every allocation, and each
 * allocation's activity calls this repository on its own, in any order, possibly retried:
 * - draft: each allocation adds its kecamatan's section (its accepted persons) to the
 *   programme's SK document for that draft id, once;
 * - decision: the first allocation to record it decides the whole document (the programme
 *   sends APPROVE_SK/REJECT_SK only when every allocation has drafted, so every section is
 *   in); the others find it decided the same way and get the same answer. Signing computes
 *   every section's hash and the document's hash over the full list, so the result does
 *   not depend on which allocation came first.
 * A signed SK never changes (triggers refuse it); changes are amending SKs, requested by
 * one person and approved by another.
 */
@Injectable()
export class SkRepository {
  constructor(private readonly dataSource: DataSource) {}

  async draftSection(input: {
    programId: string;
    workflowId: string;
    kecamatanCode: string;
    draftId: string;
    draftedBy: string;
    transitionId: string;
    engineAccepted: number;
  }): Promise<SkSectionDrafted> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO sk_document (program_id, draft_id, drafted_by) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT uq_sk_document_draft DO NOTHING`,
        [input.programId, input.draftId, input.draftedBy],
      );
      const [doc]: { id: string; status: SkStatus; amends_sk_id: string | null }[] = await tx.query(
        `SELECT id, status, amends_sk_id FROM sk_document WHERE program_id = $1 AND draft_id = $2`,
        [input.programId, input.draftId],
      );
      if (doc.amends_sk_id) {
        throw new DomainError(
          'ALREADY_EXISTS',
          `skDraftId: ${input.draftId} names an amending SK; draft under a new id`,
        );
      }
      const stored = await this.storedSection(tx, doc.id, input.kecamatanCode);
      if (stored) {
        // A retried activity gets the stored section; a new DRAFT_SK reusing the id of a
        // decided draft is refused, so the decided document stays as it was.
        if (doc.status !== 'draft' && stored.transitionId !== input.transitionId) {
          throw new DomainError(
            'ALREADY_EXISTS',
            `skDraftId: SK draft ${input.draftId} was already ${doc.status}; draft under a new id`,
          );
        }
        return { skId: doc.id, kecamatanCode: input.kecamatanCode, ...stored.counts };
      }
      if (doc.status !== 'draft') {
        throw new DomainError(
          'ALREADY_EXISTS',
          `skDraftId: SK draft ${input.draftId} was already ${doc.status}; draft under a new id`,
        );
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
    });
  }

  /** APPROVE_SK as recorded by one allocation: signs the whole SK once, answers the same after. */
  async signForAllocation(input: {
    workflowId: string;
    skNo: string;
    signatory: string;
  }): Promise<SkSigned> {
    return this.dataSource.transaction(async (tx) => {
      const doc = await this.lockAllocationDraft(tx, input.workflowId);
      if (doc.status === 'signed') {
        if (doc.sk_no !== input.skNo) {
          throw new DomainError(
            'ALREADY_EXISTS',
            `skNo: SK draft ${doc.draft_id} was already signed as ${doc.sk_no}`,
          );
        }
        return signedOf(doc);
      }
      if (doc.status === 'rejected') {
        throw new DomainError(
          'TRANSITION_REFUSED',
          `SK draft ${doc.draft_id} was rejected; it cannot be signed`,
        );
      }
      await this.assertEverySectionIn(tx, doc);
      return this.freeze(tx, doc.id, input.skNo, input.signatory);
    });
  }

  /** REJECT_SK as recorded by one allocation: the draft is kept, marked rejected with the reason. */
  async rejectForAllocation(input: {
    workflowId: string;
    reason: string;
    rejectedBy: string;
  }): Promise<{ skId: string }> {
    return this.dataSource.transaction(async (tx) => {
      const doc = await this.lockAllocationDraft(tx, input.workflowId);
      if (doc.status === 'signed') {
        throw new DomainError(
          'TRANSITION_REFUSED',
          `SK draft ${doc.draft_id} is signed as ${doc.sk_no}; it can only be amended`,
        );
      }
      if (doc.status === 'draft') {
        await tx.query(
          `UPDATE sk_document SET status = 'rejected', rejection_reason = $2, rejected_by = $3, rejected_at = now()
            WHERE id = $1`,
          [doc.id, input.reason, input.rejectedBy],
        );
      }
      return { skId: doc.id };
    });
  }

  /**
   * Asks for an amending SK: the list in force with persons added and removed, for a
   * written reason. It takes effect only when someone else approves it.
   */
  async requestAmendment(input: {
    skId: string;
    reason: string;
    add: string[];
    remove: string[];
    requestedBy: string;
  }): Promise<SkAmendmentView> {
    return this.dataSource.transaction(async (tx) => {
      const parent = await this.lockDocument(tx, input.skId);
      if (parent.status !== 'signed') {
        throw new DomainError(
          'TRANSITION_REFUSED',
          `SK ${parent.id} is ${parent.status}; only a signed SK can be amended`,
        );
      }
      const [live]: { id: string; status: SkStatus }[] = await tx.query(
        `SELECT id, status FROM sk_document WHERE amends_sk_id = $1 AND status IN ('draft', 'signed')`,
        [parent.id],
      );
      if (live) {
        throw new DomainError(
          'ALREADY_EXISTS',
          live.status === 'signed'
            ? `SK ${parent.id} was already amended by SK ${live.id}; amend that one`
            : `SK ${parent.id} already has amendment ${live.id} waiting for approval`,
          { pendingAmendmentId: live.id },
        );
      }
      await this.assertChangesApply(tx, parent, input.add, input.remove);

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
      return (await this.amendmentOf(tx, id))!;
    });
  }

  /**
   * The second person's decision on an amendment. Approving signs the amending SK
   * (its own number, hash and signatory); the amended SK stays as it was.
   */
  async decideAmendment(input: {
    amendmentId: string;
    decision: 'approved' | 'rejected';
    decidedBy: string;
    note?: string;
    skNo?: string;
  }): Promise<{ amendment: SkAmendmentView; signed?: SkSigned }> {
    if (!UUID.test(input.amendmentId)) {
      throw new DomainError('NOT_FOUND', `No SK amendment ${input.amendmentId}`);
    }
    return this.dataSource.transaction(async (tx) => {
      const [row]: { requested_by: string; decision: string | null; decided_by: string | null }[] =
        await tx.query(
          `SELECT requested_by, decision, decided_by FROM sk_amendment WHERE sk_id = $1 FOR UPDATE`,
          [input.amendmentId],
        );
      if (!row) throw new DomainError('NOT_FOUND', `No SK amendment ${input.amendmentId}`);
      const doc = await this.lockDocument(tx, input.amendmentId);
      if (row.decision) {
        if (row.decision === input.decision && row.decided_by === input.decidedBy) {
          return {
            amendment: (await this.amendmentOf(tx, doc.id))!,
            ...(doc.status === 'signed' ? { signed: signedOf(doc) } : {}),
          };
        }
        throw new DomainError(
          'TRANSITION_REFUSED',
          `SK amendment ${doc.id} was already ${row.decision} by ${row.decided_by}`,
        );
      }
      if (row.requested_by === input.decidedBy) {
        throw new DomainError(
          'ROLE_NOT_ALLOWED',
          `${input.decidedBy} requested SK amendment ${doc.id}; a different person must decide it`,
        );
      }
      await tx.query(
        `UPDATE sk_amendment SET decision = $2, decided_by = $3, decided_at = now(), decision_note = $4
          WHERE sk_id = $1`,
        [doc.id, input.decision, input.decidedBy, input.note ?? null],
      );
      if (input.decision === 'rejected') {
        await tx.query(
          `UPDATE sk_document SET status = 'rejected', rejection_reason = $2, rejected_by = $3, rejected_at = now()
            WHERE id = $1`,
          [doc.id, input.note ?? 'amendment rejected', input.decidedBy],
        );
        return { amendment: (await this.amendmentOf(tx, doc.id))! };
      }
      const skNo = input.skNo ?? (await this.amendmentNumber(tx, doc.amends_sk_id!));
      const signed = await this.freeze(tx, doc.id, skNo, input.decidedBy);
      return { amendment: (await this.amendmentOf(tx, doc.id))!, signed };
    });
  }

  /** Recomputes the hashes from the frozen rows and compares them with the stored ones. */
  async verify(skId: string): Promise<SkVerification> {
    const doc = await this.documentRow(this.dataSource.manager, skId);
    const rows = await this.listed(this.dataSource.manager, skId);
    const sections: { kecamatan_code: string; content_sha256: string | null }[] =
      await this.dataSource.query(
        `SELECT kecamatan_code, content_sha256 FROM sk_section WHERE sk_id = $1 ORDER BY kecamatan_code`,
        [skId],
      );
    const [{ drifted }]: { drifted: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS drifted FROM sk_recipient s JOIN proposed_recipient r ON r.id = s.recipient_id
        WHERE s.sk_id = $1 AND (r.nik <> s.nik OR r.kelurahan_code <> s.kelurahan_code)`,
      [skId],
    );
    const computed = skContentSha256(rows);
    const sectionChecks = sections.map((s) => {
      const sectionHash = skContentSha256(rows.filter((r) => r.kecamatanCode === s.kecamatan_code));
      return {
        kecamatanCode: s.kecamatan_code,
        storedSha256: s.content_sha256,
        computedSha256: sectionHash,
        valid: s.content_sha256 === sectionHash,
      };
    });
    return {
      skId,
      status: doc.status,
      storedSha256: doc.content_sha256,
      computedSha256: computed,
      valid: doc.content_sha256 === computed && sectionChecks.every((s) => s.valid),
      sections: sectionChecks,
      driftedFromProposals: drifted,
    };
  }

  /** Every SK of the programme, drafts and rejected ones included, oldest first. */
  async listForProgramme(programId: string): Promise<SkSummary[]> {
    const docs: DocumentRow[] = await this.dataSource.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM sk_document d WHERE d.program_id = $1 ORDER BY d.created_at, d.id`,
      [programId],
    );
    return Promise.all(docs.map((d) => this.summaryOf(this.dataSource.manager, d)));
  }

  async get(skId: string): Promise<SkDocumentView> {
    const manager = this.dataSource.manager;
    const summary = await this.summaryOf(manager, await this.documentRow(manager, skId));
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

  /** Hashes every section and the whole list, then marks the SK signed: from here on it is frozen. */
  private async freeze(
    tx: EntityManager,
    skId: string,
    skNo: string,
    signatory: string,
  ): Promise<SkSigned> {
    const rows = await this.listed(tx, skId);
    const kecamatan = [...new Set(rows.map((r) => r.kecamatanCode))];
    const sections: { kecamatan_code: string }[] = await tx.query(
      `SELECT kecamatan_code FROM sk_section WHERE sk_id = $1`,
      [skId],
    );
    const codes = sections.map((s) => s.kecamatan_code);
    for (const code of kecamatan) if (!codes.includes(code)) codes.push(code);
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
      if ((failure.driverError?.code ?? failure.code) === '23505') {
        throw new DomainError(
          'ALREADY_EXISTS',
          `skNo: another SK of this programme is already signed as ${skNo}`,
        );
      }
      throw error;
    }
    return { skId, skNo, contentSha256, recipientCount: rows.length };
  }

  private async listed(manager: EntityManager, skId: string): Promise<SkListedRecipient[]> {
    return manager.query(
      `SELECT recipient_id AS "recipientId", kecamatan_code AS "kecamatanCode",
              kelurahan_code AS "kelurahanCode", nik
         FROM sk_recipient WHERE sk_id = $1`,
      [skId],
    );
  }

  /** The allocation's most recent programme SK draft (amendments are not drafted by allocations). */
  private async lockAllocationDraft(tx: EntityManager, workflowId: string): Promise<DocumentRow> {
    const [section]: { sk_id: string }[] = await tx.query(
      `SELECT s.sk_id FROM sk_section s JOIN sk_document d ON d.id = s.sk_id
        WHERE s.workflow_id = $1 AND d.amends_sk_id IS NULL
        ORDER BY s.created_at DESC LIMIT 1`,
      [workflowId],
    );
    if (!section) {
      throw new DomainError('NOT_FOUND', `No SK draft has a section for ${workflowId}`);
    }
    return this.lockDocument(tx, section.sk_id);
  }

  private async lockDocument(tx: EntityManager, skId: string): Promise<DocumentRow> {
    if (!UUID.test(skId)) throw new DomainError('NOT_FOUND', `No SK ${skId}`);
    const [doc]: DocumentRow[] = await tx.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM sk_document d WHERE d.id = $1 FOR UPDATE`,
      [skId],
    );
    if (!doc) throw new DomainError('NOT_FOUND', `No SK ${skId}`);
    return doc;
  }

  private async documentRow(manager: EntityManager, skId: string): Promise<DocumentRow> {
    if (!UUID.test(skId)) throw new DomainError('NOT_FOUND', `No SK ${skId}`);
    const [doc]: DocumentRow[] = await manager.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM sk_document d WHERE d.id = $1`,
      [skId],
    );
    if (!doc) throw new DomainError('NOT_FOUND', `No SK ${skId}`);
    return doc;
  }

  /**
   * Every kecamatan that proposed persons in this programme must have its section in the
   * SK. The programme sends APPROVE_SK only after every allocation drafted, so this holds
   * unless something bypassed the engine; then nobody signs an incomplete SK.
   */
  private async assertEverySectionIn(tx: EntityManager, doc: DocumentRow): Promise<void> {
    const missing: { kecamatan_code: string }[] = await tx.query(
      `SELECT DISTINCT b.kecamatan_code FROM proposal_batch b
        WHERE b.program_id = $1
          AND NOT EXISTS (SELECT 1 FROM sk_section s WHERE s.sk_id = $2 AND s.kecamatan_code = b.kecamatan_code)
        ORDER BY b.kecamatan_code`,
      [doc.program_id, doc.id],
    );
    if (missing.length > 0) {
      throw new DomainError(
        'TRANSITION_REFUSED',
        `SK draft ${doc.draft_id} has no section yet for kecamatan ${missing.map((m) => m.kecamatan_code).join(', ')}`,
      );
    }
  }

  private async assertChangesApply(
    tx: EntityManager,
    parent: DocumentRow,
    add: string[],
    remove: string[],
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    const notListed: { id: string }[] = await tx.query(
      `SELECT r AS id FROM unnest($2::uuid[]) AS r
        WHERE NOT EXISTS (SELECT 1 FROM sk_recipient s WHERE s.sk_id = $1 AND s.recipient_id = r)`,
      [parent.id, remove],
    );
    for (const { id } of notListed) {
      problems.push({ field: 'remove', reason: `${id} is not listed in SK ${parent.id}` });
    }
    const addable: { id: string; problem: string | null }[] = await tx.query(
      `SELECT a AS id,
              CASE WHEN r.id IS NULL OR b.program_id <> $2 THEN 'is not a proposed person of this programme'
                   WHEN r.status <> 'accepted' THEN 'is not accepted (status ' || r.status || ')'
                   WHEN EXISTS (SELECT 1 FROM sk_recipient s WHERE s.sk_id = $1 AND s.recipient_id = a)
                     THEN 'is already listed'
                   WHEN EXISTS (SELECT 1 FROM sk_recipient s WHERE s.sk_id = $1 AND s.nik = r.nik
                                  AND NOT (s.recipient_id = ANY($4::uuid[])))
                     THEN 'has the NIK of a person already listed'
              END AS problem
         FROM unnest($3::uuid[]) AS a
         LEFT JOIN proposed_recipient r ON r.id = a
         LEFT JOIN proposal_batch b ON b.id = r.batch_id`,
      [parent.id, parent.program_id, add, remove],
    );
    for (const { id, problem } of addable) {
      if (problem) problems.push({ field: 'add', reason: `${id} ${problem}` });
    }
    if (problems.length > 0) throw new ValidationFailed(problems);
  }

  /** Default number of an amending SK: the amended SK's number with the amendment's place in line. */
  private async amendmentNumber(tx: EntityManager, amendsSkId: string): Promise<string> {
    const [row]: { sk_no: string; depth: number }[] = await tx.query(
      `WITH RECURSIVE chain AS (
         SELECT id, amends_sk_id, sk_no, 1 AS depth FROM sk_document WHERE id = $1
         UNION ALL
         SELECT d.id, d.amends_sk_id, d.sk_no, c.depth + 1 FROM sk_document d JOIN chain c ON d.id = c.amends_sk_id
       )
       SELECT (SELECT sk_no FROM chain WHERE amends_sk_id IS NULL) AS sk_no, max(depth)::int AS depth FROM chain`,
      [amendsSkId],
    );
    return `${row.sk_no}/PERUBAHAN-${row.depth}`;
  }

  private async amendmentOf(
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

  private async summaryOf(manager: EntityManager, d: DocumentRow): Promise<SkSummary> {
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
      current: d.status === 'signed' && !amendedBy.some((a) => a.status === 'signed'),
      draftedBy: d.drafted_by,
      rejectionReason: d.rejection_reason,
      rejectedBy: d.rejected_by,
      createdAt: d.created_at.toISOString(),
      signedAt: d.signed_at?.toISOString() ?? null,
      rejectedAt: d.rejected_at?.toISOString() ?? null,
      amendment: d.amends_sk_id ? ((await this.amendmentOf(manager, d.id)) ?? null) : null,
    };
  }

  private async storedSection(tx: EntityManager, skId: string, kecamatanCode: string) {
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
}

function signedOf(doc: DocumentRow): SkSigned {
  return {
    skId: doc.id,
    skNo: doc.sk_no!,
    contentSha256: doc.content_sha256!,
    recipientCount: doc.recipient_count!,
  };
}
