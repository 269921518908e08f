import type { AllowedEvent, SopStepInfo } from './steps';

/**
 * Where one allocation stands, as everyone outside the machine sees it. The machine
 * (workflows/sop/sop-status.ts) computes it; the API and the workflows' callers read it.
 */
export interface SopCounts {
  quota: number;
  proposed: number;
  accepted: number;
  /** Rejected at verval and returned to the kecamatan, not yet corrected or withdrawn. */
  rejected: number;
  withdrawn: number;
  /** Packed and not refused at inspection: passed parcels plus those awaiting inspection. */
  packed: number;
  inspected: number;
  passedInspection: number;
  handedOver: number;
  delivered: number;
  distributed: number;
}

export interface SopStatus extends SopStepInfo {
  kecamatanCode: string;
  phase: string;
  done: boolean;
  allowedEvents: AllowedEvent[];
  counts: SopCounts;
  openRejections: number;
  vervalRounds: number;
  skRejections: { reason: string }[];
  inspectionFailures: { shortfall: number; reason: string }[];
  deliveryDate?: string;
  discrepancy?: { expected: number; delivered: number };
  openComplaints: string[];
  complaintsRecorded: number;
  /** listed: the kelurahan on the BAST/BNBA lists printed at step 6. */
  kelurahan: { total: number; listed: string[]; distributed: string[]; bastCollected: string[] };
  /** The document numbers a caller may see (the machine keeps more). */
  documents: {
    quotaLetterNo?: string;
    requestLetterNo?: string;
    proposalBatchId?: string;
    skDraftId?: string;
    skNo?: string;
    spkNo?: string;
    monevReportNo?: string;
  };
}
