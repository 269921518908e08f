import {
  condition,
  defineQuery,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { Queries } from '../libs/temporal/names';
import { SopStepAttr, SopStepNoAttr } from '../libs/temporal/search-attributes';

export interface AllocationInput {
  programId: string;
  kecamatanCode: string;
  quota: number;
}

export interface AllocationStatus {
  programId: string;
  kecamatanCode: string;
  quota: number;
  step: string;
  stepNo: number;
  quotaLetterRecordId?: string;
}

export const allocationStatusQuery = defineQuery<AllocationStatus>(Queries.allocationStatus);

const { recordAllocationOpened } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10 },
});

/** One kecamatan's allocation. Long-lived: it waits for the SOP's next steps. */
export async function allocationWorkflow(input: AllocationInput): Promise<void> {
  let status: AllocationStatus = { ...input, step: 'quota-letter', stepNo: 1 };
  setHandler(allocationStatusQuery, () => status);

  const { recordId } = await recordAllocationOpened({
    ...input,
    workflowId: workflowInfo().workflowId,
  });
  status = { ...status, step: 'usulan', stepNo: 2, quotaLetterRecordId: recordId };
  upsertSearchAttributes([
    { key: SopStepAttr, value: status.step },
    { key: SopStepNoAttr, value: status.stepNo },
  ]);

  // Placeholder until the SOP engine drives the remaining steps.
  await condition(() => false);
}
