import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { recordTransition, type TransitionContext } from './transition-context';

/** Step 15: parcels handed to each kelurahan and its families (KPM). */
export function createDistributionActivities(records: StepRecordRepository) {
  return {
    recordDistribution(
      ctx: TransitionContext,
      input: { kelurahanCode: string; distributedCount: number },
    ) {
      return recordTransition(records, ctx, 'distribution', input, input.kelurahanCode);
    },
  };
}
