import { DOCUMENT_FACT_EXAMPLES as FACTS } from '@salur/libs/sop/document-fact-examples';
import type { AllocationCommand, ProgrammeCommand } from '@salur/libs/temporal/names';

/**
 * Example bodies for the OpenAPI document. Typed against the command lists, so a new SOP
 * command without an example does not compile. Values are what the 2021 round used.
 */
export const COMMAND_PAYLOAD_EXAMPLES: {
  readonly [K in AllocationCommand | ProgrammeCommand]: Record<string, unknown>;
} = {
  SEND_QUOTA_LETTER: { letterNo: '460/2101/VII/2021' },
  SUBMIT_REQUEST_LETTER: {
    letterNo: '460/33.74.01/2021',
    letterDate: '2021-07-12',
    acknowledgedByCamat: true,
    ...FACTS.SUBMIT_REQUEST_LETTER,
  },
  SUBMIT_PROPOSALS: { batchId: '5f0c6a38-2f4e-4a57-9c43-3f0d6f1d2a11', proposedCount: 5600 },
  RUN_VERVAL: {},
  RESUBMIT_CORRECTIONS: {},
  DRAFT_SK: { skDraftId: 'SK-DRAFT-2021-1', ...FACTS.DRAFT_SK },
  APPROVE_SK: { skNo: '463/447/2021' },
  REJECT_SK: { reason: 'Lampiran kecamatan Tugu belum lengkap' },
  PRINT_BAST_BNBA: {},
  SIGN_SPK: { spkNo: '027/SPK/JPS/2021', vendorId: 'rekanan-1', ...FACTS.SIGN_SPK },
  REPORT_PACKING: { packedCount: 5040 },
  DECLARE_PACKED: {},
  COORDINATE_READINESS: { readyDate: '2021-07-20' },
  VENDOR_READY: {},
  INSPECT: {
    inspectionId: 'BA-33.74.01-1',
    inspectedCount: 5040,
    passedCount: 5038,
    reason: '2 paket rusak',
  },
  HAND_OVER: { handedOverCount: 5040 },
  SCHEDULE_DELIVERY: { deliveryDate: '2021-07-22', ...FACTS.SCHEDULE_DELIVERY },
  RESCHEDULE_DELIVERY: { deliveryDate: '2021-07-23', ...FACTS.RESCHEDULE_DELIVERY },
  CONFIRM_DELIVERY: { deliveredCount: 5040 },
  RESOLVE_DISCREPANCY: { resolution: 'Kekurangan 3 paket dikirim susulan', deliveredCount: 5040 },
  RECORD_DISTRIBUTION: { kelurahanCode: '33.74.01.1001', distributedCount: 420 },
  RECORD_COMPLAINT: { complaintId: 'ADUAN-33.74.01', needsAction: true, ...FACTS.RECORD_COMPLAINT },
  RESOLVE_COMPLAINT: { complaintId: 'ADUAN-33.74.01', followUp: 'Ditindaklanjuti' },
  SIGN_OFF_MONEV: { reportNo: 'MONEV-33.74.01', ...FACTS.SIGN_OFF_MONEV },
  RECORD_SIGNED_BAST: { kelurahanCode: '33.74.01.1001' },
  COMPLETE_COLLECTION: { recapId: 'REKAP-33.74.01' },
};

/** Error bodies as the DomainErrorFilter writes them, one per status the API answers. */
export const ERROR_EXAMPLES = {
  400: {
    description: 'Bad input: every bad field is named with the reason',
    example: {
      code: 'VALIDATION_FAILED',
      message: 'payload.letterDate: must be a calendar date written YYYY-MM-DD',
      fields: [
        { field: 'payload.letterDate', reason: 'must be a calendar date written YYYY-MM-DD' },
      ],
    },
  },
  401: {
    description: 'No valid bearer token',
    example: {
      code: 'Unauthorized',
      message: 'Log in first: send Authorization: Bearer <accessToken>',
    },
  },
  403: {
    description: "The caller's role may not do this",
    example: {
      code: 'ROLE_NOT_ALLOWED',
      message: 'role rekanan may not send INSPECT; allowed: tim_pemeriksa',
    },
  },
  404: {
    description: "No such object, or one outside the caller's area (docs/auth.md)",
    example: { code: 'NOT_FOUND', message: 'No workflow with id allocation-jps-2021-33.74.02' },
  },
  409: {
    description: 'Out of order: the current step and the events allowed now',
    example: {
      code: 'TRANSITION_REFUSED',
      message:
        'SUBMIT_PROPOSALS is not allowed at step 1 (quota-letter: Dinsos sends the circular ' +
        'letter with the quota), phase quota-letter; allowed now: SEND_QUOTA_LETTER',
      refusal: 'EVENT_NOT_ALLOWED',
      stepNo: 1,
      step: 'quota-letter',
      phase: 'quota-letter',
      allowed: [{ type: 'SEND_QUOTA_LETTER', roles: ['programme'], cityWide: true }],
    },
  },
  413: {
    description: 'The upload is over the size limit',
    example: {
      code: 'PAYLOAD_TOO_LARGE',
      message:
        'The file is larger than the 200 MB upload limit; split it, or load it with the CLI (npm run import)',
    },
  },
  415: {
    description: 'The body is not UTF-8 JSON',
    example: {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'The body must be UTF-8: send Content-Type: application/json; charset=utf-8',
    },
  },
  422: {
    description: 'The Idempotency-Key was already used for another command or payload',
    example: {
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'Idempotency-Key',
      message:
        'Idempotency-Key: this key was already used for another command or payload; send a new key for a new command',
    },
  },
  503: {
    description: 'Temporal or PostgreSQL is down (GET /ready says which)',
    example: {
      code: 'SERVICE_UNAVAILABLE',
      service: 'temporal',
      message: 'Temporal is not reachable; try again shortly (GET /ready says what is down)',
    },
  },
} as const;

export type ErrorStatus = keyof typeof ERROR_EXAMPLES;

/** What a command answers: the allocation's new status (abridged). */
export const ALLOCATION_VIEW_EXAMPLE = {
  programId: 'jps-2021',
  allocationId: 'allocation-jps-2021-33.74.01',
  kecamatanCode: '33.74.01',
  stepNo: 4,
  step: 'verval',
  phase: 'verval.returned-to-kecamatan',
  done: false,
  stuck: false,
  allowed: [{ type: 'RESUBMIT_CORRECTIONS', roles: ['kecamatan_operator'], cityWide: false }],
  counts: { quota: 5600, proposed: 5600, accepted: 5040, rejected: 560, withdrawn: 0 },
  vervalRounds: 1,
};
