// Test data for the SOP specs: event builders, one complete run, and the finite sample of events
// the model-based tests explore. Kept free of test libraries so it obeys the workflow import rule.
import { accountedTotal, openComplaintIds, orderedCount } from './context';
import type { SopContext } from './context';
import { DOCUMENT_FACT_EXAMPLES as FACTS } from '@salur/libs/sop/document-fact-examples';
import { EVENT_RULES, SOP_EVENT_TYPES } from '@salur/libs/sop/events';
import type { SopEvent, SopEventOf, SopEventType } from '@salur/libs/sop/events';
import type { Role } from '@salur/libs/sop/roles';
import type { SopSnapshot } from './sop.machine';
import { allowedEvents, publicStatus } from './sop-status';

export const KECAMATAN = '33.74.01';
export const KELURAHAN = ['33.74.01.1001', '33.74.01.1002', '33.74.01.1003'] as const;
export const READY_DATE = '2021-07-20';

/** A role that may send the event (the first listed). */
export function senderOf(type: SopEventType): Role {
  return EVENT_RULES[type].roles[0];
}

/** One well-formed event of each type; whether it is allowed depends on the state. */
export function sampleOf<T extends SopEventType>(type: T): SopEventOf<T>;
export function sampleOf(type: SopEventType): SopEvent {
  switch (type) {
    case 'SEND_QUOTA_LETTER':
      return { type, letterNo: '460/1871/VII/2021' };
    case 'SUBMIT_REQUEST_LETTER':
      return {
        type,
        letterNo: 'KEC/460/77',
        letterDate: '2021-07-08',
        acknowledgedByCamat: true,
        ...FACTS[type],
      };
    case 'SUBMIT_PROPOSALS':
      return { type, batchId: 'usulan-1', proposedCount: 3 };
    case 'VERVAL_COMPLETED':
      return { type, vervalRunId: 'verval-x', accepted: 1, rejected: 0 };
    case 'RESUBMIT_CORRECTIONS':
      return { type, batchId: 'koreksi-x', resubmitted: 1, withdrawn: 0 };
    case 'DRAFT_SK':
      return { type, skDraftId: 'draft-x', ...FACTS[type] };
    case 'APPROVE_SK':
      return { type, skNo: '463/312/2021' };
    case 'REJECT_SK':
      return { type, reason: 'recipient totals do not match the verval recap' };
    case 'PRINT_BAST_BNBA':
      return { type, kelurahanCodes: [...KELURAHAN] };
    case 'SIGN_SPK':
      return { type, spkNo: 'SPK/027/2021', vendorId: 'vendor-7', ...FACTS[type] };
    case 'REPORT_PACKING':
      return { type, packedCount: 1 };
    case 'DECLARE_PACKED':
      return { type };
    case 'COORDINATE_READINESS':
      return { type, readyDate: READY_DATE };
    case 'VENDOR_READY':
      return { type };
    case 'INSPECT':
      return { type, inspectionId: 'insp-x', inspectedCount: 0, passedCount: 0 };
    case 'HAND_OVER':
      return { type, handedOverCount: 1 };
    case 'SCHEDULE_DELIVERY':
      return { type, deliveryDate: '2021-07-24', ...FACTS[type] };
    case 'RESCHEDULE_DELIVERY':
      return { type, deliveryDate: '2021-07-26', ...FACTS[type] };
    case 'CONFIRM_DELIVERY':
      return { type, deliveredCount: 1 };
    case 'RESOLVE_DISCREPANCY':
      return { type, resolution: 'recounted at the kecamatan warehouse', deliveredCount: 1 };
    case 'RECORD_DISTRIBUTION':
      return { type, kelurahanCode: KELURAHAN[0], distributedCount: 1 };
    case 'RECORD_COMPLAINT':
      return { type, complaintId: 'aduan-x', needsAction: false, ...FACTS[type] };
    case 'RESOLVE_COMPLAINT':
      return { type, complaintId: 'aduan-x', followUp: 'parcel replaced' };
    case 'SIGN_OFF_MONEV':
      return { type, reportNo: 'BA-MONEV/33.74.01/2021', ...FACTS[type] };
    case 'RECORD_SIGNED_BAST':
      return { type, kelurahanCode: KELURAHAN[0] };
    case 'COMPLETE_COLLECTION':
      return { type, recapId: 'rekap-33.74.01' };
  }
}

export const ALL_SAMPLES: SopEvent[] = SOP_EVENT_TYPES.map((type) => sampleOf(type));

/**
 * Events that take an allocation with `quota` parcels (all proposed, all accepted) through all
 * 17 steps without a way back, split across the kelurahan.
 */
export function happyPathEvents(
  quota: number,
  kelurahan: readonly string[] = KELURAHAN,
): SopEvent[] {
  const share = (i: number) =>
    Math.floor(quota / kelurahan.length) + (i < quota % kelurahan.length ? 1 : 0);
  return [
    sampleOf('SEND_QUOTA_LETTER'),
    sampleOf('SUBMIT_REQUEST_LETTER'),
    { type: 'SUBMIT_PROPOSALS', batchId: 'usulan-1', proposedCount: quota },
    { type: 'VERVAL_COMPLETED', vervalRunId: 'verval-1', accepted: quota, rejected: 0 },
    { type: 'DRAFT_SK', skDraftId: 'draft-1' },
    sampleOf('APPROVE_SK'),
    { type: 'PRINT_BAST_BNBA', kelurahanCodes: [...kelurahan] },
    sampleOf('SIGN_SPK'),
    { type: 'REPORT_PACKING', packedCount: quota },
    { type: 'DECLARE_PACKED' },
    sampleOf('COORDINATE_READINESS'),
    { type: 'VENDOR_READY' },
    { type: 'INSPECT', inspectionId: 'insp-1', inspectedCount: quota, passedCount: quota },
    { type: 'HAND_OVER', handedOverCount: quota },
    sampleOf('SCHEDULE_DELIVERY'),
    { type: 'CONFIRM_DELIVERY', deliveredCount: quota },
    ...kelurahan.map((kelurahanCode, i): SopEvent => ({
      type: 'RECORD_DISTRIBUTION',
      kelurahanCode,
      distributedCount: share(i),
    })),
    sampleOf('SIGN_OFF_MONEV'),
    ...kelurahan.map((kelurahanCode): SopEvent => ({ type: 'RECORD_SIGNED_BAST', kelurahanCode })),
    sampleOf('COMPLETE_COLLECTION'),
  ];
}

const range = (from: number, to: number): number[] =>
  to < from ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Bounds that keep the explored space finite; loops beyond them add no new behaviour. */
const MAX_COMPLAINTS = 2;

function samplesFor(type: SopEventType, c: SopContext): SopEvent[] {
  switch (type) {
    case 'SEND_QUOTA_LETTER':
    case 'DRAFT_SK':
    case 'APPROVE_SK':
    case 'SIGN_SPK':
    case 'DECLARE_PACKED':
    case 'COORDINATE_READINESS':
    case 'VENDOR_READY':
    case 'SIGN_OFF_MONEV':
    case 'COMPLETE_COLLECTION':
      return [sampleOf(type)];
    case 'REJECT_SK':
      return [{ type, reason: `round ${c.skRejections.length + 1}: totals do not match` }];
    case 'SUBMIT_REQUEST_LETTER':
      return [sampleOf(type), { ...sampleOf(type), acknowledgedByCamat: false }];
    case 'SUBMIT_PROPOSALS':
      return [sampleOf(type), { type, batchId: 'usulan-0', proposedCount: 0 }];
    case 'VERVAL_COMPLETED': {
      const vervalRunId = `verval-${c.vervalRounds + 1}`;
      const splits = range(0, c.underReview).map((accepted): SopEvent => ({
        type,
        vervalRunId,
        accepted,
        rejected: c.underReview - accepted,
      }));
      return [...splits, { type, vervalRunId, accepted: c.underReview + 1, rejected: 0 }];
    }
    case 'RESUBMIT_CORRECTIONS': {
      const batchId = `koreksi-${c.correctionBatchIds.length + 1}`;
      return range(0, c.openRejections).map((resubmitted) => ({
        type,
        batchId,
        resubmitted,
        withdrawn: c.openRejections - resubmitted,
      }));
    }
    case 'PRINT_BAST_BNBA':
      // Two kelurahan show every ordering rule; a third would only multiply the orderings.
      return [
        { type, kelurahanCodes: KELURAHAN.slice(0, 2) },
        { type, kelurahanCodes: ['33.74.02.1001'] },
      ];
    case 'REPORT_PACKING':
      return range(1, orderedCount(c) - c.packedThisRound + 1).map((packedCount) => ({
        type,
        packedCount,
      }));
    case 'INSPECT': {
      const inspectionId = `insp-${c.inspectionIds.length + 1}`;
      const packed = c.packedThisRound;
      const events: SopEvent[] = range(0, packed).flatMap((inspectedCount) =>
        range(0, inspectedCount).map((passedCount) => ({
          type,
          inspectionId,
          inspectedCount,
          passedCount,
          ...(passedCount < packed ? { reason: 'damaged or short parcels' } : {}),
        })),
      );
      return packed > 0
        ? [...events, { type, inspectionId, inspectedCount: packed, passedCount: 0 }]
        : events;
    }
    case 'HAND_OVER':
      return [
        { type, handedOverCount: c.passedInspection },
        { type, handedOverCount: c.passedInspection + 1 },
      ];
    case 'SCHEDULE_DELIVERY':
      return [sampleOf(type), { type, deliveryDate: '2021-07-19' }];
    case 'RESCHEDULE_DELIVERY': {
      const other = c.deliveryDate === '2021-07-26' ? '2021-07-24' : '2021-07-26';
      const dates = [other, '2021-07-19', c.deliveryDate ?? other];
      return dates.map((deliveryDate) => ({ type, deliveryDate }));
    }
    case 'CONFIRM_DELIVERY':
    case 'RESOLVE_DISCREPANCY': {
      const counts = [c.handedOver, c.handedOver > 0 ? c.handedOver - 1 : c.handedOver + 1];
      return counts.map((deliveredCount) =>
        type === 'CONFIRM_DELIVERY'
          ? { type, deliveredCount }
          : { type, deliveredCount, resolution: 'recounted with the kecamatan' },
      );
    }
    case 'RECORD_DISTRIBUTION': {
      const left = c.delivered - accountedTotal(c);
      const pending = c.kelurahanCodes.filter(
        (code) => !c.distributions.some((d) => d.kelurahanCode === code),
      );
      return pending.flatMap((kelurahanCode) =>
        range(0, left + 1).map((distributedCount) => ({ type, kelurahanCode, distributedCount })),
      );
    }
    case 'RECORD_COMPLAINT': {
      if (c.complaints.length >= MAX_COMPLAINTS) return [];
      const complaintId = `aduan-${c.complaints.length + 1}`;
      return [
        { type, complaintId, needsAction: true },
        { type, complaintId, needsAction: false },
        { type, complaintId: 'aduan-1', needsAction: false },
      ];
    }
    case 'RESOLVE_COMPLAINT':
      return [...openComplaintIds(c), 'aduan-unknown'].map((complaintId) => ({
        type,
        complaintId,
        followUp: 'parcel replaced',
      }));
    case 'RECORD_SIGNED_BAST':
      return [
        ...c.kelurahanCodes.filter((code) => !c.bastCollected.includes(code)),
        '33.74.02.1001',
      ].map((kelurahanCode) => ({ type, kelurahanCode }));
  }
}

/**
 * The events the model-based tests try in a state: for every allowed type, values on both
 * sides of its rules, derived from the context so each state is probed at its boundaries.
 */
export function sampleEvents(snapshot: SopSnapshot): SopEvent[] {
  return allowedEvents(snapshot).flatMap((e) => samplesFor(e.type, snapshot.context));
}

/**
 * The part of a snapshot that decides what can happen next: the state and the counts its rules
 * read. Ids, history and counts of finished steps are left out, so the space stays small.
 */
export function behaviourKey(snapshot: SopSnapshot): string {
  const c = snapshot.context;
  const phase = publicStatus(snapshot).phase;
  const step = phase.split('.')[0];
  const relevant: Record<string, unknown> = { value: snapshot.value, accepted: c.accepted };
  if (step === 'verval') {
    Object.assign(relevant, { underReview: c.underReview, open: c.openRejections });
  }
  if (['packing', 'packed', 'readiness', 'inspection', 'handover'].includes(step)) {
    Object.assign(relevant, { packed: c.packedThisRound, passed: c.passedInspection });
  }
  if (step === 'delivery') {
    Object.assign(relevant, { date: c.deliveryDate, delivered: c.delivered, gap: c.discrepancy });
  }
  if (step === 'distribution') Object.assign(relevant, { distributions: c.distributions });
  if (step === 'monev') {
    const complaints = c.complaints.map((x) => [x.needsAction, x.followUp !== undefined]);
    Object.assign(relevant, { complaints });
  }
  if (phase === 'collection') Object.assign(relevant, { bast: c.bastCollected });
  return JSON.stringify(relevant);
}

/**
 * The explored graph keeps one snapshot a behaviour key, so ids in its sampled events come
 * from that snapshot. Replaying a path suffixes them with the step index to keep them unique.
 */
export function withFreshIds(event: SopEvent, index: number): SopEvent {
  if (event.type === 'VERVAL_COMPLETED') {
    return { ...event, vervalRunId: `${event.vervalRunId}.${index}` };
  }
  if (event.type === 'RESUBMIT_CORRECTIONS')
    return { ...event, batchId: `${event.batchId}.${index}` };
  if (event.type === 'INSPECT') return { ...event, inspectionId: `${event.inspectionId}.${index}` };
  return event;
}
