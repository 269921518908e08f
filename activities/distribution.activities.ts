import { distributionMatchesReceipts } from '@salur/libs/domain/receipt';
import { orThrow } from '@salur/libs/domain/verdict';
import type { ReceiptRepository } from '@salur/libs/persistence/receipt.repository';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { domainFailures } from './domain-failures';
import { recordTransition, type TransitionContext } from './transition-context';

/** Step 15: parcels handed to each kelurahan and its families (KPM). */
export function createDistributionActivities(
  records: StepRecordRepository,
  receipts: ReceiptRepository,
) {
  return {
    /**
     * Records a kelurahan's distribution only when its counts are its receipts' (issue 15):
     * checked and written in one transaction under the receipts lock, so no receipt lands in
     * between. A retry after the record was written returns it without checking again.
     */
    recordDistribution(
      ctx: TransitionContext,
      input: { kelurahanCode: string; distributedCount: number; returnedCount?: number },
    ) {
      return domainFailures(() =>
        receipts.withLock(ctx.workflowId, async (tx) => {
          const key = {
            workflowId: ctx.workflowId,
            step: 'distribution' as const,
            businessKey: input.kelurahanCode,
          };
          if (!(await records.find(key, tx))) {
            const counted = await receipts.kelurahanFigures(
              tx,
              ctx.workflowId,
              ctx.kecamatanCode,
              input.kelurahanCode,
            );
            orThrow(distributionMatchesReceipts(input, counted));
          }
          return recordTransition(records, ctx, 'distribution', input, input.kelurahanCode, tx);
        }),
      );
    },
  };
}
