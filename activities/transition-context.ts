import type { EntityManager } from 'typeorm';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import type { StepRecordKind } from '@salur/libs/sop/step-records';

/**
 * What every SOP activity is told about the transition it serves. transitionId is the
 * Temporal update id: the business key that makes a retried activity write nothing new.
 */
export interface TransitionContext {
  workflowId: string;
  programId: string;
  kecamatanCode: string;
  transitionId: string;
  actorId: string;
  role: string;
}

/** Writes the record a step leaves behind, once per transition (in `tx` when given). */
export async function recordTransition(
  records: StepRecordRepository,
  ctx: TransitionContext,
  step: StepRecordKind,
  data: Record<string, unknown>,
  businessKey: string = ctx.transitionId,
  tx?: EntityManager,
): Promise<{ recordId: string }> {
  const { id } = await records.recordOnce(
    {
      workflowId: ctx.workflowId,
      step,
      businessKey,
      data: { ...data, actorId: ctx.actorId, role: ctx.role, transitionId: ctx.transitionId },
    },
    tx,
  );
  return { recordId: id };
}
