import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  patched,
  type RetryPolicy,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { refuse, serialQueue } from './command-support';
import type { Activities, TransitionContext } from '@salur/activities';
import { COMMANDS } from '@salur/libs/sop/commands';
import {
  ALLOCATION_COMMANDS,
  FailureTypes,
  type AllocationCommand,
} from '@salur/libs/temporal/names';
import {
  KecamatanAttr,
  ProgramIdAttr,
  SopStepAttr,
  SopStepNoAttr,
  StuckAttr,
} from '@salur/libs/temporal/search-attributes';
import type {
  AllocationInput,
  AllocationProgress,
  AllocationView,
  CityWideEvent,
  CommandRequest,
} from './allocation.types';
import {
  allocationProgressSignal,
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
  checkEvent,
  isRole,
  publicStatus,
  restoreSnapshot,
  serializeSnapshot,
  startSop,
  validateEventPayload,
  type Role,
  type SopEvent,
  type SopEventType,
  type SopSnapshot,
  type SopStatus,
} from './sop';

const retry: RetryPolicy = {
  initialInterval: '1 second',
  maximumInterval: '30 seconds',
  maximumAttempts: 20,
};
// Every activity heartbeats while it runs (apps/worker's interceptor): a killed worker is
// noticed within the heartbeat timeout, while a slow database still has minutes to answer.
const acts = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '5 seconds',
  retry,
});
// Verval and BAST preparation work on whole proposal sets; they heartbeat, so a dead
// worker is noticed in seconds while a large run may take many minutes.
const longActs = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '10 seconds',
  retry,
});

/** Commands whose event carries facts only an activity can establish (the command table). */
const enrichedEvent = (command: AllocationCommand): SopEventType | undefined =>
  COMMANDS[command].enriched ? COMMANDS[command].event : undefined;

const DAY_MS = 24 * 3600 * 1000;

/**
 * One kecamatan's allocation, for as long as the SOP takes. The SOP machine decides what
 * may happen; this workflow checks each command against it, runs the step's activities,
 * keeps search attributes current and flags the allocation stuck when a step overruns.
 */
export async function allocationWorkflow(input: AllocationInput): Promise<AllocationView> {
  const { programId, kecamatanCode, quota, timing } = input;
  const carried = input.carried;
  let sop: SopSnapshot = carried
    ? restoreSnapshot(carried.sop)
    : startSop({ kecamatanCode, quota });
  let status: SopStatus = publicStatus(sop);
  let stepEnteredAt = carried?.stepEnteredAt ?? Date.now();
  let rejectedByReason: Record<string, number> = carried?.rejectedByReason ?? {};
  let transitions = carried?.transitions ?? 0;
  const runs = (carried?.runs ?? 0) + 1;
  let stuck = false;
  let stuckReason: string | undefined;
  let continueAsNewDue = false;
  const cityWideQueue: CityWideEvent[] = [];
  let lastCityWideId: string | undefined;
  let lastCityWideError: string | undefined;

  const serially = serialQueue();

  const view = (): AllocationView => ({
    ...status,
    programId,
    allocationId: workflowInfo().workflowId,
    stepEnteredAt: new Date(stepEnteredAt).toISOString(),
    stuck,
    stuckReason,
    transitions,
    runs,
  });

  const deadline = (): number => {
    if (status.step === 'delivery' && status.deliveryDate && !status.discrepancy) {
      const offset = timing.deliveryUtcOffset ?? '+07:00';
      return (
        Date.parse(`${status.deliveryDate}T00:00:00${offset}`) + DAY_MS + timing.deliveryGraceMs
      );
    }
    return stepEnteredAt + (timing.slaByStepMs?.[status.step] ?? timing.stepSlaMs);
  };

  const overdueReason = (): string =>
    status.step === 'delivery' && status.deliveryDate && !status.discrepancy
      ? `delivery scheduled for ${status.deliveryDate} not confirmed within the grace period`
      : `step ${status.stepNo} (${status.step}) has waited longer than its SLA`;

  const publish = (): void => {
    upsertSearchAttributes([
      { key: SopStepAttr, value: status.step },
      { key: SopStepNoAttr, value: status.stepNo },
      { key: StuckAttr, value: stuck },
    ]);
    const actors = status.actors.join(', ') || 'nobody (completed)';
    setCurrentDetails(
      [
        `**Step ${status.stepNo}/17: ${status.stepName}**`,
        `phase: ${status.phase}`,
        `who must act: ${actors}`,
        `since: ${new Date(stepEnteredAt).toISOString()}`,
        stuck ? `STUCK: ${stuckReason}` : 'on time',
        `counts: quota ${status.counts.quota}, accepted ${status.counts.accepted}, open rejections ${status.openRejections}, delivered ${status.counts.delivered}, distributed ${status.counts.distributed}`,
      ].join('\n'),
    );
  };

  const notifyProgramme = async (): Promise<void> => {
    if (!input.programmeWorkflowId) return;
    const progress: AllocationProgress = {
      kecamatanCode,
      stepNo: status.stepNo,
      step: status.step,
      phase: status.phase,
      done: status.done,
      stuck,
      allowed: status.allowedEvents.map((e) => e.type),
      transitions,
      lastCityWideId,
      lastCityWideError,
    };
    await getExternalWorkflowHandle(input.programmeWorkflowId).signal(
      allocationProgressSignal,
      progress,
    );
  };

  /** Refuses a command the SOP cannot take now, naming the step and what is allowed. */
  const ensureAllowed = (
    command: AllocationCommand,
    request: CommandRequest,
  ): SopEvent | undefined => {
    if (!isRole(request?.role)) {
      refuse(FailureTypes.validationFailed, 'role: must be one of the SOP roles', {
        fields: [{ field: 'role', reason: 'must be one of the SOP roles' }],
      });
    }
    if (typeof request.actorId !== 'string' || request.actorId.length === 0) {
      refuse(FailureTypes.validationFailed, 'actorId: must be a non-empty user id', {
        fields: [{ field: 'actorId', reason: 'must be a non-empty user id' }],
      });
    }
    const enrichedType = enrichedEvent(command);
    if (enrichedType) {
      const allowed = allowedEvents(sop);
      const rule = allowed.find((e) => e.type === enrichedType);
      if (!rule || !rule.roles.includes(request.role)) {
        const why = !rule
          ? `${command} is not allowed at step ${status.stepNo} (${status.phase})`
          : `role ${request.role} may not send ${command}; allowed: ${rule.roles.join(', ')}`;
        refuse(
          FailureTypes.transitionRefused,
          why,
          refusalDetails(!rule ? 'EVENT_NOT_ALLOWED' : 'ROLE_NOT_ALLOWED'),
        );
      }
      return undefined;
    }
    return checked({ type: command, ...(request.payload ?? {}) }, request.role);
  };

  const refusalDetails = (code: string) => ({
    code,
    stepNo: status.stepNo,
    step: status.step,
    phase: status.phase,
    allowed: status.allowedEvents,
  });

  /** Validates the payload and asks the machine; returns the event or throws the refusal. */
  const checked = (candidate: Record<string, unknown>, role: Role): SopEvent => {
    const parsed = validateEventPayload(candidate);
    if (!parsed.ok) {
      refuse(
        FailureTypes.validationFailed,
        parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
        { fields: parsed.problems },
      );
      throw new Error('unreachable');
    }
    const verdict = checkEvent(sop, parsed.event, role);
    if (!verdict.ok) {
      refuse(FailureTypes.transitionRefused, verdict.reason, refusalDetails(verdict.code));
    }
    return parsed.event;
  };

  const commit = async (event: SopEvent): Promise<void> => {
    const before = status;
    sop = applyEvent(sop, event);
    status = publicStatus(sop);
    transitions += 1;
    if (status.stepNo !== before.stepNo || status.phase !== before.phase)
      stepEnteredAt = Date.now();
    if (stuck && Date.now() < deadline()) {
      stuck = false;
      stuckReason = undefined;
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= (input.maxHistoryEvents ?? Infinity)) {
      continueAsNewDue = true;
    }
    publish();
    await notifyProgramme();
  };

  const context = (
    request: { role: Role; actorId: string },
    transitionId: string,
  ): TransitionContext => ({
    workflowId: workflowInfo().workflowId,
    programId,
    kecamatanCode,
    transitionId,
    actorId: request.actorId,
    role: request.role,
  });

  /** Runs the step's activity for an event whose fields are all known, then commits it. */
  const recordAndCommit = async (event: SopEvent, ctx: TransitionContext): Promise<void> => {
    switch (event.type) {
      case 'SEND_QUOTA_LETTER':
        await acts.recordQuotaLetter(ctx, { letterNo: event.letterNo, quota });
        break;
      case 'SUBMIT_REQUEST_LETTER':
        await acts.recordRequestLetter(ctx, event);
        break;
      case 'SUBMIT_PROPOSALS':
        await acts.recordProposalBatch(ctx, event);
        break;
      case 'DRAFT_SK':
        await acts.recordSkDraft(ctx, {
          skDraftId: event.skDraftId,
          accepted: status.counts.accepted,
        });
        break;
      case 'APPROVE_SK':
        await acts.recordSkDecision(ctx, { decision: 'approved', skNo: event.skNo });
        break;
      case 'REJECT_SK':
        await acts.recordSkDecision(ctx, { decision: 'rejected', reason: event.reason });
        break;
      case 'SIGN_SPK':
        await acts.recordContract(ctx, { ...event, ordered: status.counts.accepted });
        break;
      case 'REPORT_PACKING':
      case 'DECLARE_PACKED':
        await acts.recordPacking(ctx, { ...event, event: event.type });
        break;
      case 'COORDINATE_READINESS':
      case 'VENDOR_READY':
        await acts.recordReadiness(ctx, { ...event, event: event.type });
        break;
      case 'INSPECT':
        await acts.recordInspection(ctx, event);
        break;
      case 'HAND_OVER':
        await acts.recordHandover(ctx, event);
        break;
      case 'SCHEDULE_DELIVERY':
      case 'RESCHEDULE_DELIVERY':
        await acts.recordSchedule(ctx, {
          deliveryDate: event.deliveryDate,
          rescheduled: event.type === 'RESCHEDULE_DELIVERY',
        });
        break;
      case 'CONFIRM_DELIVERY':
        await acts.recordDelivery(ctx, {
          deliveredCount: event.deliveredCount,
          expected: status.counts.handedOver,
        });
        break;
      case 'RESOLVE_DISCREPANCY':
        await acts.recordDelivery(ctx, { ...event, expected: status.counts.handedOver });
        break;
      case 'RECORD_DISTRIBUTION':
        await acts.recordDistribution(ctx, event);
        break;
      case 'RECORD_COMPLAINT':
      case 'RESOLVE_COMPLAINT':
        await acts.recordComplaint(ctx, event);
        break;
      case 'SIGN_OFF_MONEV':
        await acts.recordMonevSignOff(ctx, {
          reportNo: event.reportNo,
          complaints: status.complaintsRecorded,
        });
        break;
      case 'RECORD_SIGNED_BAST':
        await acts.recordSignedBast(ctx, event);
        break;
      case 'COMPLETE_COLLECTION':
        await acts.recordCollectionComplete(ctx, event);
        break;
      case 'VERVAL_COMPLETED':
      case 'RESUBMIT_CORRECTIONS':
      case 'PRINT_BAST_BNBA':
        // These come from enrich(), which records them itself.
        break;
    }
    await commit(event);
  };

  /** For commands whose event needs an activity's result: run it, then check the full event. */
  const enrich = async (
    command: AllocationCommand,
    request: CommandRequest,
    ctx: TransitionContext,
  ) => {
    // request.role is checked again on the completed event below.
    let candidate: Record<string, unknown>;
    if (command === 'RUN_VERVAL') {
      const round = status.vervalRounds + 1;
      // Added after the first histories: verval checks its result against these counts
      // before writing it, so a result this workflow would refuse is never stored.
      const result = await longActs.runVerval(
        ctx,
        patched('verval-expected-counts')
          ? { round, quota, underReview: sop.context.underReview, accepted: status.counts.accepted }
          : { round, quota },
      );
      rejectedByReason = result.rejectedByReason;
      candidate = {
        type: 'VERVAL_COMPLETED',
        vervalRunId: result.vervalRunId,
        accepted: result.accepted,
        rejected: result.rejected,
      };
    } else if (command === 'RESUBMIT_CORRECTIONS') {
      const { correctionId, resubmitted, withdrawn } = await acts.countCorrections(ctx, {
        round: status.vervalRounds,
      });
      candidate = { type: 'RESUBMIT_CORRECTIONS', batchId: correctionId, resubmitted, withdrawn };
    } else {
      const { kelurahanCodes } = await longActs.prepareBastBnba(ctx);
      candidate = { type: 'PRINT_BAST_BNBA', kelurahanCodes };
    }
    const event = checked(candidate, request.role);
    await commit(event);
  };

  // Handlers first, before anything awaits, so no early command or query is lost.
  setHandler(allocationStatusQuery, view);
  setHandler(allowedEventsQuery, (role?: Role) => allowedEvents(sop, role));
  setHandler(countsQuery, () => status.counts);
  setHandler(openRejectionsQuery, () => ({
    count: status.openRejections,
    byReason: status.openRejections > 0 ? rejectedByReason : {},
  }));
  setHandler(cityWideEventSignal, (event) => {
    cityWideQueue.push(event);
  });
  for (const command of ALLOCATION_COMMANDS) {
    setHandler(
      allocationUpdates[command],
      (request) =>
        serially(async () => {
          const event = ensureAllowed(command, request); // state may have moved while waiting
          const ctx = context(request, currentUpdateInfo()?.id ?? `${command}-${transitions}`);
          if (event) await recordAndCommit(event, ctx);
          else await enrich(command, request, ctx);
          return view();
        }),
      { validator: (request: CommandRequest) => void ensureAllowed(command, request) },
    );
  }

  const applyCityWide = async (signal: CityWideEvent): Promise<void> => {
    try {
      const event = checked(signal.event, 'programme');
      lastCityWideId = signal.id;
      lastCityWideError = undefined;
      await recordAndCommit(
        event,
        context({ role: 'programme', actorId: signal.actorId }, signal.id),
      );
    } catch (error) {
      // The programme checks before fanning out; a refusal here is reported back, not lost.
      lastCityWideId = signal.id;
      lastCityWideError = error instanceof Error ? error.message : String(error);
      await notifyProgramme();
    }
  };

  upsertSearchAttributes([
    { key: ProgramIdAttr, value: programId },
    { key: KecamatanAttr, value: kecamatanCode },
  ]);
  // Added after the first histories were recorded (test/fixtures/histories): the memo shows
  // the quota on the workflow's page. patched() keeps those histories replaying.
  if (patched('allocation-quota-memo')) upsertMemo({ programId, kecamatanCode, quota });
  publish();
  if (!carried) await notifyProgramme();

  for (;;) {
    if (cityWideQueue.length > 0) {
      const next = cityWideQueue.shift()!;
      await serially(() => applyCityWide(next));
      continue;
    }
    if (status.done || continueAsNewDue) break;
    const seen = transitions;
    const wake = () => cityWideQueue.length > 0 || transitions !== seen || status.done;
    if (stuck) {
      await condition(wake);
      continue;
    }
    const remaining = deadline() - Date.now();
    const woken = remaining > 0 ? await condition(wake, remaining) : false;
    if (!woken && Date.now() >= deadline()) {
      stuck = true;
      stuckReason = overdueReason();
      publish();
      await notifyProgramme();
    }
  }

  await condition(allHandlersFinished);
  if (!status.done) {
    await continueAsNew<typeof allocationWorkflow>({
      ...input,
      carried: {
        sop: serializeSnapshot(sop),
        stepEnteredAt,
        vervalRound: status.vervalRounds,
        rejectedByReason,
        transitions,
        runs,
      },
    });
  }
  return view();
}
