/**
 * Every Temporal name shared by the API, the worker and the workflows, defined once.
 * Pure values only: workflow code imports this file.
 */
export const WorkflowTypes = {
  allocation: 'allocationWorkflow',
  programme: 'programmeWorkflow',
} as const;

export const Queries = {
  allocationStatus: 'allocationStatus',
  allowedEvents: 'allowedEvents',
  counts: 'counts',
  openRejections: 'openRejections',
  programmeStatus: 'programmeStatus',
} as const;

export const Signals = {
  /** Programme → allocation: a city-wide decision (quota letter, SK, SPK) to apply. */
  cityWideEvent: 'cityWideEvent',
  /** Allocation → programme: where the allocation stands after each transition. */
  allocationProgress: 'allocationProgress',
} as const;

/**
 * Allocation updates: one per SOP command. Commands are the event names, except RUN_VERVAL,
 * whose event (VERVAL_COMPLETED) carries counts that only the verval activity can know.
 */
export const ALLOCATION_COMMANDS = [
  'SUBMIT_REQUEST_LETTER',
  'SUBMIT_PROPOSALS',
  'RUN_VERVAL',
  'RESUBMIT_CORRECTIONS',
  'PRINT_BAST_BNBA',
  'REPORT_PACKING',
  'DECLARE_PACKED',
  'COORDINATE_READINESS',
  'VENDOR_READY',
  'INSPECT',
  'HAND_OVER',
  'SCHEDULE_DELIVERY',
  'RESCHEDULE_DELIVERY',
  'CONFIRM_DELIVERY',
  'RESOLVE_DISCREPANCY',
  'RECORD_DISTRIBUTION',
  'RECORD_COMPLAINT',
  'RESOLVE_COMPLAINT',
  'SIGN_OFF_MONEV',
  'RECORD_SIGNED_BAST',
  'COMPLETE_COLLECTION',
] as const;
export type AllocationCommand = (typeof ALLOCATION_COMMANDS)[number];

/** Programme updates: the city-wide decisions, taken once and fanned out to every allocation. */
export const PROGRAMME_COMMANDS = [
  'SEND_QUOTA_LETTER',
  'DRAFT_SK',
  'APPROVE_SK',
  'REJECT_SK',
  'SIGN_SPK',
] as const;
export type ProgrammeCommand = (typeof PROGRAMME_COMMANDS)[number];

/** Failure types the workflows raise and the API maps to HTTP answers. */
export const FailureTypes = {
  transitionRefused: 'TRANSITION_REFUSED',
  validationFailed: 'VALIDATION_FAILED',
} as const;
