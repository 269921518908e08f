import type { AllocationProgress, SopTiming } from './allocation.types';

export interface ProgrammeInput {
  programId: string;
  allocations: { kecamatanCode: string; quota: number }[];
  timing: SopTiming;
  /** Passed to each allocation: continue as new after this many history events. */
  maxHistoryEvents?: number;
}

export interface ProgrammeView {
  programId: string;
  allocations: AllocationProgress[];
  completed: number;
  documents: { quotaLetterNo?: string; skNo?: string; spkNo?: string };
}
