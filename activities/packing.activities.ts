import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { recordTransition, type TransitionContext } from './transition-context';

/** Steps 8-9: the vendor's packing progress and its declaration that the order is packed. */
export function createPackingActivities(records: StepRecordRepository) {
  return {
    recordPacking(ctx: TransitionContext, input: { event: string; packedCount?: number }) {
      return recordTransition(records, ctx, 'packing', input);
    },
  };
}
