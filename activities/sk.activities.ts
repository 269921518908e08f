import type { DocumentServices } from '@salur/libs/persistence/documents';
import type { SkRepository } from '@salur/libs/persistence/sk.repository';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { domainFailures } from './domain-failures';
import { recordTransition, type TransitionContext } from './transition-context';

/**
 * Step 5: the Walikota's decree, drafted by the data team and approved or sent back.
 * Each allocation adds its kecamatan's accepted persons to the programme's SK draft; the
 * first allocation to record the decision signs (freezes) or rejects the whole SK, and
 * the others get the same answer, whatever order they run in.
 */
export function createSkActivities(
  records: StepRecordRepository,
  sk: SkRepository,
  documents: DocumentServices,
) {
  return {
    async recordSkDraft(
      ctx: TransitionContext,
      input: { skDraftId: string; accepted: number; amountPerKpm?: number },
    ) {
      const section = await domainFailures(() =>
        sk.draftSection({
          programId: ctx.programId,
          workflowId: ctx.workflowId,
          kecamatanCode: ctx.kecamatanCode,
          draftId: input.skDraftId,
          draftedBy: ctx.actorId,
          transitionId: ctx.transitionId,
          engineAccepted: input.accepted,
        }),
      );
      const { recordId } = await recordTransition(
        records,
        ctx,
        'sk-draft',
        { ...input, skId: section.skId, listed: section.recipientCount },
        input.skDraftId,
      );
      return { recordId, skId: section.skId, listed: section.recipientCount };
    },

    async recordSkDecision(
      ctx: TransitionContext,
      input: { decision: 'approved'; skNo: string } | { decision: 'rejected'; reason: string },
    ) {
      if (input.decision === 'approved') {
        const signed = await domainFailures(() =>
          sk.signForAllocation({
            workflowId: ctx.workflowId,
            skNo: input.skNo,
            signatory: ctx.actorId,
          }),
        );
        const { recordId } = await recordTransition(records, ctx, 'sk-decision', {
          ...input,
          skId: signed.skId,
          contentSha256: signed.contentSha256,
        });
        // The signed SK with its lampiran: rendered once in this worker, found unchanged by
        // the other allocations (and by a retry).
        await domainFailures(() =>
          documents.programme.sk(signed.skId, {
            stepRecordId: recordId,
            actor: { id: ctx.actorId, role: ctx.role },
          }),
        );
        return { recordId, skId: signed.skId, contentSha256: signed.contentSha256 };
      }
      const { skId } = await domainFailures(() =>
        sk.rejectForAllocation({
          workflowId: ctx.workflowId,
          reason: input.reason,
          rejectedBy: ctx.actorId,
        }),
      );
      const { recordId } = await recordTransition(records, ctx, 'sk-decision', { ...input, skId });
      return { recordId, skId };
    },
  };
}
