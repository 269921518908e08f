import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StepRecordEntity } from './entities/step-record.entity';

export interface StepRecordInput {
  workflowId: string;
  step: string;
  businessKey: string;
  data: Record<string, unknown>;
}

@Injectable()
export class StepRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the record once. A retry with the same key returns the stored row and
   * leaves it untouched, so activities can be retried safely.
   */
  async recordOnce(input: StepRecordInput): Promise<{ id: string; created: boolean }> {
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO sop_step_record (workflow_id, step, business_key, data)
       VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT ON CONSTRAINT uq_sop_step_record DO NOTHING
       RETURNING id`,
      [input.workflowId, input.step, input.businessKey, JSON.stringify(input.data)],
    );
    if (inserted.length > 0) return { id: inserted[0].id, created: true };
    const existing = await this.dataSource.getRepository(StepRecordEntity).findOneByOrFail({
      workflowId: input.workflowId,
      step: input.step,
      businessKey: input.businessKey,
    });
    return { id: existing.id, created: false };
  }

  listForWorkflow(workflowId: string): Promise<StepRecordEntity[]> {
    return this.dataSource
      .getRepository(StepRecordEntity)
      .find({ where: { workflowId }, order: { recordedAt: 'ASC' } });
  }
}
