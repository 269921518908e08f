import type { AllocationVendorRepository } from '../libs/persistence/allocation-vendor.repository';
import type { ProposalRepository } from '../libs/persistence/proposal.repository';
import type { SkRepository } from '../libs/persistence/sk.repository';
import type { StepRecordRepository } from '../libs/persistence/step-record.repository';
import type { VervalRepository } from '../libs/persistence/verval.repository';
import { createBastActivities } from './bast.activities';
import { createContractActivities } from './contract.activities';
import { createDeliveryActivities } from './delivery.activities';
import { createDistributionActivities } from './distribution.activities';
import { createInspectionActivities } from './inspection.activities';
import { createMonevActivities } from './monev.activities';
import { createPackingActivities } from './packing.activities';
import { createProposalActivities } from './proposals.activities';
import { createQuotaLetterActivities } from './quota-letter.activities';
import { createSkActivities } from './sk.activities';
import { createVervalActivities } from './verval.activities';

export type { TransitionContext } from './transition-context';

export interface ActivityDependencies {
  stepRecords: StepRecordRepository;
  proposals: ProposalRepository;
  verval: VervalRepository;
  sk: SkRepository;
  allocationVendors: AllocationVendorRepository;
}

/** Every activity the worker registers, built from its dependencies (the composition root passes them). */
export function createActivities(deps: ActivityDependencies) {
  const { stepRecords, proposals, verval } = deps;
  return {
    ...createQuotaLetterActivities(stepRecords),
    ...createProposalActivities(stepRecords, proposals, verval),
    ...createVervalActivities(stepRecords, verval),
    ...createSkActivities(stepRecords, deps.sk),
    ...createBastActivities(stepRecords, proposals),
    ...createContractActivities(stepRecords, deps.allocationVendors),
    ...createPackingActivities(stepRecords),
    ...createInspectionActivities(stepRecords),
    ...createDeliveryActivities(stepRecords),
    ...createDistributionActivities(stepRecords),
    ...createMonevActivities(stepRecords),
  };
}

export type Activities = ReturnType<typeof createActivities>;
