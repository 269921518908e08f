import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ValidationFailed } from '../domain/errors';
import { UUID } from '../shared';
import type { StepRecordKind } from '../sop/step-records';

export interface ProposedPerson {
  nik: string;
  kelurahanCode: string;
  noKk?: string;
  /** `dampak_covid` as written; verval rejects a person without an allowed one. */
  covidImpact?: string;
}

export interface ReturnedPerson {
  recipientId: string;
  kelurahanCode: string;
  reasons: string[];
}

/**
 * The step record SUBMIT_PROPOSALS leaves, keyed by the batch it names: the one mark of a
 * submitted batch, read by verval (which reviews only submitted batches) and by discard.
 */
export const SUBMISSION_STEP: StepRecordKind = 'proposal-input';

/** The kecamatan's side of steps 3-4: batches of proposed persons, corrections and withdrawals. */
@Injectable()
export class ProposalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async createBatch(input: {
    programId: string;
    kecamatanCode: string;
    workflowId: string;
    persons: ProposedPerson[];
  }): Promise<{ batchId: string; proposedCount: number }> {
    return this.dataSource.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO proposal_batch (program_id, kecamatan_code, workflow_id) VALUES ($1, $2, $3) RETURNING id`,
        [input.programId, input.kecamatanCode, input.workflowId],
      );
      const batchId = rows[0].id;
      await tx.query(
        `INSERT INTO proposed_recipient (batch_id, nik, kelurahan_code, no_kk, covid_impact)
         SELECT $1, nik, kel, kk, impact
           FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[]) AS t(nik, kel, kk, impact)`,
        [
          batchId,
          input.persons.map((p) => p.nik),
          input.persons.map((p) => p.kelurahanCode),
          input.persons.map((p) => p.noKk ?? null),
          input.persons.map((p) => p.covidImpact ?? null),
        ],
      );
      return { batchId, proposedCount: input.persons.length };
    });
  }

  /**
   * Runs `submit` with the allocation's batch locked and its size (undefined when the
   * allocation has no such batch), in one transaction: a discard of the same batch waits
   * for it and then sees it submitted, or wins and the submission finds no batch.
   */
  async withBatchLocked<T>(
    batchId: string,
    workflowId: string,
    submit: (size: number | undefined, tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      if (!UUID.test(batchId)) return submit(undefined, tx);
      const locked: unknown[] = await tx.query(
        'SELECT 1 FROM proposal_batch WHERE id = $1 AND workflow_id = $2 FOR UPDATE',
        [batchId, workflowId],
      );
      if (locked.length === 0) return submit(undefined, tx);
      const [{ n }]: { n: number }[] = await tx.query(
        'SELECT count(*)::int AS n FROM proposed_recipient WHERE batch_id = $1',
        [batchId],
      );
      return submit(n, tx);
    });
  }

  /**
   * Removes a batch the kecamatan uploaded and never submitted (a first try replaced by a
   * corrected file), with its persons and the record of its file, so the same file may be
   * imported again. A submitted batch is under verval and stays.
   */
  async discardBatch(
    workflowId: string,
    batchId: string,
  ): Promise<{ batchId: string; discarded: number }> {
    if (!UUID.test(batchId)) {
      throw new ValidationFailed([{ field: 'batchId', reason: 'must be a batch id (uuid)' }]);
    }
    return this.dataSource.transaction(async (tx) => {
      const batches: { uploadId: string | null }[] = await tx.query(
        `SELECT upload_id AS "uploadId" FROM proposal_batch WHERE id = $1 AND workflow_id = $2 FOR UPDATE`,
        [batchId, workflowId],
      );
      if (batches.length === 0) {
        throw new DomainError(
          'NOT_FOUND',
          `No proposal batch ${batchId} in allocation ${workflowId}`,
        );
      }
      const submitted: unknown[] = await tx.query(
        `SELECT 1 FROM sop_step_record WHERE workflow_id = $1 AND step = $2 AND business_key = $3`,
        [workflowId, SUBMISSION_STEP, batchId],
      );
      if (submitted.length > 0) {
        throw new DomainError(
          'TRANSITION_REFUSED',
          `batch ${batchId} was submitted with SUBMIT_PROPOSALS and goes through verval; only a batch that was never submitted can be discarded`,
          { batchId },
        );
      }
      const [, discarded] = await tx.query<[unknown, number]>(
        'DELETE FROM proposed_recipient WHERE batch_id = $1',
        [batchId],
      );
      await tx.query('DELETE FROM proposal_batch WHERE id = $1', [batchId]);
      if (batches[0].uploadId) {
        await tx.query('DELETE FROM import_upload WHERE id = $1', [batches[0].uploadId]);
      }
      return { batchId, discarded };
    });
  }

  /** Persons returned to the kecamatan with their reasons (identified by record id, not NIK). */
  listReturned(workflowId: string): Promise<ReturnedPerson[]> {
    return this.dataSource.query(
      `SELECT r.id AS "recipientId", r.kelurahan_code AS "kelurahanCode", r.reasons
         FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
        WHERE b.workflow_id = $1 AND r.status = 'rejected' ORDER BY r.seq`,
      [workflowId],
    );
  }

  /** The kecamatan fixes a returned person; they go back under review on resubmission. */
  async correct(recipientId: string, fix: Partial<ProposedPerson>): Promise<void> {
    await this.changeReturned(
      recipientId,
      `UPDATE proposed_recipient SET status = 'resubmitted', nik = COALESCE($2, nik),
         kelurahan_code = COALESCE($3, kelurahan_code), no_kk = COALESCE($4, no_kk),
         covid_impact = COALESCE($5, covid_impact), updated_at = now()
       WHERE id = $1 AND status = 'rejected'`,
      [
        recipientId,
        fix.nik ?? null,
        fix.kelurahanCode ?? null,
        fix.noKk ?? null,
        fix.covidImpact ?? null,
      ],
    );
  }

  /**
   * Withdraws a returned person, unless they are the allocation's last hope: with nobody
   * accepted, resubmitted or still to answer, the SOP refuses the resubmission (an SK
   * with no recipients) and a withdrawal cannot be undone, so the allocation could never
   * move again. The allocation's batches are locked, so two withdrawals cannot both pass.
   */
  async withdraw(recipientId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [{ others }]: { others: number }[] = await tx.query(
        `WITH mine AS (
           SELECT b.workflow_id FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
            WHERE r.id = $1),
         locked AS (
           SELECT b.id FROM proposal_batch b WHERE b.workflow_id = (SELECT workflow_id FROM mine)
              FOR UPDATE)
         SELECT count(r.id)::int AS others FROM locked b
           JOIN proposed_recipient r ON r.batch_id = b.id
          WHERE r.id <> $1 AND r.status IN ('accepted', 'resubmitted', 'rejected')`,
        [recipientId],
      );
      if (others === 0) {
        throw new DomainError(
          'TRANSITION_REFUSED',
          'withdrawing the last returned person would leave the allocation with no accepted ' +
            'or resubmitted person, and the SOP cannot continue without one; correct them instead',
          { recipientId },
        );
      }
      await this.changeReturned(
        recipientId,
        `UPDATE proposed_recipient SET status = 'withdrawn', updated_at = now() WHERE id = $1 AND status = 'rejected'`,
        [recipientId],
        tx,
      );
    });
  }

  /** Accepted persons per kelurahan: the counts behind each kelurahan's BAST and BNBA. */
  acceptedByKelurahan(workflowId: string): Promise<{ kelurahanCode: string; accepted: number }[]> {
    return this.dataSource.query(
      `SELECT k.code AS "kelurahanCode", count(r.id)::int AS accepted
         FROM region k
         JOIN proposal_batch b ON b.workflow_id = $1 AND k.parent_code = b.kecamatan_code
         LEFT JOIN proposed_recipient r ON r.batch_id = b.id AND r.kelurahan_code = k.code AND r.status = 'accepted'
        WHERE k.level = 'kelurahan_desa'
        GROUP BY k.code ORDER BY k.code`,
      [workflowId],
    );
  }

  private async changeReturned(
    recipientId: string,
    sql: string,
    params: unknown[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const [, affected] = await tx.query<[unknown, number]>(sql, params);
    if (affected !== 1) {
      throw new Error(`Recipient ${recipientId} is not a returned (rejected) proposal`);
    }
  }
}
