import type { SopStep } from './steps';

/**
 * The `step` of every sop_step_record row: what kind of record an SOP step left behind.
 * Activities write them, lists and checks read them. The values are stored in the database,
 * so they never change; a new kind is added here first. Not always the step's slug (steps.ts):
 * step 5 leaves 'sk-draft' and 'sk-decision', step 13 'schedule'.
 */
export const STEP_RECORD_KINDS = [
  'quota-letter',
  'request-letter',
  'proposal-input',
  'verval',
  'verval-corrections',
  'sk-draft',
  'sk-decision',
  'bast-bnba',
  'contract',
  'packing',
  'readiness',
  'inspection',
  'handover',
  'schedule',
  'delivery',
  'distribution',
  'monev-complaint',
  'monev-sign-off',
  'bast-collected',
  'collection-complete',
] as const;

export type StepRecordKind = (typeof STEP_RECORD_KINDS)[number];

/** The SOP step (steps.ts) whose transition leaves a record of this kind. */
const STEP_OF_RECORD: Record<StepRecordKind, SopStep> = {
  'quota-letter': 'quota-letter',
  'request-letter': 'request-letter',
  'proposal-input': 'proposal-input',
  verval: 'verval',
  'verval-corrections': 'verval',
  'sk-draft': 'sk',
  'sk-decision': 'sk',
  'bast-bnba': 'bast-bnba',
  contract: 'contract',
  packing: 'packing',
  readiness: 'readiness',
  inspection: 'inspection',
  handover: 'handover',
  schedule: 'scheduling',
  delivery: 'delivery',
  distribution: 'distribution',
  'monev-complaint': 'monev',
  'monev-sign-off': 'monev',
  'bast-collected': 'collection',
  'collection-complete': 'collection',
};

/** The step a record belongs to, or null for a kind this code does not know. */
export function recordedStep(kind: string): SopStep | null {
  return Object.hasOwn(STEP_OF_RECORD, kind) ? STEP_OF_RECORD[kind as StepRecordKind] : null;
}
