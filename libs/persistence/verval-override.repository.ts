import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../domain/errors';
import { orThrow } from '../domain/verdict';
import type { VervalOutcome } from '../domain/verval';
import {
  approveOverride,
  pendingOverride,
  requestOverride,
  type OverrideStatus,
} from '../domain/verval-override';
import type { StepRecordKind } from '../sop/step-records';
import { lockProgrammeVerval } from './verval.repository';

export type { OverrideStatus } from '../domain/verval-override';

export interface VervalOverride {
  id: string;
  recipientId: string;
  workflowId: string;
  fromOutcome: VervalOutcome;
  outcome: VervalOutcome;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: OverrideStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

const OVERRIDE_COLUMNS = `o.id, o.recipient_id AS "recipientId", o.workflow_id AS "workflowId",
  o.from_outcome AS "fromOutcome", o.outcome, o.reason, o.requested_by AS "requestedBy",
  o.requested_at AS "requestedAt", o.status, o.decided_by AS "decidedBy",
  o.decided_at AS "decidedAt", o.decision_reason AS "decisionReason"`;

/**
 * Manual review with two people (maker-checker): a data-team member asks to change a
 * verval result with a written reason; it takes effect only when a different member
 * approves it. Every request stays, with who asked, when, why and who decided.
 */
@Injectable()
export class VervalOverrideRepository {
  constructor(private readonly dataSource: DataSource) {}

  async request(input: {
    recipientId: string;
    outcome: VervalOutcome;
    reason: string;
    requestedBy: string;
  }): Promise<VervalOverride> {
    return this.dataSource.transaction(async (tx) => {
      const person = await this.lockedPerson(tx, input.recipientId);
      const pending: { id: string }[] = await tx.query(
        `SELECT id FROM verval_override WHERE recipient_id = $1 AND status = 'pending'`,
        [input.recipientId],
      );
      const { fromOutcome } = orThrow(
        requestOverride(input, {
          personStatus: person.status,
          workflowId: person.workflowId,
          skDrafted: await this.skDrafted(tx, person.workflowId),
          pendingId: pending[0]?.id,
        }),
      );
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO verval_override (recipient_id, workflow_id, from_outcome, outcome, reason, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          input.recipientId,
          person.workflowId,
          fromOutcome,
          input.outcome,
          input.reason,
          input.requestedBy,
        ],
      );
      return this.get(tx, rows[0].id);
    });
  }

  /** Applies the override to the person, in the same transaction as the approval. */
  async approve(id: string, approvedBy: string): Promise<VervalOverride> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.get(tx, id);
      const programId = await this.programOf(tx, found.workflowId);
      // Same lock as verval: quota and cross-kecamatan checks see a settled state.
      await lockProgrammeVerval(tx, programId);
      const override = await this.locked(tx, id);
      const person = await this.lockedPerson(tx, override.recipientId);
      const { outcome } = orThrow(
        approveOverride(override, approvedBy, {
          personStatus: person.status,
          skDrafted: await this.skDrafted(tx, override.workflowId),
          ...(await this.quotaOf(tx, override.workflowId)),
          acceptedInKecamatan: await this.acceptedElsewhere(
            tx,
            override.recipientId,
            programId,
            'person',
          ),
          familyAcceptedInKecamatan: await this.acceptedElsewhere(
            tx,
            override.recipientId,
            programId,
            'family',
          ),
        }),
      );
      await tx.query(
        `UPDATE proposed_recipient
            SET status = $2::varchar, reasons = CASE WHEN $2::varchar = 'accepted' THEN '{}'::text[] ELSE '{MANUAL_REVIEW}'::text[] END,
                updated_at = now()
          WHERE id = $1`,
        [override.recipientId, outcome],
      );
      await tx.query(
        `UPDATE verval_override SET status = 'approved', decided_by = $2, decided_at = now() WHERE id = $1`,
        [id, approvedBy],
      );
      return this.get(tx, id);
    });
  }

  /** Turning a request down changes nothing, so the requester may also withdraw it. */
  async reject(id: string, rejectedBy: string, reason: string): Promise<VervalOverride> {
    return this.dataSource.transaction(async (tx) => {
      orThrow(pendingOverride(await this.locked(tx, id)));
      await tx.query(
        `UPDATE verval_override SET status = 'rejected', decided_by = $2, decided_at = now(), decision_reason = $3
          WHERE id = $1`,
        [id, rejectedBy, reason],
      );
      return this.get(tx, id);
    });
  }

  list(status?: OverrideStatus): Promise<VervalOverride[]> {
    return this.dataSource.query(
      `SELECT ${OVERRIDE_COLUMNS} FROM verval_override o
        WHERE $1::varchar IS NULL OR o.status = $1 ORDER BY o.requested_at, o.id`,
      [status ?? null],
    );
  }

  private async get(tx: EntityManager, id: string): Promise<VervalOverride> {
    const rows: VervalOverride[] = await tx.query(
      `SELECT ${OVERRIDE_COLUMNS} FROM verval_override o WHERE o.id = $1`,
      [id],
    );
    if (rows.length === 0) throw new DomainError('NOT_FOUND', `No verval override ${id}`);
    return rows[0];
  }

  private async locked(tx: EntityManager, id: string): Promise<VervalOverride> {
    await tx.query('SELECT 1 FROM verval_override WHERE id = $1 FOR UPDATE', [id]);
    return this.get(tx, id);
  }

  private async lockedPerson(tx: EntityManager, recipientId: string) {
    const rows: { status: string; workflowId: string }[] = await tx.query(
      `SELECT r.status, b.workflow_id AS "workflowId"
         FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
        WHERE r.id = $1 FOR UPDATE OF r`,
      [recipientId],
    );
    if (rows.length === 0)
      throw new DomainError('NOT_FOUND', `No proposed recipient ${recipientId}`);
    return rows[0];
  }

  private async programOf(tx: EntityManager, workflowId: string): Promise<string> {
    const rows: { programId: string }[] = await tx.query(
      `SELECT program_id AS "programId" FROM proposal_batch WHERE workflow_id = $1 LIMIT 1`,
      [workflowId],
    );
    return rows[0].programId;
  }

  /** Once the SK is drafted the verval is closed; a change then needs an amending SK. */
  private async skDrafted(tx: EntityManager, workflowId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM sop_step_record WHERE workflow_id = $1 AND step = $2 LIMIT 1`,
      [workflowId, 'sk-draft' satisfies StepRecordKind],
    );
    return rows.length > 0;
  }

  /** The quota is the one the last verval run of the allocation was given. */
  private async quotaOf(
    tx: EntityManager,
    workflowId: string,
  ): Promise<{ quota: number | null; accepted: number }> {
    const rows: { quota: number | null; accepted: number }[] = await tx.query(
      `SELECT (SELECT quota FROM verval_run WHERE workflow_id = $1 ORDER BY round DESC LIMIT 1) AS quota,
              (SELECT count(*)::int FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
                WHERE b.workflow_id = $1 AND r.status = 'accepted') AS accepted`,
      [workflowId],
    );
    return rows[0];
  }

  /**
   * The kecamatan where the same person (by NIK), or another member of their family (same
   * No. KK, another NIK, as verval's DUPLICATE_KK finds them), is already accepted in the
   * programme.
   */
  private async acceptedElsewhere(
    tx: EntityManager,
    recipientId: string,
    programId: string,
    who: 'person' | 'family',
  ): Promise<string | undefined> {
    const same =
      who === 'person' ? 'o.nik = r.nik AND o.id <> r.id' : 'o.no_kk = r.no_kk AND o.nik <> r.nik';
    const rows: { kecamatanCode: string }[] = await tx.query(
      `SELECT ob.kecamatan_code AS "kecamatanCode"
         FROM proposed_recipient r
         JOIN proposed_recipient o ON ${same} AND o.status = 'accepted'
         JOIN proposal_batch ob ON ob.id = o.batch_id AND ob.program_id = $2
        WHERE r.id = $1 LIMIT 1`,
      [recipientId, programId],
    );
    return rows[0]?.kecamatanCode;
  }
}
