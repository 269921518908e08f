import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { StepRecordKind } from '@salur/libs/sop/step-records';

/**
 * One record an SOP step leaves behind (the SOP's "output" column). The unique key
 * (workflow, step, business key) makes every activity write idempotent: a retried
 * activity finds its row already there instead of writing a second one.
 */
@Entity({ name: 'sop_step_record' })
@Unique('uq_sop_step_record', ['workflowId', 'step', 'businessKey'])
export class StepRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ type: 'varchar', length: 60 })
  step!: StepRecordKind;

  @Column({ name: 'business_key', type: 'varchar', length: 200 })
  businessKey!: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  data!: Record<string, unknown>;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
