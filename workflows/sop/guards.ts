import {
  accountedTotal,
  distributedTotal,
  isKelurahanOf,
  openComplaintIds,
  orderedCount,
} from './context';
import type { SopContext } from './context';
import { validateEventPayload } from '@salur/libs/sop/events';
import type { SopEvent, SopEventOf, SopEventType } from '@salur/libs/sop/events';

/**
 * Business rules of the SOP, one a guarded event. Each returns null when the event may proceed
 * or a sentence a person can act on. The machine's guard and checkEvent both call these, so a
 * refusal always carries the same reason the machine acted on.
 */
export type SopGuard<K extends SopEventType> = (
  context: SopContext,
  event: SopEventOf<K>,
) => string | null;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const requestLetterAcknowledged: SopGuard<'SUBMIT_REQUEST_LETTER'> = (_context, event) =>
  event.acknowledgedByCamat
    ? null
    : `request letter ${event.letterNo} must be acknowledged by the Camat before it is submitted`;

export const proposalsNotEmpty: SopGuard<'SUBMIT_PROPOSALS'> = (_context, event) =>
  event.proposedCount >= 1 ? null : 'proposedCount must be at least 1';

export const vervalAccountsForEveryone: SopGuard<'VERVAL_COMPLETED'> = (context, event) => {
  if (context.vervalRunIds.includes(event.vervalRunId)) {
    return `verval run ${event.vervalRunId} was already recorded`;
  }
  const reviewed = event.accepted + event.rejected;
  if (reviewed !== context.underReview) {
    return (
      `accepted ${event.accepted} + rejected ${event.rejected} = ${reviewed} does not match ` +
      `the ${plural(context.underReview, 'person')} under review`
    );
  }
  const acceptedTotal = context.accepted + event.accepted;
  if (acceptedTotal > context.quota) {
    return (
      `accepting ${event.accepted} would bring accepted to ${acceptedTotal}, ` +
      `above the quota of ${context.quota}`
    );
  }
  return null;
};

export const correctionsAccountForRejections: SopGuard<'RESUBMIT_CORRECTIONS'> = (
  context,
  event,
) => {
  const batches = [context.documents.proposalBatchId, ...context.correctionBatchIds];
  if (batches.includes(event.batchId)) return `batch ${event.batchId} was already submitted`;
  const answered = event.resubmitted + event.withdrawn;
  if (answered !== context.openRejections) {
    return (
      `resubmitted ${event.resubmitted} + withdrawn ${event.withdrawn} = ${answered} does not ` +
      `match the ${plural(context.openRejections, 'rejected person')} returned to the kecamatan`
    );
  }
  if (event.resubmitted === 0 && context.accepted === 0) {
    // An SK with no recipients would carry nothing through procurement and delivery.
    return 'withdrawing everyone would leave no accepted recipients; resubmit at least one correction';
  }
  return null;
};

export const kelurahanOfThisKecamatan: SopGuard<'PRINT_BAST_BNBA'> = (context, event) => {
  const outside = event.kelurahanCodes.filter((c) => !isKelurahanOf(context.kecamatanCode, c));
  return outside.length === 0
    ? null
    : `kelurahan ${outside.join(', ')} not in kecamatan ${context.kecamatanCode}`;
};

export const packingWithinOrder: SopGuard<'REPORT_PACKING'> = (context, event) => {
  if (event.packedCount < 1) return 'packedCount must be at least 1';
  const ordered = orderedCount(context);
  const total = context.packedThisRound + event.packedCount;
  return total <= ordered
    ? null
    : `packing ${event.packedCount} more would bring packed to ${total}, above the ` +
        `${plural(ordered, 'parcel')} ordered`;
};

export const packingCoversOrder: SopGuard<'DECLARE_PACKED'> = (context) => {
  const ordered = orderedCount(context);
  return context.packedThisRound === ordered
    ? null
    : `packedCount ${context.packedThisRound} is less than the ${plural(ordered, 'parcel')} ordered`;
};

export const inspectionWithinPacked: SopGuard<'INSPECT'> = (context, event) => {
  if (context.inspectionIds.includes(event.inspectionId)) {
    return `inspection ${event.inspectionId} was already recorded`;
  }
  const packed = context.packedThisRound;
  if (event.inspectedCount > packed) {
    return `inspectedCount ${event.inspectedCount} is more than the ${plural(packed, 'parcel')} packed`;
  }
  if (event.passedCount > event.inspectedCount) {
    return `passedCount ${event.passedCount} is more than the ${event.inspectedCount} inspected`;
  }
  if (event.passedCount < packed && event.reason === undefined) {
    return `a reason is required when ${packed - event.passedCount} of ${packed} parcels fail inspection`;
  }
  return null;
};

export const handoverMatchesInspection: SopGuard<'HAND_OVER'> = (context, event) =>
  event.handedOverCount === context.passedInspection
    ? null
    : `handedOverCount ${event.handedOverCount} does not match the ` +
      `${plural(context.passedInspection, 'parcel')} that passed inspection`;

const deliveryAfterReadiness = (context: SopContext, deliveryDate: string): string | null =>
  context.readyDate !== undefined && deliveryDate < context.readyDate
    ? `deliveryDate ${deliveryDate} is before the vendor's ready date ${context.readyDate}`
    : null;

export const deliveryDateFeasible: SopGuard<'SCHEDULE_DELIVERY'> = (context, event) =>
  deliveryAfterReadiness(context, event.deliveryDate);

export const deliveryDateChanged: SopGuard<'RESCHEDULE_DELIVERY'> = (context, event) =>
  event.deliveryDate === context.deliveryDate
    ? `delivery is already scheduled for ${event.deliveryDate}`
    : deliveryAfterReadiness(context, event.deliveryDate);

/** Shared by distribution and collection: the kelurahan must be one printed at step 6. */
const listedKelurahan = (context: SopContext, kelurahanCode: string): string | null => {
  if (!isKelurahanOf(context.kecamatanCode, kelurahanCode)) {
    return `kelurahan ${kelurahanCode} is not in kecamatan ${context.kecamatanCode}`;
  }
  return context.kelurahanCodes.includes(kelurahanCode)
    ? null
    : `kelurahan ${kelurahanCode} is not on the BAST/BNBA lists printed at step 6`;
};

export const distributionBalances: SopGuard<'RECORD_DISTRIBUTION'> = (context, event) => {
  const code = event.kelurahanCode;
  const notListed = listedKelurahan(context, code);
  if (notListed !== null) return notListed;
  if (context.distributions.some((d) => d.kelurahanCode === code)) {
    return `distribution to kelurahan ${code} was already recorded`;
  }
  // Parcels not received go back with their reason: they count towards the delivered total.
  const returned = event.returnedCount ?? 0;
  const total = accountedTotal(context) + event.distributedCount + returned;
  const doing =
    returned > 0
      ? `distributing ${event.distributedCount} and returning ${returned}`
      : `distributing ${event.distributedCount}`;
  if (total > context.delivered) {
    return `${doing} would bring the total to ${total}, above the ${context.delivered} delivered`;
  }
  const isLast = context.distributions.length + 1 === context.kelurahanCodes.length;
  if (isLast && total !== context.delivered) {
    const anyReturned = returned > 0 || accountedTotal(context) !== distributedTotal(context);
    return (
      `${code} is the last kelurahan, but the total would be ${total} of the ` +
      `${context.delivered} delivered; every delivered parcel must be distributed` +
      (anyReturned ? ' or returned' : '')
    );
  }
  return null;
};

export const complaintIsNew: SopGuard<'RECORD_COMPLAINT'> = (context, event) => {
  if (context.complaints.some((c) => c.complaintId === event.complaintId)) {
    return `complaint ${event.complaintId} was already recorded`;
  }
  // Where the complaint arose: a kelurahan that received parcels (older events name none).
  return event.kelurahanCode === undefined ? null : listedKelurahan(context, event.kelurahanCode);
};

/** The SPK's period runs forwards (older events carry no period). */
export const contractPeriodInOrder: SopGuard<'SIGN_SPK'> = (_context, event) =>
  event.startDate !== undefined && event.endDate !== undefined && event.endDate < event.startDate
    ? `the contract cannot end (endDate ${event.endDate}) before it starts (startDate ${event.startDate})`
    : null;

export const complaintIsOpen: SopGuard<'RESOLVE_COMPLAINT'> = (context, event) =>
  openComplaintIds(context).includes(event.complaintId)
    ? null
    : `complaint ${event.complaintId} is not an open complaint needing action`;

export const noOpenComplaints: SopGuard<'SIGN_OFF_MONEV'> = (context) => {
  const open = openComplaintIds(context);
  return open.length === 0
    ? null
    : `${plural(open.length, 'complaint')} still need${open.length === 1 ? 's' : ''} follow-up: ${open.join(', ')}`;
};

export const signedBastExpected: SopGuard<'RECORD_SIGNED_BAST'> = (context, event) => {
  const notListed = listedKelurahan(context, event.kelurahanCode);
  if (notListed !== null) return notListed;
  return context.bastCollected.includes(event.kelurahanCode)
    ? `the signed BAST of kelurahan ${event.kelurahanCode} was already collected`
    : null;
};

export const everyBastCollected: SopGuard<'COMPLETE_COLLECTION'> = (context) => {
  const missing = context.kelurahanCodes.filter((c) => !context.bastCollected.includes(c));
  return missing.length === 0
    ? null
    : `signed BAST and BNBA still missing for kelurahan ${missing.join(', ')}`;
};

/** The rule for any event, by type; events without a rule always pass. */
export function eventRuleRefusal(context: SopContext, event: SopEvent): string | null {
  switch (event.type) {
    case 'SUBMIT_REQUEST_LETTER':
      return requestLetterAcknowledged(context, event);
    case 'SUBMIT_PROPOSALS':
      return proposalsNotEmpty(context, event);
    case 'VERVAL_COMPLETED':
      return vervalAccountsForEveryone(context, event);
    case 'RESUBMIT_CORRECTIONS':
      return correctionsAccountForRejections(context, event);
    case 'PRINT_BAST_BNBA':
      return kelurahanOfThisKecamatan(context, event);
    case 'REPORT_PACKING':
      return packingWithinOrder(context, event);
    case 'DECLARE_PACKED':
      return packingCoversOrder(context, event);
    case 'INSPECT':
      return inspectionWithinPacked(context, event);
    case 'HAND_OVER':
      return handoverMatchesInspection(context, event);
    case 'SCHEDULE_DELIVERY':
      return deliveryDateFeasible(context, event);
    case 'RESCHEDULE_DELIVERY':
      return deliveryDateChanged(context, event);
    case 'RECORD_DISTRIBUTION':
      return distributionBalances(context, event);
    case 'RECORD_COMPLAINT':
      return complaintIsNew(context, event);
    case 'SIGN_SPK':
      return contractPeriodInOrder(context, event);
    case 'RESOLVE_COMPLAINT':
      return complaintIsOpen(context, event);
    case 'SIGN_OFF_MONEV':
      return noOpenComplaints(context, event);
    case 'RECORD_SIGNED_BAST':
      return signedBastExpected(context, event);
    case 'COMPLETE_COLLECTION':
      return everyBastCollected(context, event);
    case 'SEND_QUOTA_LETTER':
    case 'DRAFT_SK':
    case 'APPROVE_SK':
    case 'REJECT_SK':
    case 'COORDINATE_READINESS':
    case 'VENDOR_READY':
    case 'CONFIRM_DELIVERY':
    case 'RESOLVE_DISCREPANCY':
      // The payload check is the whole rule; the outcome (e.g. a discrepancy) is a transition.
      return null;
  }
}

/**
 * Why the event may not proceed: a malformed payload first (events arrive as JSON, so the type
 * system cannot promise their shape), then the business rule.
 */
export function refusalReason(context: SopContext, event: SopEvent): string | null {
  const payload = validateEventPayload(event, 'recorded');
  if (!payload.ok) {
    const problems = payload.problems.map((p) => `${p.field} ${p.reason}`).join('; ');
    return `invalid ${String(event.type)} payload: ${problems}`;
  }
  return eventRuleRefusal(context, payload.event);
}
