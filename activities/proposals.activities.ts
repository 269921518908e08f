import { ApplicationFailure } from '@temporalio/activity';
import {
  SUBMISSION_STEP,
  type ProposalRepository,
} from '@salur/libs/persistence/proposal.repository';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import type { VervalRepository } from '@salur/libs/persistence/verval.repository';
import { recordTransition, type TransitionContext } from './transition-context';

/** Steps 2-3 and the return path of step 4: the kecamatan's letter, proposals and corrections. */
export function createProposalActivities(
  records: StepRecordRepository,
  proposals: ProposalRepository,
  verval: VervalRepository,
) {
  return {
    recordRequestLetter(
      ctx: TransitionContext,
      input: { letterNo: string; letterDate: string; acknowledgedByCamat: boolean },
    ) {
      return recordTransition(records, ctx, 'request-letter', input, input.letterNo);
    },

    /**
     * Checks that the batch is this allocation's and holds the stated number of persons,
     * and records it as the submitted batch (the one verval reviews) while it is locked.
     */
    recordProposalBatch(ctx: TransitionContext, input: { batchId: string; proposedCount: number }) {
      return proposals.withBatchLocked(input.batchId, ctx.workflowId, (size, tx) => {
        if (size === undefined) {
          throw ApplicationFailure.nonRetryable(
            `batchId: no proposal batch ${input.batchId} for this allocation`,
            'VALIDATION_FAILED',
          );
        }
        if (size !== input.proposedCount) {
          throw ApplicationFailure.nonRetryable(
            `proposedCount: batch ${input.batchId} holds ${size} persons, not ${input.proposedCount}`,
            'VALIDATION_FAILED',
          );
        }
        return recordTransition(records, ctx, SUBMISSION_STEP, input, input.batchId, tx);
      });
    },

    /**
     * Counts what the kecamatan did with the persons returned by the last verval round
     * (corrected, so resubmitted, or withdrawn) and records that submission; its record id
     * names the correction batch.
     */
    async countCorrections(ctx: TransitionContext, input: { round: number }) {
      const { resubmitted } = await verval.proposalCounts(ctx.workflowId);
      const withdrawn = await verval.withdrawnSince(ctx.workflowId, input.round);
      const { recordId } = await recordTransition(records, ctx, 'verval-corrections', {
        ...input,
        resubmitted,
        withdrawn,
      });
      return { correctionId: recordId, resubmitted, withdrawn };
    },
  };
}
