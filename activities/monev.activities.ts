import type { SopEventOf } from '@salur/libs/sop/events';
import type { DocumentServices } from '@salur/libs/persistence/documents';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { withKecamatanPaper } from './kecamatan-papers';
import { recordTransition, type TransitionContext } from './transition-context';

/** Step 16: complaints (aduan), their follow-up, and the BA hasil Monev sign-off. */
export function createMonevActivities(records: StepRecordRepository, documents: DocumentServices) {
  return {
    recordComplaint(
      ctx: TransitionContext,
      input: { complaintId: string; needsAction?: boolean; followUp?: string },
    ) {
      const key = `${input.complaintId}:${input.followUp === undefined ? 'recorded' : 'resolved'}`;
      return recordTransition(records, ctx, 'monev-complaint', input, key);
    },
    /** The sign-off and its BA Monev. */
    async recordMonevSignOff(
      ctx: TransitionContext,
      input: { reportNo: string; complaints: number } & Omit<
        SopEventOf<'SIGN_OFF_MONEV'>,
        'type' | 'reportNo'
      >,
    ) {
      const recorded = await recordTransition(
        records,
        ctx,
        'monev-sign-off',
        input,
        input.reportNo,
      );
      return withKecamatanPaper(documents, ctx, 'monev', recorded);
    },
  };
}
