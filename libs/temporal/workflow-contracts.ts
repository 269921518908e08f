import type { SopStatus } from '../sop/status';

/**
 * What the workflows take and answer, as their callers (API, main job, tests) see them.
 * Types only; the workflows live in workflows/, which the API does not import.
 */

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

export interface ProgrammeInput {
  programId: string;
  /** The kabupaten/kota, e.g. 32.73; absent in programmes started before it was asked: 33.74. */
  kotaCode?: string;
  allocations: { kecamatanCode: string; quota: number }[];
  timing: SopTiming;
  /** Settings the programme was started with, besides its timing (kept for its record). */
  settings?: { amountPerKpm?: number; exclusionRegisters?: string[] };
  /** Passed to each allocation: continue as new after this many history events. */
  maxHistoryEvents?: number;
}

export interface ProgrammeView {
  programId: string;
  allocations: AllocationProgress[];
  completed: number;
  documents: { quotaLetterNo?: string; skNo?: string; spkNo?: string };
}
