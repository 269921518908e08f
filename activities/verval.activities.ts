import { ApplicationFailure } from '@temporalio/activity';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import type { VervalRepository } from '@salur/libs/persistence/verval.repository';
import { domainFailures } from './domain-failures';
import { withHeartbeat } from './heartbeat';
import { recordTransition, type TransitionContext } from './transition-context';

/** Step 4: verification and validation of the persons under review, in SQL. */
export function createVervalActivities(records: StepRecordRepository, verval: VervalRepository) {
  return {
    /**
     * `underReview` and `accepted` are the workflow's counts (absent in runs scheduled
     * before it sent them): verval refuses, writing nothing, a result the SOP would refuse.
     */
    async runVerval(
      ctx: TransitionContext,
      input: { round: number; quota: number; underReview?: number; accepted?: number },
    ) {
      const expected =
        input.underReview === undefined
          ? undefined
          : { underReview: input.underReview, accepted: input.accepted ?? 0 };
      const batchId = await verval.submittedBatch(ctx.workflowId);
      if (batchId === undefined) {
        throw ApplicationFailure.nonRetryable(
          'no proposal batch was submitted for this allocation (SUBMIT_PROPOSALS)',
          'TRANSITION_REFUSED',
        );
      }
      const result = await domainFailures(() =>
        withHeartbeat(() =>
          verval.run({
            batchId,
            workflowId: ctx.workflowId,
            programId: ctx.programId,
            round: input.round,
            quota: input.quota,
            expected,
          }),
        ),
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
