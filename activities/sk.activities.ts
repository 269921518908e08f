import type { StepRecordRepository } from '../libs/persistence/step-record.repository';
import { recordTransition, type TransitionContext } from './transition-context';

/** Step 5: the Walikota's decree, drafted by the data team and approved or sent back. */
export function createSkActivities(records: StepRecordRepository) {
  return {
    recordSkDraft(ctx: TransitionContext, input: { skDraftId: string; accepted: number }) {
      return recordTransition(records, ctx, 'sk-draft', input, input.skDraftId);
    },
    recordSkDecision(
      ctx: TransitionContext,
      input: { decision: 'approved'; skNo: string } | { decision: 'rejected'; reason: string },
    ) {
      return recordTransition(records, ctx, 'sk-decision', input);
    },
  };
}
