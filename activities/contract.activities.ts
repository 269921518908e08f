import type { AllocationVendorRepository } from '@salur/libs/persistence/allocation-vendor.repository';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { recordTransition, type TransitionContext } from './transition-context';

/** Step 7: the SPK with the appointed vendor (city-wide, recorded per allocation). */
export function createContractActivities(
  records: StepRecordRepository,
  allocationVendors: AllocationVendorRepository,
) {
  return {
    async recordContract(
      ctx: TransitionContext,
      input: { spkNo: string; vendorId: string; ordered: number },
    ) {
      const recorded = await recordTransition(records, ctx, 'contract', input, input.spkNo);
      // From here on the vendor's rekanan may see and act on this allocation (docs/auth.md).
      await allocationVendors.recordContract(recorded.recordId);
      return recorded;
    },
  };
}
