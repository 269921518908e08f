import { patched } from '@temporalio/workflow';
import type { Activities, TransitionContext } from '@salur/activities';
import { COMMANDS } from '@salur/libs/sop/commands';
import type { AllocationCommand } from '@salur/libs/temporal/names';
import type { SopEventType } from '../sop';
import { isRecordedByEnrichment, type EnrichedEventType } from './effects';
import type { AllocationState } from './state';

/** The event an enriched command becomes: the command table says which commands are. */
const enrichedEvent = (command: AllocationCommand): SopEventType | undefined =>
  COMMANDS[command].enriched ? COMMANDS[command].event : undefined;

/** The activity's answer as an event still to be checked, and verval's rejection reasons. */
export interface Enrichment {
  candidate: { type: EnrichedEventType } & Record<string, unknown>;
  rejectedByReason?: Record<string, number>;
}

export interface EnrichmentActivities {
  acts: Activities;
  /** For work on whole proposal sets (longer timeouts). */
  longActs: Activities;
}

type Enricher = (
  activities: EnrichmentActivities,
  ctx: TransitionContext,
  state: AllocationState,
  quota: number,
) => Promise<Enrichment>;

/** How each enriched event is established; its activity also records it. */
export const ENRICHERS: { readonly [K in EnrichedEventType]: Enricher } = {
  VERVAL_COMPLETED: async ({ longActs }, ctx, { sop, status }, quota) => {
    const round = status.vervalRounds + 1;
    // Added after the first histories: verval checks its result against these counts
    // before writing it, so a result this workflow would refuse is never stored.
    const result = await longActs.runVerval(
      ctx,
      patched('verval-expected-counts')
        ? { round, quota, underReview: sop.context.underReview, accepted: status.counts.accepted }
        : { round, quota },
    );
    return {
      candidate: {
        type: 'VERVAL_COMPLETED',
        vervalRunId: result.vervalRunId,
        accepted: result.accepted,
        rejected: result.rejected,
      },
      rejectedByReason: result.rejectedByReason,
    };
  },
  RESUBMIT_CORRECTIONS: async ({ acts }, ctx, { status }) => {
    const { correctionId, resubmitted, withdrawn } = await acts.countCorrections(ctx, {
      round: status.vervalRounds,
    });
    return {
      candidate: { type: 'RESUBMIT_CORRECTIONS', batchId: correctionId, resubmitted, withdrawn },
    };
  },
  PRINT_BAST_BNBA: async ({ longActs }, ctx) => {
    const { kelurahanCodes } = await longActs.prepareBastBnba(ctx);
    return { candidate: { type: 'PRINT_BAST_BNBA', kelurahanCodes } };
  },
};

/** For a command the sender cannot give whole: the event it becomes and how it is established. */
export function enrichmentOf(
  command: AllocationCommand,
): { event: EnrichedEventType; enrich: Enricher } | undefined {
  const event = enrichedEvent(command);
  if (event === undefined || !isRecordedByEnrichment(event)) return undefined;
  return { event, enrich: ENRICHERS[event] };
}
