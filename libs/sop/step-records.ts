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
