import { ApplicationFailure } from '@temporalio/activity';
import type { DocumentServices } from '@salur/libs/persistence/documents';
import type { EvidenceRepository } from '@salur/libs/persistence/evidence.repository';
import type { ReceiptRepository } from '@salur/libs/persistence/receipt.repository';
import type { StepRecordRepository } from '@salur/libs/persistence/step-record.repository';
import { domainFailures } from './domain-failures';
import { withHeartbeat } from './heartbeat';
import { recordTransition, type TransitionContext } from './transition-context';

/** Steps 6 and 17: BAST and BNBA per kelurahan, and their collection once signed. */
export function createBastActivities(
  records: StepRecordRepository,
  documents: DocumentServices,
  evidence: EvidenceRepository,
  receipts: ReceiptRepository,
) {
  return {
    /**
     * Step 6: for each kelurahan the SK in force gives recipients (and no other), a record
     * and its papers: the BNBA as PDF and XLSX and the BAST, registered against that record.
     * A retry finds the record and the unchanged documents and adds nothing. Returns codes only.
     */
    prepareBastBnba(ctx: TransitionContext) {
      return withHeartbeat(() =>
        domainFailures(async () => {
          const papers = await documents.papers.plan(
            ctx.programId,
            ctx.workflowId,
            ctx.kecamatanCode,
          );
          for (const kelurahan of papers.kelurahan) {
            const data = { kelurahanCode: kelurahan.code, accepted: kelurahan.recipients };
            const { recordId } = await recordTransition(
              records,
              ctx,
              'bast-bnba',
              data,
              kelurahan.code,
            );
            await documents.papers.generate(papers, kelurahan, recordId, {
              id: ctx.actorId,
              role: ctx.role,
            });
          }
          return { kelurahanCodes: papers.kelurahan.map((k) => k.code) };
        }),
      );
    },

    /**
     * Step 17: a kelurahan's BAST and BNBA come back signed. The scan must have been uploaded
     * (evidence `signed_bast` for that kelurahan); it is linked to the papers generated for it.
     */
    async recordSignedBast(ctx: TransitionContext, input: { kelurahanCode: string }) {
      const scan = await evidence.latestFor(ctx.workflowId, 'signed_bast', input.kelurahanCode);
      if (!scan) {
        throw ApplicationFailure.nonRetryable(
          `kelurahanCode: no signed BAST/BNBA of kelurahan ${input.kelurahanCode} has been uploaded; ` +
            `upload the scan first (POST /allocations/${ctx.workflowId}/evidence, kind signed_bast, ` +
            `kelurahanCode ${input.kelurahanCode})`,
          'VALIDATION_FAILED',
        );
      }
      const papers = (
        await documents.registry.currentOfKelurahan(ctx.workflowId, input.kelurahanCode)
      ).filter((d) => d.rendition === 'pdf');
      const documentIds = papers.map((d) => d.id);
      const recorded = await recordTransition(
        records,
        ctx,
        'bast-collected',
        { ...input, evidenceId: scan.id, documentIds },
        input.kelurahanCode,
      );
      await documents.registry.recordSignedCopy(documentIds, scan.id, recorded.recordId);
      return recorded;
    },
    /**
     * Recorded under the receipts lock: once it commits, no KPM receipt is written or
     * corrected, so the LPJ generated next (PDF and XLSX, tied to this record) prints final
     * figures. A retry finds the record and the unchanged LPJ and adds nothing.
     */
    recordCollectionComplete(ctx: TransitionContext, input: { recapId: string }) {
      return domainFailures(async () => {
        const recorded = await receipts.withLock(ctx.workflowId, (tx) =>
          recordTransition(records, ctx, 'collection-complete', input, input.recapId, tx),
        );
        await documents.lpj.generate(
          ctx.programId,
          ctx.workflowId,
          ctx.kecamatanCode,
          recorded.recordId,
          { id: ctx.actorId, role: ctx.role },
        );
        return recorded;
      });
    },
  };
}
