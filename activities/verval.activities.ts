import type { StepRecordRepository } from '../libs/persistence/step-record.repository';
import type { VervalRepository } from '../libs/persistence/verval.repository';
import { withHeartbeat } from './heartbeat';
import { recordTransition, type TransitionContext } from './transition-context';

/** Step 4: verification and validation of the persons under review, in SQL. */
export function createVervalActivities(records: StepRecordRepository, verval: VervalRepository) {
  return {
    async runVerval(ctx: TransitionContext, input: { round: number; quota: number }) {
      const result = await withHeartbeat(() =>
        verval.run({
          workflowId: ctx.workflowId,
          programId: ctx.programId,
          round: input.round,
          quota: input.quota,
        }),
      );
      await recordTransition(
        records,
        ctx,
        'verval',
        { round: input.round, ...result },
        `round-${input.round}`,
      );
      return result;
    },
  };
}
