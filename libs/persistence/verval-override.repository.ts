import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../domain/errors';
import { secondPerson } from '../domain/maker-checker';
import { orThrow } from '../domain/verdict';
import type { VervalOutcome } from '../domain/verval';
import { lockProgrammeVerval } from './verval.repository';

export type OverrideStatus = 'pending' | 'approved' | 'rejected';

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
      if (person.status !== 'accepted' && person.status !== 'rejected') {
        throw new DomainError(
          'TRANSITION_REFUSED',
          `Recipient ${input.recipientId} is ${person.status}, not a verval result; only accepted or rejected persons can be overridden`,
        );
      }
      if (person.status === input.outcome) {
        throw new DomainError(
          'TRANSITION_REFUSED',
          `Recipient ${input.recipientId} is already ${input.outcome}`,
        );
      }
      await this.refuseAfterSkDraft(tx, person.workflowId);
      const pending: { id: string }[] = await tx.query(
        `SELECT id FROM verval_override WHERE recipient_id = $1 AND status = 'pending'`,
        [input.recipientId],
      );
      if (pending.length > 0) {
        throw new DomainError(
          'ALREADY_EXISTS',
          `Recipient ${input.recipientId} already has a pending override ${pending[0].id}`,
          { overrideId: pending[0].id },
        );
      }
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO verval_override (recipient_id, workflow_id, from_outcome, outcome, reason, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          input.recipientId,
          person.workflowId,
          person.status,
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
      const override = await this.pending(tx, id);
      orThrow(
        secondPerson(
          override,
          approvedBy,
          () =>
            new DomainError(
              'SELF_APPROVAL_REFUSED',
              `Override ${id} was requested by ${approvedBy}; a different member of the data team must approve it`,
            ),
        ),
      );
      const person = await this.lockedPerson(tx, override.recipientId);
      if (person.status !== override.fromOutcome) {
        throw new DomainError(
          'TRANSITION_REFUSED',
          `Recipient ${override.recipientId} is now ${person.status}, no longer ${override.fromOutcome}; reject this override and request a new one`,
        );
      }
      await this.refuseAfterSkDraft(tx, override.workflowId);
      if (override.outcome === 'accepted') {
        await this.refuseOverQuota(tx, override.workflowId);
        await this.refuseAcceptedElsewhere(tx, override.recipientId, programId);
      }
      await tx.query(
        `UPDATE proposed_recipient
            SET status = $2::varchar, reasons = CASE WHEN $2::varchar = 'accepted' THEN '{}'::text[] ELSE '{MANUAL_REVIEW}'::text[] END,
                updated_at = now()
          WHERE id = $1`,
        [override.recipientId, override.outcome],
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
      await this.pending(tx, id);
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

  private async pending(tx: EntityManager, id: string): Promise<VervalOverride> {
    await tx.query('SELECT 1 FROM verval_override WHERE id = $1 FOR UPDATE', [id]);
    const override = await this.get(tx, id);
    if (override.status !== 'pending') {
      throw new DomainError(
        'TRANSITION_REFUSED',
        `Override ${id} was already ${override.status} by ${override.decidedBy}`,
      );
    }
    return override;
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
  private async refuseAfterSkDraft(tx: EntityManager, workflowId: string): Promise<void> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM sop_step_record WHERE workflow_id = $1 AND step = 'sk-draft' LIMIT 1`,
      [workflowId],
    );
    if (rows.length > 0) {
      throw new DomainError(
        'TRANSITION_REFUSED',
        `The verval of ${workflowId} is closed (its SK is drafted); change recipients through an amending SK`,
      );
    }
  }

  /** The quota is the one the last verval run of the allocation was given. */
  private async refuseOverQuota(tx: EntityManager, workflowId: string): Promise<void> {
    const rows: { quota: number | null; accepted: number }[] = await tx.query(
      `SELECT (SELECT quota FROM verval_run WHERE workflow_id = $1 ORDER BY round DESC LIMIT 1) AS quota,
              (SELECT count(*)::int FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
                WHERE b.workflow_id = $1 AND r.status = 'accepted') AS accepted`,
      [workflowId],
    );
    const { quota, accepted } = rows[0];
    if (quota === null || accepted >= quota) {
      throw new DomainError(
        'TRANSITION_REFUSED',
        quota === null
          ? `Allocation ${workflowId} has no verval run with a quota yet`
          : `Allocation ${workflowId} is at its quota (${accepted} of ${quota} accepted); reject someone first or raise the quota`,
        { quota, accepted },
      );
    }
  }

  private async refuseAcceptedElsewhere(
    tx: EntityManager,
    recipientId: string,
    programId: string,
  ): Promise<void> {
    const rows: { kecamatanCode: string }[] = await tx.query(
      `SELECT ob.kecamatan_code AS "kecamatanCode"
         FROM proposed_recipient r
         JOIN proposed_recipient o ON o.nik = r.nik AND o.id <> r.id AND o.status = 'accepted'
         JOIN proposal_batch ob ON ob.id = o.batch_id AND ob.program_id = $2
        WHERE r.id = $1 LIMIT 1`,
      [recipientId, programId],
    );
    if (rows.length > 0) {
      throw new DomainError(
        'TRANSITION_REFUSED',
        `This person is already accepted in kecamatan ${rows[0].kecamatanCode} of this programme`,
        { kecamatanCode: rows[0].kecamatanCode },
      );
    }
  }
}
