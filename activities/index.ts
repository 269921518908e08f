import type { StepRecordRepository } from '../libs/persistence/step-record.repository';
import { createAllocationRecordActivities } from './allocation-records.activities';

export interface ActivityDependencies {
  stepRecords: StepRecordRepository;
}

/** Every activity the worker registers, built from its dependencies (the composition root passes them). */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createAllocationRecordActivities(deps.stepRecords),
  };
}

export type Activities = ReturnType<typeof createActivities>;
