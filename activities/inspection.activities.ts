import type { DocumentServices } from '@salur/libs/persistence/documents';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { withKecamatanPaper } from './kecamatan-papers';
import { recordTransition, type TransitionContext } from './transition-context';

/** Steps 10-12: readiness, the BA Pemeriksaan, and hand-over to the distribution team. */
export function createInspectionActivities(
  records: StepRecordRepository,
  documents: DocumentServices,
) {
  return {
    recordReadiness(ctx: TransitionContext, input: { event: string; readyDate?: string }) {
      return recordTransition(records, ctx, 'readiness', input);
    },
    /** Each inspection, and the BA Pemeriksaan's new version listing every round so far. */
    async recordInspection(
      ctx: TransitionContext,
      input: { inspectionId: string; inspectedCount: number; passedCount: number; reason?: string },
    ) {
      const recorded = await recordTransition(
        records,
        ctx,
        'inspection',
        input,
        input.inspectionId,
      );
      return withKecamatanPaper(documents, ctx, 'inspection', recorded);
    },
    recordHandover(ctx: TransitionContext, input: { handedOverCount: number }) {
      return recordTransition(records, ctx, 'handover', input);
    },
  };
}
