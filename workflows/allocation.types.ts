import type { PersistedSop, SopStatus } from './sop';
import type { AllocationCommand } from '../libs/temporal/names';

/** Step deadlines, from config at start (short in tests), so the workflow never reads a clock source of its own. */
export interface SopTiming {
  /** Default time a step may take before the allocation is flagged stuck. */
  stepSlaMs: number;
  /** Per-step overrides, keyed by step slug (e.g. { inspection: 4 * 3600_000 }). */
  slaByStepMs?: Record<string, number>;
  /** How long after its scheduled date a delivery may stay unconfirmed. */
  deliveryGraceMs: number;
  /** UTC offset of the delivery dates (WIB, +07:00, for Kota Semarang). */
  deliveryUtcOffset?: string;
}

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

export type { CommandRequest } from '../libs/sop/command-request';

export interface AllocationView extends SopStatus {
  programId: string;
  allocationId: string;
  stepEnteredAt: string;
  stuck: boolean;
  stuckReason?: string;
  transitions: number;
  runs: number;
}

export interface AllocationProgress {
  kecamatanCode: string;
  stepNo: number;
  step: string;
  phase: string;
  done: boolean;
  stuck: boolean;
  allowed: string[];
  /** Number of transitions applied; the programme waits on it after a fan-out. */
  transitions: number;
  lastCityWideId?: string;
  lastCityWideError?: string;
}

export interface CityWideEvent {
  id: string;
  actorId: string;
  event: { type: string } & Record<string, unknown>;
}

export type { AllocationCommand };
