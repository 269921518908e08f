import type { SopEventOf } from '@salur/libs/sop/events';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { recordTransition, type TransitionContext } from './transition-context';

/** Step 16: complaints (aduan), their follow-up, and the BA hasil Monev sign-off. */
export function createMonevActivities(records: StepRecordRepository) {
  return {
    recordComplaint(
      ctx: TransitionContext,
      input: { complaintId: string; needsAction?: boolean; followUp?: string },
    ) {
      const key = `${input.complaintId}:${input.followUp === undefined ? 'recorded' : 'resolved'}`;
      return recordTransition(records, ctx, 'monev-complaint', input, key);
    },
    recordMonevSignOff(
      ctx: TransitionContext,
      input: { reportNo: string; complaints: number } & Omit<
        SopEventOf<'SIGN_OFF_MONEV'>,
        'type' | 'reportNo'
      >,
    ) {
      return recordTransition(records, ctx, 'monev-sign-off', input, input.reportNo);
    },
  };
}
