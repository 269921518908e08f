import type { AllocationVendorRepository } from '@salur/libs/persistence/allocation-vendor.repository';
import type { DocumentServices, SpkFacts } from '@salur/libs/persistence/documents';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { domainFailures } from './domain-failures';
import { recordTransition, type TransitionContext } from './transition-context';

/** SIGN_SPK as the workflow passes it: the facts are absent from events recorded before them. */
type ContractInput = { spkNo: string; vendorId: string; ordered: number } & Partial<
  Pick<SpkFacts, 'vendorName' | 'items' | 'parcelValue' | 'startDate' | 'endDate'>
>;

/**
 * Step 7: the SPK with the appointed vendor (city-wide, recorded per allocation), and the
 * programme's SPK ringkasan once its facts are given (every allocation asks; one is made).
 * `documents` is left out only by tests that record a contract without the SOP.
 */
export function createContractActivities(
  records: StepRecordRepository,
  allocationVendors: AllocationVendorRepository,
  documents?: DocumentServices,
) {
  return {
    async recordContract(ctx: TransitionContext, input: ContractInput) {
      const recorded = await recordTransition(records, ctx, 'contract', input, input.spkNo);
      // From here on the vendor's rekanan may see and act on this allocation (docs/auth.md).
      await allocationVendors.recordContract(recorded.recordId);
      const { vendorName, items, parcelValue, startDate, endDate } = input;
      if (documents && vendorName && items && parcelValue && startDate && endDate) {
        await domainFailures(() =>
          documents.programme.spk(
            {
              programId: ctx.programId,
              kecamatanCode: ctx.kecamatanCode,
              spkNo: input.spkNo,
              vendorId: input.vendorId,
              vendorName,
              items,
              parcelValue,
              startDate,
              endDate,
            },
            { stepRecordId: recorded.recordId, actor: { id: ctx.actorId, role: ctx.role } },
          ),
        );
      }
      return recorded;
    },
  };
}
