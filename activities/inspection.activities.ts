import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { recordTransition, type TransitionContext } from './transition-context';

/** Steps 10-12: readiness, the BA Pemeriksaan, and hand-over to the distribution team. */
export function createInspectionActivities(records: StepRecordRepository) {
  return {
    recordReadiness(ctx: TransitionContext, input: { event: string; readyDate?: string }) {
      return recordTransition(records, ctx, 'readiness', input);
    },
    recordInspection(
      ctx: TransitionContext,
      input: { inspectionId: string; inspectedCount: number; passedCount: number; reason?: string },
    ) {
      return recordTransition(records, ctx, 'inspection', input, input.inspectionId);
    },
    recordHandover(ctx: TransitionContext, input: { handedOverCount: number }) {
      return recordTransition(records, ctx, 'handover', input);
    },
  };
}
