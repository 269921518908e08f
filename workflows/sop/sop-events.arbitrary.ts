import fc from 'fast-check';
import type { GeneratorValue } from 'fast-check';
import { accountedTotal, openComplaintIds, orderedCount } from './context';
import type { SopContext } from './context';
import type { SopEvent, SopEventType } from '@salur/libs/sop/events';
import { KELURAHAN } from './sop.fixtures';

// Test data only (kept out of the build): SOP events drawn for the context they are sent in.
// Every draw goes through fast-check's `gen`, so a failing walk is replayed from its seed and
// shrunk. Builders get only small, primitive arguments: gen caches one arbitrary per distinct
// argument list, and passing a context would grow that cache with every step.

const below = (n: number) => fc.noBias(fc.nat({ max: n - 1 }));

/** One of the choices, by weight; only the chosen one draws. */
export function weighted<T>(g: GeneratorValue, choices: [number, () => T][]): T {
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  let roll = g(below, total);
  for (const [weight, make] of choices) {
    if (roll < weight) return make();
    roll -= weight;
  }
  throw new RangeError('weighted() needs a positive total weight');
}

const upTo = (max: number) => fc.integer({ min: 0, max });

/** An integer in [min, max]; fast-check's bias makes both ends likely. */
export const int = (g: GeneratorValue, min: number, max: number): number =>
  // Drawn as an offset so that gen caches one arbitrary a width, not one a range.
  min + g(upTo, Math.max(0, max - min));

/** One of the items, all equally likely (the draw is the index, so any item type will do). */
export const oneOf = <T>(g: GeneratorValue, items: readonly T[]): T =>
  items[g(below, items.length)];

const FOREIGN_KELURAHAN = '33.74.02.1001';
/** Values each payload check refuses: empty, padded, too long, NIK-like, not a calendar date. */
const BAD_IDS = ['', ' padded ', '1234567890123456'];
const BAD_TEXTS = ['', '   ', 'NIK 1234567890123456 got a torn bag', 'x'.repeat(501)];
const BAD_DATES = ['2021-02-29', '2021-7-25', '25/07/2021'];

/** Mostly `fresh`; sometimes an id already used (refused as a repeat) or a malformed one. */
function id(g: GeneratorValue, fresh: string, used: readonly string[] = []): string {
  return weighted(g, [
    [16, () => fresh],
    [used.length > 0 ? 2 : 0, () => oneOf(g, used)],
    [1, () => oneOf(g, BAD_IDS)],
  ]);
}

function text(g: GeneratorValue, good: string): string {
  return weighted(g, [
    [16, () => good],
    [1, () => oneOf(g, BAD_TEXTS)],
  ]);
}

/** A day of July 2021 from `fromDay` (which may be a day too early) to the 31st. */
function julyDate(g: GeneratorValue, fromDay: number): string {
  return weighted(g, [
    [16, () => `2021-07-${String(int(g, fromDay, 31)).padStart(2, '0')}`],
    [1, () => oneOf(g, BAD_DATES)],
  ]);
}

/** A kelurahan that is waiting for something, or now and then one that is not (or is foreign). */
function kelurahan(g: GeneratorValue, waiting: readonly string[]): string {
  return weighted(g, [
    [waiting.length > 0 ? 8 : 0, () => oneOf(g, waiting)],
    [1, () => oneOf(g, [...KELURAHAN, FOREIGN_KELURAHAN])],
  ]);
}

/**
 * An event of `type` for an allocation in `c`. Counts land mostly where the SOP's rules expect
 * them, and often on their edges: zero, exactly the quota or what is left, one over, one short.
 * Whether the result is allowed is for the machine to say, not for this function.
 */
export function drawEvent(g: GeneratorValue, type: SopEventType, c: SopContext): SopEvent {
  switch (type) {
    case 'SEND_QUOTA_LETTER':
      return { type, letterNo: id(g, '460/1871/VII/2021') };
    case 'SUBMIT_REQUEST_LETTER':
      return {
        type,
        letterNo: id(g, 'KEC/460/77'),
        letterDate: julyDate(g, 1),
        acknowledgedByCamat: weighted(g, [
          [9, () => true],
          [1, () => false],
        ]),
      };
    case 'SUBMIT_PROPOSALS':
      // Up to three more than the quota, so verval often has to turn persons away.
      return { type, batchId: id(g, 'usulan-1'), proposedCount: int(g, 0, c.quota + 3) };
    case 'VERVAL_COMPLETED': {
      const room = c.quota - c.accepted;
      const fits = Math.min(room, c.underReview);
      const accepted = weighted(g, [
        [5, () => int(g, 0, fits)],
        [3, () => fits],
        [1, () => room + 1],
      ]);
      const rejected = weighted(g, [
        [9, () => c.underReview - accepted],
        [1, () => int(g, 0, c.underReview + 1)],
      ]);
      const vervalRunId = id(g, `verval-${c.vervalRounds + 1}`, c.vervalRunIds);
      return { type, vervalRunId, accepted, rejected };
    }
    case 'RESUBMIT_CORRECTIONS': {
      const open = c.openRejections;
      const resubmitted = weighted(g, [
        [3, () => 0],
        [4, () => int(g, 1, open)],
        [1, () => open],
      ]);
      const withdrawn = weighted(g, [
        [9, () => open - resubmitted],
        [1, () => int(g, 0, open + 1)],
      ]);
      const batches = [c.documents.proposalBatchId ?? 'usulan-1', ...c.correctionBatchIds];
      const batchId = id(g, `koreksi-${c.correctionBatchIds.length + 1}`, batches);
      return { type, batchId, resubmitted, withdrawn };
    }
    case 'DRAFT_SK':
      return { type, skDraftId: id(g, `draft-${c.skRejections.length + 1}`) };
    case 'APPROVE_SK':
      return { type, skNo: id(g, '463/312/2021') };
    case 'REJECT_SK':
      return { type, reason: text(g, 'recipient totals do not match the verval recap') };
    case 'PRINT_BAST_BNBA':
      return {
        type,
        kelurahanCodes: weighted(g, [
          [12, () => g(fc.subarray, [...KELURAHAN], { minLength: 1 })],
          [1, () => [KELURAHAN[0], FOREIGN_KELURAHAN]],
          [1, () => [KELURAHAN[0], KELURAHAN[0]]],
          [1, () => []],
        ]),
      };
    case 'SIGN_SPK':
      return { type, spkNo: id(g, 'SPK/027/2021'), vendorId: id(g, 'vendor-7') };
    case 'REPORT_PACKING': {
      const left = orderedCount(c) - c.packedThisRound;
      const packedCount = weighted(g, [
        [5, () => left],
        [3, () => int(g, 1, left)],
        [1, () => left + 1],
        [1, () => 0],
      ]);
      return { type, packedCount };
    }
    case 'DECLARE_PACKED':
    case 'VENDOR_READY':
      return { type };
    case 'COORDINATE_READINESS':
      return { type, readyDate: julyDate(g, 10) };
    case 'INSPECT': {
      const packed = c.packedThisRound;
      const inspectedCount = weighted(g, [
        [8, () => packed],
        [1, () => int(g, 0, packed)],
        [1, () => packed + 1],
      ]);
      const passedCount = weighted(g, [
        [6, () => inspectedCount],
        [3, () => int(g, 0, inspectedCount)],
        [1, () => inspectedCount + 1],
      ]);
      // A reason is required exactly when parcels fail; leave it out now and then either way.
      const withReason = weighted(g, [
        [passedCount < packed ? 9 : 1, () => true],
        [passedCount < packed ? 1 : 9, () => false],
      ]);
      const inspectionId = id(g, `insp-${c.inspectionIds.length + 1}`, c.inspectionIds);
      const event = { type, inspectionId, inspectedCount, passedCount };
      return withReason ? { ...event, reason: text(g, 'torn bags of rice') } : event;
    }
    case 'HAND_OVER': {
      const passed = c.passedInspection;
      const handedOverCount = weighted(g, [
        [8, () => passed],
        [1, () => passed + 1],
        [1, () => int(g, 0, passed)],
      ]);
      return { type, handedOverCount };
    }
    case 'SCHEDULE_DELIVERY':
    case 'RESCHEDULE_DELIVERY': {
      // From the day before the vendor is ready; sometimes the date already scheduled.
      const readyDay = Number((c.readyDate ?? '2021-07-20').slice(8));
      const deliveryDate = weighted(g, [
        [8, () => julyDate(g, readyDay - 1)],
        [c.deliveryDate === undefined ? 0 : 1, () => c.deliveryDate ?? ''],
      ]);
      return { type, deliveryDate };
    }
    case 'CONFIRM_DELIVERY':
    case 'RESOLVE_DISCREPANCY': {
      // Any count is taken (a wrong one opens a discrepancy) unless it is not a count at all.
      const deliveredCount = weighted(g, [
        [12, () => c.handedOver],
        [6, () => int(g, 0, c.handedOver + 1)],
        [1, () => -1],
      ]);
      return type === 'CONFIRM_DELIVERY'
        ? { type, deliveredCount }
        : { type, deliveredCount, resolution: text(g, 'recounted at the kecamatan warehouse') };
    }
    case 'RECORD_DISTRIBUTION': {
      const done = c.distributions.map((d) => d.kelurahanCode);
      const waiting = c.kelurahanCodes.filter((code) => !done.includes(code));
      const kelurahanCode = kelurahan(g, waiting);
      const left = c.delivered - accountedTotal(c);
      const last = waiting.length === 1 && waiting[0] === kelurahanCode;
      // The last kelurahan must account for exactly what is left; the others anything up to it.
      const accounted = last
        ? weighted(g, [
            [8, () => left],
            [1, () => left + 1],
            [1, () => int(g, 0, left)],
          ])
        : weighted(g, [
            [7, () => int(g, 0, left)],
            [1, () => left + 1],
          ]);
      // Some parcels go back (not received, with a reason): returnedCount, when sent.
      const returnedCount = weighted(g, [
        [3, () => undefined],
        [1, () => int(g, 0, accounted)],
      ]);
      return returnedCount === undefined
        ? { type, kelurahanCode, distributedCount: accounted }
        : { type, kelurahanCode, distributedCount: accounted - returnedCount, returnedCount };
    }
    case 'RECORD_COMPLAINT': {
      const used = c.complaints.map((x) => x.complaintId);
      const complaintId = id(g, `aduan-${c.complaints.length + 1}`, used);
      return { type, complaintId, needsAction: g(fc.boolean) };
    }
    case 'RESOLVE_COMPLAINT': {
      const open = openComplaintIds(c);
      const complaintId = weighted(g, [
        [open.length > 0 ? 8 : 0, () => oneOf(g, open)],
        [1, () => oneOf(g, ['aduan-1', 'aduan-unknown'])],
      ]);
      return { type, complaintId, followUp: text(g, 'parcel replaced') };
    }
    case 'SIGN_OFF_MONEV':
      return { type, reportNo: id(g, 'BA-MONEV/33.74.01/2021') };
    case 'RECORD_SIGNED_BAST': {
      const missing = c.kelurahanCodes.filter((code) => !c.bastCollected.includes(code));
      return { type, kelurahanCode: kelurahan(g, missing) };
    }
    case 'COMPLETE_COLLECTION':
      return { type, recapId: id(g, 'rekap-33.74.01') };
  }
}
