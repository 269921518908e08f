import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { recordTransition, type TransitionContext } from './transition-context';

/** Step 1: the circular letter (Surat Edaran) with this kecamatan's quota. */
export function createQuotaLetterActivities(records: StepRecordRepository) {
  return {
    recordQuotaLetter(ctx: TransitionContext, input: { letterNo: string; quota: number }) {
      return recordTransition(records, ctx, 'quota-letter', input, ctx.kecamatanCode);
    },
  };
}
