import type { StepRecordRepository } from '../libs/persistence/step-record.repository';

export interface AllocationOpenedInput {
  workflowId: string;
  programId: string;
  kecamatanCode: string;
  quota: number;
}

/** Activities that write the allocation's own records, built from injected repositories. */
export function createAllocationRecordActivities(records: StepRecordRepository) {
  return {
    /** Records that the quota letter for this kecamatan is in force (SOP step 1 output). */
    async recordAllocationOpened(input: AllocationOpenedInput): Promise<{ recordId: string }> {
      const { id } = await records.recordOnce({
        workflowId: input.workflowId,
        step: 'quota-letter',
        businessKey: input.kecamatanCode,
        data: {
          programId: input.programId,
          kecamatanCode: input.kecamatanCode,
          quota: input.quota,
        },
      });
      return { recordId: id };
    },
  };
}

export type AllocationRecordActivities = ReturnType<typeof createAllocationRecordActivities>;
