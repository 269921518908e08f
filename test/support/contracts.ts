import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createContractActivities } from '@salur/activities/contract.activities';
import { kecamatanOfAllocationId } from '@salur/libs/domain/auth';
import { AllocationVendorRepository } from '@salur/libs/persistence/allocation-vendor.repository';
import { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';

/**
 * Writes what the contract activity writes when an SPK naming this vendor is signed, for
 * tests whose allocations stay before step 7 but whose rekanan must reach them (a rekanan
 * sees only allocations of its own contracts). Tests of the SOP itself sign with SIGN_SPK.
 */
export async function recordContractFor(
  dataSource: DataSource,
  allocationId: string,
  vendorId: string,
): Promise<void> {
  const kecamatanCode = kecamatanOfAllocationId(allocationId);
  if (!kecamatanCode) throw new Error(`not an allocation id: ${allocationId}`);
  const { recordContract } = createContractActivities(
    new StepRecordRepository(dataSource),
    new AllocationVendorRepository(dataSource),
  );
  await recordContract(
    {
      workflowId: allocationId,
      programId: allocationId.slice('allocation-'.length, -(kecamatanCode.length + 1)),
      kecamatanCode,
      transitionId: randomUUID(),
      actorId: 'u-programme',
      role: 'programme',
    },
    { spkNo: `SPK-TEST-${randomUUID().slice(0, 8)}`, vendorId, ordered: 0 },
  );
}
