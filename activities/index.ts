import type { DataSource } from 'typeorm';
import type { AppConfig } from '@salur/libs/config/app-config';
import { createDocumentServices } from '@salur/libs/persistence/documents';
import { EvidenceRepository } from '@salur/libs/persistence/evidence.repository';
import { AllocationVendorRepository } from '@salur/libs/persistence/allocation-vendor.repository';
import { ProposalRepository } from '@salur/libs/persistence/proposal.repository';
import { ReceiptRepository } from '@salur/libs/persistence/receipt.repository';
import { SkRepository } from '@salur/libs/persistence/sk.repository';
import { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { VervalRepository } from '@salur/libs/persistence/verval.repository';
import { createBastActivities } from './bast.activities';
import { createContractActivities } from './contract.activities';
import { createDeliveryActivities } from './delivery.activities';
import { createDistributionActivities } from './distribution.activities';
import { createInspectionActivities } from './inspection.activities';
import { createMonevActivities } from './monev.activities';
import { createPackingActivities } from './packing.activities';
import { quotasFromTemporal } from './programme-quotas';
import { createProposalActivities } from './proposals.activities';
import { createQuotaLetterActivities } from './quota-letter.activities';
import { createSkActivities } from './sk.activities';
import { createVervalActivities } from './verval.activities';

export type { TransitionContext } from './transition-context';

/**
 * The worker's composition root: every repository the activities use, built from one data
 * source. The worker process and the tests' workers both start from here, so a new
 * repository is one line.
 */
export function activityDependencies(dataSource: DataSource, config: Pick<AppConfig, 'documents'>) {
  return {
    stepRecords: new StepRecordRepository(dataSource),
    proposals: new ProposalRepository(dataSource),
    verval: new VervalRepository(dataSource),
    sk: new SkRepository(dataSource),
    allocationVendors: new AllocationVendorRepository(dataSource),
    receipts: new ReceiptRepository(dataSource),
    evidence: new EvidenceRepository(dataSource),
    documents: createDocumentServices(dataSource, config.documents),
  };
}

export type ActivityDependencies = ReturnType<typeof activityDependencies>;

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDependencies) {
  const { stepRecords, proposals, verval } = deps;
  return {
    ...createQuotaLetterActivities(stepRecords, deps.documents, quotasFromTemporal),
    ...createProposalActivities(stepRecords, proposals, verval),
    ...createVervalActivities(stepRecords, verval),
    ...createSkActivities(stepRecords, deps.sk, deps.documents),
    ...createBastActivities(stepRecords, deps.documents, deps.evidence, deps.receipts),
    ...createContractActivities(stepRecords, deps.allocationVendors, deps.documents),
    ...createPackingActivities(stepRecords),
    ...createInspectionActivities(stepRecords, deps.documents),
    ...createDeliveryActivities(stepRecords, deps.documents),
    ...createDistributionActivities(stepRecords, deps.receipts),
    ...createMonevActivities(stepRecords, deps.documents),
  };
}

export type Activities = ReturnType<typeof createActivities>;

/** Every activity the worker registers, on `dataSource` (the worker's and the tests'). */
export function createWorkerActivities(
  dataSource: DataSource,
  config: Pick<AppConfig, 'documents'>,
): Activities {
  return createActivities(activityDependencies(dataSource, config));
}
