import type { SopEventOf } from '@salur/libs/sop/events';
import type { DocumentServices } from '@salur/libs/persistence/documents';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { withKecamatanPaper } from './kecamatan-papers';
import { recordTransition, type TransitionContext } from './transition-context';

/** Steps 13-14: the delivery schedule and the delivery to the kecamatan, with any discrepancy. */
export function createDeliveryActivities(
  records: StepRecordRepository,
  documents: DocumentServices,
) {
  return {
    recordSchedule(
      ctx: TransitionContext,
      input: { deliveryDate: string; rescheduled: boolean } & Pick<
        SopEventOf<'SCHEDULE_DELIVERY'>,
        'agreedByKecamatan'
      >,
    ) {
      return recordTransition(records, ctx, 'schedule', input);
    },
    /** Each delivery confirmed (or the rest brought to resolve a short one), and its BAST. */
    async recordDelivery(
      ctx: TransitionContext,
      input: { deliveredCount: number; expected: number; resolution?: string },
    ) {
      const recorded = await recordTransition(records, ctx, 'delivery', input);
      return withKecamatanPaper(documents, ctx, 'delivery', recorded);
    },
  };
}
