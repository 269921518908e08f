import { KECAMATAN_CODE, KELURAHAN_CODE, PROGRAMME_REF } from '../shared';
import { STEPS, type SopStep } from '../sop/steps';
import { booleanFilter, matching, oneOf, type ListSpec } from './listing';
import {
  NOT_RECEIVED_REASON_NAMES,
  RECEIPT_STATUS_NAMES,
  type NotReceivedReason,
  type ReceiptStatus,
} from './receipt';
import { VERVAL_REASONS, type VervalReason } from './verval';

/** The filters and sort keys of every list endpoint; parsed by parseListQuery(). */

const programmeFilter = matching(
  PROGRAMME_REF,
  'a programme id (jps-2021) or its workflow id (programme-jps-2021)',
  'only this programme',
  'jps-2021',
  (text) => text.replace(/^programme-/, ''),
);
const kecamatanFilter = matching(
  KECAMATAN_CODE,
  'a kecamatan code like 33.74.01',
  "only this kecamatan (an area role's lists hold its own kecamatan only, whatever this says)",
  '33.74.01',
);
const kelurahanFilter = matching(
  KELURAHAN_CODE,
  'a kelurahan code like 33.74.01.1001',
  'only this kelurahan',
  '33.74.01.1001',
);

/** Temporal's execution states, as the API names them. */
export const WORKFLOW_STATES = [
  'running',
  'completed',
  'failed',
  'terminated',
  'canceled',
  'timed-out',
] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export interface ProgrammeFilters {
  status: WorkflowState;
}
export const PROGRAMME_LIST: ListSpec<ProgrammeFilters> = {
  name: 'programmes',
  filters: { status: oneOf(WORKFLOW_STATES, 'only programmes in this state') },
  cursor: ['token'],
};

export interface AllocationFilters {
  status: WorkflowState;
  programme: string;
  kecamatan: string;
  step: SopStep;
  stuck: boolean;
}
export const ALLOCATION_LIST: ListSpec<AllocationFilters> = {
  name: 'allocations',
  filters: {
    status: oneOf(WORKFLOW_STATES, 'only allocations in this state (completed: step 17 done)'),
    programme: programmeFilter,
    kecamatan: kecamatanFilter,
    step: oneOf(
      STEPS.map((s) => s.step),
      'only allocations at this SOP step',
    ),
    stuck: booleanFilter('only allocations that are (true) or are not (false) stuck'),
  },
  cursor: ['token'],
};

export const PROPOSAL_STATES = [
  'proposed',
  'accepted',
  'rejected',
  'resubmitted',
  'withdrawn',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export interface ProposalFilters {
  status: ProposalState;
  reason: VervalReason;
  kelurahan: string;
}
export const PROPOSAL_LIST: ListSpec<ProposalFilters> = {
  name: 'proposals',
  filters: {
    status: oneOf(PROPOSAL_STATES, 'only persons in this state'),
    reason: oneOf(
      Object.keys(VERVAL_REASONS) as VervalReason[],
      'only persons verval rejected (last round) for this reason',
    ),
    kelurahan: kelurahanFilter,
  },
  // proposed_recipient.seq: the order persons were proposed in.
  cursor: ['integer'],
};

export const SK_STATES = ['draft', 'rejected', 'signed'] as const;
export type SkState = (typeof SK_STATES)[number];

export interface SkFilters {
  programme: string;
  status: SkState;
}
export const SK_LIST: ListSpec<SkFilters> = {
  name: 'sk',
  filters: { programme: programmeFilter, status: oneOf(SK_STATES, 'only SKs in this state') },
  cursor: ['timestamp', 'uuid'],
};

export interface SkRecipientFilters {
  kecamatan: string;
  kelurahan: string;
}
export const SK_RECIPIENT_LIST: ListSpec<SkRecipientFilters> = {
  name: 'sk-recipients',
  filters: { kecamatan: kecamatanFilter, kelurahan: kelurahanFilter },
  cursor: ['code', 'code', 'uuid'],
};

/**
 * The lists of step records (sop_step_record) the API serves. A list's name, not the stored
 * kind (StepRecordKind): libs/persistence/lists maps each list to the kind it shows.
 */
export const RECORD_LIST_KINDS = [
  'packing',
  'inspections',
  'delivery-schedules',
  'deliveries',
  'complaints',
] as const;
export type RecordListKind = (typeof RECORD_LIST_KINDS)[number];

// sop_step_record (recorded_at, id): chronological, and unique.
const RECORD_CURSOR = ['timestamp', 'uuid'] as const;

export interface StepRecordFilters {
  kecamatan: string;
}

/** A kind's list across a programme, filterable by kecamatan. */
export function programmeRecordList(kind: RecordListKind): ListSpec<StepRecordFilters> {
  return {
    name: `records-${kind}`,
    filters: { kecamatan: kecamatanFilter },
    cursor: RECORD_CURSOR,
  };
}

/** An allocation's evidence, newest first: the upload time, then the id. */
export const EVIDENCE_LIST: ListSpec<object> = {
  name: 'evidence',
  filters: {},
  cursor: ['timestamp', 'uuid'],
};

/** A kind's list of one allocation: the kecamatan is the allocation's. */
export function allocationRecordList(kind: RecordListKind): ListSpec<object> {
  return { name: `records-${kind}`, filters: {}, cursor: RECORD_CURSOR };
}

/** Persons on an allocation's BNBA with their receipt in force, or `none` yet. */
export const RECEIPT_FILTER_STATUSES = [...RECEIPT_STATUS_NAMES, 'none'] as const;
export type ReceiptFilterStatus = ReceiptStatus | 'none';

export interface ReceiptFilters {
  kelurahan: string;
  status: ReceiptFilterStatus;
  reason: NotReceivedReason;
}
export const RECEIPT_LIST: ListSpec<ReceiptFilters> = {
  name: 'receipts',
  filters: {
    kelurahan: kelurahanFilter,
    status: oneOf(
      RECEIPT_FILTER_STATUSES,
      'only persons whose receipt in force has this status (none: no receipt yet)',
    ),
    reason: oneOf(NOT_RECEIVED_REASON_NAMES, 'only parcels not received for this reason'),
  },
  // The BNBA's order: kelurahan, then the person's record id.
  cursor: ['code', 'uuid'],
};
