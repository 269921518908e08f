import type { PersistedSop } from './sop';
import type { AllocationCommand } from '@salur/libs/temporal/names';
import type { SopTiming } from '@salur/libs/temporal/workflow-contracts';

// What callers see of the workflows lives in libs/temporal (the API imports no workflow file).
export type {
  AllocationProgress,
  AllocationView,
  CityWideEvent,
  SopTiming,
} from '@salur/libs/temporal/workflow-contracts';

export interface AllocationInput {
  programId: string;
  kecamatanCode: string;
  quota: number;
  timing: SopTiming;
  /** The programme workflow to keep informed, when the allocation is one of a programme. */
  programmeWorkflowId?: string;
  /** Continue as new once history holds this many events (default: when Temporal suggests it). */
  maxHistoryEvents?: number;
  /** State carried across continue-as-new. */
  carried?: CarriedState;
}

export interface CarriedState {
  sop: PersistedSop;
  stepEnteredAt: number;
  vervalRound: number;
  rejectedByReason: Record<string, number>;
  transitions: number;
  runs: number;
}

export type { CommandRequest } from '@salur/libs/sop/command-request';
export type { AllocationCommand };
