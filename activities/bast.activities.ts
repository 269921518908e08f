import type { ProposalRepository } from '@salur/libs/persistence/proposal.repository';
import type { ReceiptRepository } from '@salur/libs/persistence/receipt.repository';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { withHeartbeat } from './heartbeat';
import { recordTransition, type TransitionContext } from './transition-context';

/** Steps 6 and 17: BAST and BNBA per kelurahan, and their collection once signed. */
export function createBastActivities(
  records: StepRecordRepository,
  proposals: ProposalRepository,
  receipts: ReceiptRepository,
) {
  return {
    /** Prepares one BAST/BNBA record per kelurahan from the accepted persons; returns only codes. */
    prepareBastBnba(ctx: TransitionContext) {
      return withHeartbeat(async () => {
        const perKelurahan = await proposals.acceptedByKelurahan(ctx.workflowId);
        for (const { kelurahanCode, accepted } of perKelurahan) {
          const data = { kelurahanCode, accepted };
          await recordTransition(records, ctx, 'bast-bnba', data, kelurahanCode);
        }
        return { kelurahanCodes: perKelurahan.map((k) => k.kelurahanCode) };
      });
    },
    recordSignedBast(ctx: TransitionContext, input: { kelurahanCode: string }) {
      return recordTransition(records, ctx, 'bast-collected', input, input.kelurahanCode);
    },
    /** Under the receipts lock: once it commits, no KPM receipt is written or corrected. */
    recordCollectionComplete(ctx: TransitionContext, input: { recapId: string }) {
      return receipts.withLock(ctx.workflowId, (tx) =>
        recordTransition(records, ctx, 'collection-complete', input, input.recapId, tx),
      );
    },
  };
}
