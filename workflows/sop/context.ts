import { KECAMATAN_CODE, isCount } from '@salur/libs/sop/events';
import type { PayloadProblem } from '@salur/libs/sop/events';

export interface SopInput {
  /** Kemendagri code of the kecamatan, e.g. 33.74.01. */
  kecamatanCode: string;
  /** Parcels allotted to the kecamatan in the circular letter. */
  quota: number;
}

export interface SopDocuments {
  quotaLetterNo?: string;
  requestLetterNo?: string;
  requestLetterDate?: string;
  proposalBatchId?: string;
  skDraftId?: string;
  skNo?: string;
  spkNo?: string;
  vendorId?: string;
  monevReportNo?: string;
  collectionRecapId?: string;
}

export interface SopComplaint {
  complaintId: string;
  needsAction: boolean;
  /** Set when a complaint needing action has been followed up. */
  followUp?: string;
}

export interface SopDistribution {
  kelurahanCode: string;
  distributedCount: number;
  /** Parcels not received and returned with a reason; absent in snapshots from before it. */
  returnedCount?: number;
}

/** Everything the allocation remembers. Plain JSON: it is persisted for continue-as-new. */
export interface SopContext {
  kecamatanCode: string;
  quota: number;
  documents: SopDocuments;
  /** Persons proposed at step 3; corrections re-send the same persons, so this never grows. */
  proposed: number;
  /** Persons in the verval round now running (proposed in round 1, resubmitted later). */
  underReview: number;
  accepted: number;
  /** Rejected persons returned to the kecamatan and not yet corrected or withdrawn. */
  openRejections: number;
  withdrawn: number;
  vervalRounds: number;
  vervalRunIds: string[];
  correctionBatchIds: string[];
  skRejections: { reason: string }[];
  kelurahanCodes: string[];
  /** Parcels packed for the current order and not yet inspected. */
  packedThisRound: number;
  inspected: number;
  passedInspection: number;
  inspectionIds: string[];
  inspectionFailures: { shortfall: number; reason: string }[];
  readyDate?: string;
  handedOver: number;
  deliveryDate?: string;
  delivered: number;
  discrepancy?: { expected: number; delivered: number };
  discrepancyResolutions: string[];
  distributions: SopDistribution[];
  complaints: SopComplaint[];
  bastCollected: string[];
}

export function createContext(input: SopInput): SopContext {
  return {
    kecamatanCode: input.kecamatanCode,
    quota: input.quota,
    documents: {},
    proposed: 0,
    underReview: 0,
    accepted: 0,
    openRejections: 0,
    withdrawn: 0,
    vervalRounds: 0,
    vervalRunIds: [],
    correctionBatchIds: [],
    skRejections: [],
    kelurahanCodes: [],
    packedThisRound: 0,
    inspected: 0,
    passedInspection: 0,
    inspectionIds: [],
    inspectionFailures: [],
    handedOver: 0,
    delivered: 0,
    discrepancyResolutions: [],
    distributions: [],
    complaints: [],
    bastCollected: [],
  };
}

/** Parcels the vendor must pack now: the accepted total less what already passed inspection. */
export function orderedCount(context: SopContext): number {
  return context.accepted - context.passedInspection;
}

export function distributedTotal(context: SopContext): number {
  return context.distributions.reduce((sum, d) => sum + d.distributedCount, 0);
}

/** Delivered parcels accounted for at distribution: received by families, or returned. */
export function accountedTotal(context: SopContext): number {
  return context.distributions.reduce(
    (sum, d) => sum + d.distributedCount + (d.returnedCount ?? 0),
    0,
  );
}

export function openComplaintIds(context: SopContext): string[] {
  return context.complaints
    .filter((c) => c.needsAction && c.followUp === undefined)
    .map((c) => c.complaintId);
}

export function isKelurahanOf(kecamatanCode: string, kelurahanCode: string): boolean {
  return kelurahanCode.startsWith(`${kecamatanCode}.`);
}

export function validateSopInput(input: unknown): PayloadProblem[] {
  const problems: PayloadProblem[] = [];
  if (typeof input !== 'object' || input === null) {
    return [{ field: 'input', reason: 'must be an object with kecamatanCode and quota' }];
  }
  const { kecamatanCode, quota } = input as Record<string, unknown>;
  if (typeof kecamatanCode !== 'string' || !KECAMATAN_CODE.test(kecamatanCode)) {
    problems.push({ field: 'kecamatanCode', reason: 'must be a kecamatan code like 33.74.01' });
  }
  if (!isCount(quota) || quota < 1) {
    problems.push({ field: 'quota', reason: 'must be a whole number >= 1' });
  }
  return problems;
}

/**
 * Rules that hold in every reachable state. Checked by the property tests and when a persisted
 * snapshot is restored, so a hand-edited or corrupted snapshot is refused rather than resumed.
 */
export function contextProblems(context: SopContext): string[] {
  const problems: string[] = [];
  const lists = {
    vervalRunIds: context.vervalRunIds,
    correctionBatchIds: context.correctionBatchIds,
    skRejections: context.skRejections,
    kelurahanCodes: context.kelurahanCodes,
    inspectionIds: context.inspectionIds,
    inspectionFailures: context.inspectionFailures,
    discrepancyResolutions: context.discrepancyResolutions,
    distributions: context.distributions,
    complaints: context.complaints,
    bastCollected: context.bastCollected,
  };
  for (const [field, value] of Object.entries(lists)) {
    if (!Array.isArray(value)) problems.push(`${field} is not a list`);
  }
  if (typeof context.documents !== 'object' || context.documents === null) {
    problems.push('documents is not an object');
  }
  if (typeof context.kecamatanCode !== 'string' || !KECAMATAN_CODE.test(context.kecamatanCode)) {
    problems.push('kecamatanCode is not a kecamatan code');
  }
  const counts = {
    quota: context.quota,
    proposed: context.proposed,
    underReview: context.underReview,
    accepted: context.accepted,
    openRejections: context.openRejections,
    withdrawn: context.withdrawn,
    vervalRounds: context.vervalRounds,
    packedThisRound: context.packedThisRound,
    inspected: context.inspected,
    passedInspection: context.passedInspection,
    handedOver: context.handedOver,
    delivered: context.delivered,
  };
  for (const [field, value] of Object.entries(counts)) {
    if (!isCount(value)) problems.push(`${field} is not a whole number >= 0`);
  }
  if (problems.length > 0) return problems;
  const accounted =
    context.accepted + context.openRejections + context.withdrawn + context.underReview;
  if (accounted !== context.proposed) {
    problems.push(
      `accepted, open, withdrawn and under review add up to ${accounted}, not ${context.proposed}`,
    );
  }
  if (context.accepted > context.quota) problems.push('accepted exceeds the quota');
  if (context.packedThisRound > orderedCount(context)) problems.push('packed exceeds ordered');
  if (context.passedInspection > context.inspected) problems.push('passed exceeds inspected');
  if (context.handedOver > context.passedInspection) problems.push('handed over exceeds passed');
  if (accountedTotal(context) > context.delivered) {
    problems.push('distributed and returned exceed delivered');
  }
  const listed = (code: string) => context.kelurahanCodes.includes(code);
  if (!context.distributions.every((d) => listed(d.kelurahanCode))) {
    problems.push('a distribution names a kelurahan outside the BAST/BNBA lists');
  }
  if (!context.bastCollected.every(listed)) {
    problems.push('a collected BAST names a kelurahan outside the BAST/BNBA lists');
  }
  return problems;
}
