import type { Activities, TransitionContext } from '@salur/activities';
import type { SopEventOf, SopEventType, SopStatus } from '../sop';

/** What an effect may use beyond its event: the allocation's quota and status before the event. */
export interface EffectFacts {
  quota: number;
  status: SopStatus;
}

/** Runs the activity that records one event; the workflow commits the event afterwards. */
export type Effect<K extends SopEventType> = (
  acts: Activities,
  ctx: TransitionContext,
  event: SopEventOf<K>,
  facts: EffectFacts,
) => Promise<unknown>;

/** Events the enrichment's activity records as it establishes them (see enrichment.ts). */
export const RECORDED_BY_ENRICHMENT = 'recorded-by-enrichment' as const;

type EffectTable = { readonly [K in SopEventType]: Effect<K> | typeof RECORDED_BY_ENRICHMENT };

/**
 * Each SOP event's side effect: which activity records it, with which arguments. Mapped over
 * every event type, so a new event does not compile until its effect is written here.
 * The calls and their arguments are in recorded histories: change them only behind patched().
 */
export const EFFECTS = {
  SEND_QUOTA_LETTER: (acts, ctx, event, { quota }) =>
    acts.recordQuotaLetter(ctx, { letterNo: event.letterNo, quota }),
  SUBMIT_REQUEST_LETTER: (acts, ctx, event) => acts.recordRequestLetter(ctx, event),
  SUBMIT_PROPOSALS: (acts, ctx, event) => acts.recordProposalBatch(ctx, event),
  VERVAL_COMPLETED: RECORDED_BY_ENRICHMENT,
  RESUBMIT_CORRECTIONS: RECORDED_BY_ENRICHMENT,
  // The document facts (amount per KPM, the kecamatan's agreement, the monev assessment) are
  // absent from events recorded before they existed, so those histories call as before.
  DRAFT_SK: (acts, ctx, event, { status }) =>
    acts.recordSkDraft(ctx, {
      skDraftId: event.skDraftId,
      accepted: status.counts.accepted,
      amountPerKpm: event.amountPerKpm,
    }),
  APPROVE_SK: (acts, ctx, event) =>
    acts.recordSkDecision(ctx, { decision: 'approved', skNo: event.skNo }),
  REJECT_SK: (acts, ctx, event) =>
    acts.recordSkDecision(ctx, { decision: 'rejected', reason: event.reason }),
  PRINT_BAST_BNBA: RECORDED_BY_ENRICHMENT,
  SIGN_SPK: (acts, ctx, event, { status }) =>
    acts.recordContract(ctx, { ...event, ordered: status.counts.accepted }),
  REPORT_PACKING: (acts, ctx, event) => acts.recordPacking(ctx, { ...event, event: event.type }),
  DECLARE_PACKED: (acts, ctx, event) => acts.recordPacking(ctx, { ...event, event: event.type }),
  COORDINATE_READINESS: (acts, ctx, event) =>
    acts.recordReadiness(ctx, { ...event, event: event.type }),
  VENDOR_READY: (acts, ctx, event) => acts.recordReadiness(ctx, { ...event, event: event.type }),
  INSPECT: (acts, ctx, event) => acts.recordInspection(ctx, event),
  HAND_OVER: (acts, ctx, event) => acts.recordHandover(ctx, event),
  SCHEDULE_DELIVERY: (acts, ctx, event) =>
    acts.recordSchedule(ctx, {
      deliveryDate: event.deliveryDate,
      rescheduled: false,
      agreedByKecamatan: event.agreedByKecamatan,
    }),
  RESCHEDULE_DELIVERY: (acts, ctx, event) =>
    acts.recordSchedule(ctx, {
      deliveryDate: event.deliveryDate,
      rescheduled: true,
      agreedByKecamatan: event.agreedByKecamatan,
    }),
  CONFIRM_DELIVERY: (acts, ctx, event, { status }) =>
    acts.recordDelivery(ctx, {
      deliveredCount: event.deliveredCount,
      expected: status.counts.handedOver,
    }),
  RESOLVE_DISCREPANCY: (acts, ctx, event, { status }) =>
    acts.recordDelivery(ctx, { ...event, expected: status.counts.handedOver }),
  RECORD_DISTRIBUTION: (acts, ctx, event) => acts.recordDistribution(ctx, event),
  RECORD_COMPLAINT: (acts, ctx, event) => acts.recordComplaint(ctx, event),
  RESOLVE_COMPLAINT: (acts, ctx, event) => acts.recordComplaint(ctx, event),
  SIGN_OFF_MONEV: (acts, ctx, event, { status }) =>
    acts.recordMonevSignOff(ctx, {
      reportNo: event.reportNo,
      complaints: status.complaintsRecorded,
      assessment: event.assessment,
      fieldProblems: event.fieldProblems,
      reportedToTimPembinaOn: event.reportedToTimPembinaOn,
    }),
  RECORD_SIGNED_BAST: (acts, ctx, event) => acts.recordSignedBast(ctx, event),
  COMPLETE_COLLECTION: (acts, ctx, event) => acts.recordCollectionComplete(ctx, event),
} as const satisfies EffectTable;

/** The events whose effect is their enrichment; each needs an enricher (enrichment.ts). */
export type EnrichedEventType = {
  [K in SopEventType]: (typeof EFFECTS)[K] extends typeof RECORDED_BY_ENRICHMENT ? K : never;
}[SopEventType];

export function isRecordedByEnrichment(type: SopEventType): type is EnrichedEventType {
  return EFFECTS[type] === RECORDED_BY_ENRICHMENT;
}

/** Runs the event's effect from the table; events recorded by their enrichment have none here. */
export async function runEffect<K extends SopEventType>(
  acts: Activities,
  ctx: TransitionContext,
  event: SopEventOf<K>,
  facts: EffectFacts,
): Promise<void> {
  // Indexing the mapped type by K gives Effect<K> (TypeScript's pattern for correlated unions).
  const table: EffectTable = EFFECTS;
  const effect = table[event.type];
  if (effect !== RECORDED_BY_ENRICHMENT) await effect(acts, ctx, event, facts);
}
