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
 * Updates: one per SOP command, named as the command, from the command table
 * (libs/sop/commands.ts). Commands are the event names, except RUN_VERVAL, whose event
 * (VERVAL_COMPLETED) carries counts that only the verval activity can know.
 */
export { ALLOCATION_COMMANDS, PROGRAMME_COMMANDS } from '../sop/commands';
export type { AllocationCommand, ProgrammeCommand } from '../sop/commands';

/** Failure types the workflows raise and the API maps to HTTP answers. */
export const FailureTypes = {
  transitionRefused: 'TRANSITION_REFUSED',
  validationFailed: 'VALIDATION_FAILED',
} as const;
