import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { TransitionContext } from '@salur/activities';
import { ALLOCATION_COMMANDS } from '@salur/libs/temporal/names';
import { KecamatanAttr, ProgramIdAttr } from '@salur/libs/temporal/search-attributes';
import { acts, longActs } from './allocation/activity-proxies';
import { checked, ensureAllowed, transitionContext } from './allocation/commands';
import { overdueReason, stepDeadline } from './allocation/deadline';
import { runEffect } from './allocation/effects';
import { enrichmentOf } from './allocation/enrichment';
import { notifyProgramme, publish } from './allocation/progress';
import { initialState, viewOf } from './allocation/state';
import type {
  AllocationInput,
  AllocationView,
  CityWideEvent,
  CommandRequest,
} from './allocation.types';
import { serialQueue } from './command-support';
import {
  allocationStatusQuery,
  allocationUpdates,
  allowedEventsQuery,
  cityWideEventSignal,
  countsQuery,
  openRejectionsQuery,
} from '@salur/libs/temporal/definitions';
import {
  allowedEvents,
  applyEvent,
  publicStatus,
  serializeSnapshot,
  type Role,
  type SopEvent,
} from './sop';

/**
 * One kecamatan's allocation, for as long as the SOP takes. The SOP machine decides what
 * may happen; this workflow checks each command against it (allocation/commands.ts), runs
 * the event's effect (allocation/effects.ts) or enrichment, keeps search attributes current
 * (allocation/progress.ts) and flags the allocation stuck when a step overruns its deadline
 * (allocation/deadline.ts).
 */
export async function allocationWorkflow(input: AllocationInput): Promise<AllocationView> {
  const { programId, kecamatanCode, quota, timing } = input;
  // Runs started since the documents exist require their facts on every command.
  const state = initialState(input, Date.now(), patched('document-facts') ? 'command' : 'recorded');
  const cityWideQueue: CityWideEvent[] = [];
  const serially = serialQueue();

  const view = (): AllocationView => viewOf(state, programId, workflowInfo().workflowId);
  const deadline = (): number => stepDeadline(state.status, state.stepEnteredAt, timing);
  const notify = (): Promise<void> =>
    notifyProgramme(input.programmeWorkflowId, state, kecamatanCode);
  const context = (request: { role: Role; actorId: string }, transitionId: string) =>
    transitionContext(input, workflowInfo().workflowId, request, transitionId);

  const commit = async (event: SopEvent): Promise<void> => {
    const before = state.status;
    state.sop = applyEvent(state.sop, event);
    state.status = publicStatus(state.sop);
    state.transitions += 1;
    if (state.status.stepNo !== before.stepNo || state.status.phase !== before.phase)
      state.stepEnteredAt = Date.now();
    if (state.stuck && Date.now() < deadline()) {
      state.stuck = false;
      state.stuckReason = undefined;
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= (input.maxHistoryEvents ?? Infinity)) {
      state.continueAsNewDue = true;
    }
    publish(state);
    await notify();
  };

  /** Runs the event's effect (its fields are all known), then commits it. */
  const recordAndCommit = async (event: SopEvent, ctx: TransitionContext): Promise<void> => {
    await runEffect(acts, ctx, event, { quota, status: state.status });
    await commit(event);
  };

  // Handlers first, before anything awaits, so no early command or query is lost.
  setHandler(allocationStatusQuery, view);
  setHandler(allowedEventsQuery, (role?: Role) => allowedEvents(state.sop, role));
  setHandler(countsQuery, () => state.status.counts);
  setHandler(openRejectionsQuery, () => ({
    count: state.status.openRejections,
    byReason: state.status.openRejections > 0 ? state.rejectedByReason : {},
  }));
  setHandler(cityWideEventSignal, (event) => {
    cityWideQueue.push(event);
  });
  for (const command of ALLOCATION_COMMANDS) {
    setHandler(
      allocationUpdates[command],
      (request) =>
        serially(async () => {
          const event = ensureAllowed(state, command, request); // state may have moved while waiting
          const ctx = context(
            request,
            currentUpdateInfo()?.id ?? `${command}-${state.transitions}`,
          );
          if (event) {
            await recordAndCommit(event, ctx);
          } else {
            // request.role is checked again on the completed event.
            const { enrich } = enrichmentOf(command)!;
            const { candidate, rejectedByReason } = await enrich(
              { acts, longActs },
              ctx,
              state,
              quota,
            );
            if (rejectedByReason) state.rejectedByReason = rejectedByReason;
            await commit(checked(state, candidate, request.role));
          }
          return view();
        }),
      { validator: (request: CommandRequest) => void ensureAllowed(state, command, request) },
    );
  }

  const applyCityWide = async (signal: CityWideEvent): Promise<void> => {
    try {
      const event = checked(state, signal.event, 'programme');
      state.lastCityWideId = signal.id;
      state.lastCityWideError = undefined;
      await recordAndCommit(
        event,
        context({ role: 'programme', actorId: signal.actorId }, signal.id),
      );
    } catch (error) {
      // The programme checks before fanning out; a refusal here is reported back, not lost.
      state.lastCityWideId = signal.id;
      state.lastCityWideError = error instanceof Error ? error.message : String(error);
      await notify();
    }
  };

  upsertSearchAttributes([
    { key: ProgramIdAttr, value: programId },
    { key: KecamatanAttr, value: kecamatanCode },
  ]);
  // Added after the first histories were recorded (test/fixtures/histories): the memo shows
  // the quota on the workflow's page. patched() keeps those histories replaying.
  if (patched('allocation-quota-memo')) upsertMemo({ programId, kecamatanCode, quota });
  publish(state);
  if (!input.carried) await notify();

  for (;;) {
    if (cityWideQueue.length > 0) {
      const next = cityWideQueue.shift()!;
      await serially(() => applyCityWide(next));
      continue;
    }
    if (state.status.done || state.continueAsNewDue) break;
    const seen = state.transitions;
    const wake = () => cityWideQueue.length > 0 || state.transitions !== seen || state.status.done;
    if (state.stuck) {
      await condition(wake);
      continue;
    }
    const remaining = deadline() - Date.now();
    const woken = remaining > 0 ? await condition(wake, remaining) : false;
    if (!woken && Date.now() >= deadline()) {
      state.stuck = true;
      state.stuckReason = overdueReason(state.status);
      publish(state);
      await notify();
    }
  }

  await condition(allHandlersFinished);
  if (!state.status.done) {
    await continueAsNew<typeof allocationWorkflow>({
      ...input,
      carried: {
        sop: serializeSnapshot(state.sop),
        stepEnteredAt: state.stepEnteredAt,
        vervalRound: state.status.vervalRounds,
        rejectedByReason: state.rejectedByReason,
        transitions: state.transitions,
        runs: state.runs,
      },
    });
  }
  return view();
}
