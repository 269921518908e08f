import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { StepRecordKind } from '../sop/step-records';
import { StepRecordEntity } from './entities/step-record.entity';

export interface StepRecordInput {
  workflowId: string;
  step: StepRecordKind;
  businessKey: string;
  data: Record<string, unknown>;
}

@Injectable()
export class StepRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the record once. A retry with the same key returns the stored row and
   * leaves it untouched, so activities can be retried safely. `tx` writes it in a
   * transaction of the caller's, with what it checked still locked.
   */
  async recordOnce(
    input: StepRecordInput,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; created: boolean }> {
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO sop_step_record (workflow_id, step, business_key, data)
       VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT ON CONSTRAINT uq_sop_step_record DO NOTHING
       RETURNING id`,
      [input.workflowId, input.step, input.businessKey, JSON.stringify(input.data)],
    );
    if (inserted.length > 0) return { id: inserted[0].id, created: true };
    const existing = await tx.getRepository(StepRecordEntity).findOneByOrFail({
      workflowId: input.workflowId,
      step: input.step,
      businessKey: input.businessKey,
    });
    return { id: existing.id, created: false };
  }

  /** The record with this key, if one was written (in `tx` when given). */
  async find(
    key: Omit<StepRecordInput, 'data'>,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string } | undefined> {
    const found = await tx.getRepository(StepRecordEntity).findOneBy(key);
    return found ? { id: found.id } : undefined;
  }

  listForWorkflow(workflowId: string): Promise<StepRecordEntity[]> {
    return this.dataSource
      .getRepository(StepRecordEntity)
      .find({ where: { workflowId }, order: { recordedAt: 'ASC' } });
  }
}
