import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ProposedPerson {
  nik: string;
  kelurahanCode: string;
}

export interface ReturnedPerson {
  recipientId: string;
  kelurahanCode: string;
  reasons: string[];
}

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
        `INSERT INTO proposed_recipient (batch_id, nik, kelurahan_code)
         SELECT $1, nik, kel FROM unnest($2::varchar[], $3::varchar[]) AS t(nik, kel)`,
        [batchId, input.persons.map((p) => p.nik), input.persons.map((p) => p.kelurahanCode)],
      );
      return { batchId, proposedCount: input.persons.length };
    });
  }

  async batchSize(batchId: string, workflowId: string): Promise<number | undefined> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(r.id)::int AS n FROM proposal_batch b LEFT JOIN proposed_recipient r ON r.batch_id = b.id
        WHERE b.id = $1 AND b.workflow_id = $2 GROUP BY b.id`,
      [batchId, workflowId],
    );
    return rows[0]?.n;
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
         kelurahan_code = COALESCE($3, kelurahan_code), updated_at = now()
       WHERE id = $1 AND status = 'rejected'`,
      [recipientId, fix.nik ?? null, fix.kelurahanCode ?? null],
    );
  }

  async withdraw(recipientId: string): Promise<void> {
    await this.changeReturned(
      recipientId,
      `UPDATE proposed_recipient SET status = 'withdrawn', updated_at = now() WHERE id = $1 AND status = 'rejected'`,
      [recipientId],
    );
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

  private async changeReturned(recipientId: string, sql: string, params: unknown[]): Promise<void> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(sql, params);
    if (affected !== 1) {
      throw new Error(`Recipient ${recipientId} is not a returned (rejected) proposal`);
    }
  }
}
