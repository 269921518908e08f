import type { SopEventOf } from '@salur/libs/sop/events';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { recordTransition, type TransitionContext } from './transition-context';

/** Steps 13-14: the delivery schedule and the delivery to the kecamatan, with any discrepancy. */
export function createDeliveryActivities(records: StepRecordRepository) {
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
    recordDelivery(
      ctx: TransitionContext,
      input: { deliveredCount: number; expected: number; resolution?: string },
    ) {
      return recordTransition(records, ctx, 'delivery', input);
    },
  };
}
