import type { StepRecordRepository } from '../libs/persistence/step-record.repository';
import { recordTransition, type TransitionContext } from './transition-context';

/** Step 7: the SPK with the appointed vendor (city-wide, recorded per allocation). */
export function createContractActivities(records: StepRecordRepository) {
  return {
    recordContract(
      ctx: TransitionContext,
      input: { spkNo: string; vendorId: string; ordered: number },
    ) {
      return recordTransition(records, ctx, 'contract', input, input.spkNo);
    },
  };
}
