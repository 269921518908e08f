import type { RecordListKind } from '@salur/libs/domain/list-specs';
import type { ListDocs } from './list-endpoint.decorator';

/** Example items of every list, for the OpenAPI document. No real person's data. */

const ALLOCATION_ID = 'allocation-jps-2021-33.74.01';
const RECORD = {
  recordId: '6f1c2a0e-8a4b-4d57-9a43-0d5c1e7b9f10',
  allocationId: ALLOCATION_ID,
  kecamatanCode: '33.74.01',
  recordedAt: '2021-07-20T03:15:00.000Z',
};

export const PROGRAMME_DOCS: ListDocs = {
  summary: 'Programmes (Temporal visibility), newest first',
  item: {
    id: 'programme-jps-2021',
    programId: 'jps-2021',
    status: 'running',
    startedAt: '2021-07-01T01:00:00.000Z',
    closedAt: null,
  },
};

export const ALLOCATION_DOCS: ListDocs = {
  summary:
    "Allocations with their current SOP step and stuck flag (Temporal visibility; an area role's own kecamatan only)",
  item: {
    id: ALLOCATION_ID,
    programId: 'jps-2021',
    kecamatanCode: '33.74.01',
    stepNo: 11,
    step: 'inspection',
    stuck: true,
    status: 'running',
    startedAt: '2021-07-01T01:00:00.000Z',
    closedAt: null,
  },
};

const PROPOSAL_ITEM = {
  recipientId: '0b7e5c36-2f0d-4c8e-9a55-3f1f0d2f6a11',
  nik: '************0001',
  kelurahanCode: '33.74.01.1001',
  status: 'rejected',
  reasons: [
    {
      code: 'NOT_RESIDENT',
      id: 'Bukan warga Kota Semarang',
      en: 'Not a resident of Kota Semarang',
    },
  ],
  batchId: '9d3a4f6e-1c2b-4a5d-8e7f-6a5b4c3d2e1f',
  updatedAt: '2021-07-14T02:00:00.000Z',
};

export const PROPOSAL_DOCS: ListDocs = {
  summary: 'Proposed persons of an allocation with their verval reasons; NIK masked',
  item: PROPOSAL_ITEM,
};

export const PROPOSAL_DETAIL_EXAMPLE = {
  ...PROPOSAL_ITEM,
  verval: [
    {
      round: 1,
      ranAt: '2021-07-14T02:00:00.000Z',
      rulesetVersion: '2021.3',
      outcome: 'rejected',
      reasons: PROPOSAL_ITEM.reasons,
    },
  ],
};

export const SK_DOCS: ListDocs = {
  summary: 'SK documents, oldest first (detail: GET /sk/:id)',
  item: {
    id: '3c9e1f7a-5b2d-4e8c-9f1a-2b3c4d5e6f70',
    programId: 'jps-2021',
    draftId: 'SK-DRAFT-1',
    status: 'signed',
    skNo: '463/0721/2021',
    skDate: '2021-07-16',
    recipientCount: 4200,
    amendsSkId: null,
    current: true,
    createdAt: '2021-07-15T03:00:00.000Z',
    signedAt: '2021-07-16T04:00:00.000Z',
  },
};

export const SK_RECIPIENT_DOCS: ListDocs = {
  summary: "Persons an SK lists, by kelurahan; NIK masked (an area role's own kecamatan only)",
  item: {
    recipientId: '0b7e5c36-2f0d-4c8e-9a55-3f1f0d2f6a11',
    kecamatanCode: '33.74.01',
    kelurahanCode: '33.74.01.1001',
    nik: '************0001',
  },
};

const ACTOR = { actorId: 'b1e2c3d4-0000-4000-8000-000000000001' };

export const RECORD_DOCS: Record<RecordListKind, ListDocs> = {
  packing: {
    summary: 'Packing reports and the declaration that the order is packed (steps 8-9)',
    item: { ...RECORD, ...ACTOR, role: 'rekanan', event: 'REPORT_PACKING', packedCount: 4200 },
  },
  inspections: {
    summary: 'Inspections (BA Pemeriksaan, step 11), failed ones with their reason',
    item: {
      ...RECORD,
      ...ACTOR,
      role: 'tim_pemeriksa',
      inspectionId: 'BA-PRIKSA-01',
      inspectedCount: 4200,
      passedCount: 4150,
      reason: '50 parcels short of rice',
    },
  },
  'delivery-schedules': {
    summary: 'Delivery schedules and reschedules (steps 13-14)',
    item: {
      ...RECORD,
      ...ACTOR,
      role: 'tim_distribusi',
      deliveryDate: '2021-07-22',
      rescheduled: false,
    },
  },
  deliveries: {
    summary: 'Confirmed deliveries and resolved discrepancies (step 14)',
    item: { ...RECORD, ...ACTOR, role: 'tim_distribusi', deliveredCount: 4200, expected: 4200 },
  },
  complaints: {
    summary: 'Complaints (aduan) recorded in monev and their follow-up (step 16)',
    item: {
      ...RECORD,
      ...ACTOR,
      role: 'tim_monev',
      type: 'RECORD_COMPLAINT',
      complaintId: 'ADUAN-001',
      needsAction: true,
    },
  },
};
