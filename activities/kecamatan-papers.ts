import type { DocumentServices } from '@salur/libs/persistence/documents';
import { domainFailures } from './domain-failures';
import type { TransitionContext } from './transition-context';

type KecamatanPaper = 'inspection' | 'delivery' | 'monev';

/**
 * Generates (or finds, unchanged) a kecamatan paper for the step record just written: a
 * retried activity finds both the record and the paper and adds nothing. Answers the record,
 * as the step's activity did before its paper existed.
 */
export async function withKecamatanPaper(
  documents: DocumentServices,
  ctx: TransitionContext,
  paper: KecamatanPaper,
  recorded: { recordId: string },
): Promise<{ recordId: string }> {
  await domainFailures(() =>
    documents.kecamatanPapers[paper](ctx, recorded.recordId, { id: ctx.actorId, role: ctx.role }),
  );
  return recorded;
}
