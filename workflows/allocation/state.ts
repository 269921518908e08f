import type { AllocationInput, AllocationView } from '../allocation.types';
import {
  publicStatus,
  restoreSnapshot,
  startSop,
  type PayloadStandard,
  type SopSnapshot,
  type SopStatus,
} from '../sop';

/** What one run of the allocation workflow holds; the modules beside it read and update it. */
export interface AllocationState {
  sop: SopSnapshot;
  /** publicStatus(sop), kept beside it so queries and deadlines need not recompute it. */
  status: SopStatus;
  stepEnteredAt: number;
  rejectedByReason: Record<string, number>;
  transitions: number;
  readonly runs: number;
  stuck: boolean;
  stuckReason?: string;
  continueAsNewDue: boolean;
  lastCityWideId?: string;
  lastCityWideError?: string;
  /** What a command's payload must hold in this run (see DOCUMENT_FACTS). */
  readonly payloadStandard: PayloadStandard;
}

/** A new allocation's state, or the one carried over a continue-as-new. */
export function initialState(
  input: AllocationInput,
  now: number,
  payloadStandard: PayloadStandard,
): AllocationState {
  const { carried } = input;
  const sop = carried
    ? restoreSnapshot(carried.sop)
    : startSop({ kecamatanCode: input.kecamatanCode, quota: input.quota });
  return {
    sop,
    status: publicStatus(sop),
    stepEnteredAt: carried?.stepEnteredAt ?? now,
    rejectedByReason: carried?.rejectedByReason ?? {},
    transitions: carried?.transitions ?? 0,
    runs: (carried?.runs ?? 0) + 1,
    stuck: false,
    continueAsNewDue: false,
    payloadStandard,
  };
}

/** The allocation as the status query and every update's answer show it. */
export function viewOf(
  state: AllocationState,
  programId: string,
  allocationId: string,
): AllocationView {
  return {
    ...state.status,
    programId,
    allocationId,
    stepEnteredAt: new Date(state.stepEnteredAt).toISOString(),
    stuck: state.stuck,
    stuckReason: state.stuckReason,
    transitions: state.transitions,
    runs: state.runs,
  };
}
