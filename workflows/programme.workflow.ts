import {
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { refuse, serialQueue } from './command-support';
import { allocationWorkflowId } from '@salur/libs/domain/allocation';
import { COMMANDS } from '@salur/libs/sop/commands';
import {
  FailureTypes,
  PROGRAMME_COMMANDS,
  type ProgrammeCommand,
} from '@salur/libs/temporal/names';
import {
  KecamatanAttr,
  ProgramIdAttr,
  SopStepAttr,
  SopStepNoAttr,
  StuckAttr,
} from '@salur/libs/temporal/search-attributes';
import { allocationWorkflow } from './allocation.workflow';
import type { AllocationProgress, CommandRequest } from './allocation.types';
import {
  allocationProgressSignal,
  cityWideEventSignal,
  programmeStatusQuery,
  programmeUpdates,
} from '@salur/libs/temporal/definitions';
import type { ProgrammeInput, ProgrammeView } from './programme.types';
import { isRole, validateEventPayload, type Role } from './sop';

/**
 * Who takes each city-wide decision (the allocations accept them only from the programme):
 * the command table's roles.
 */
const citySenders = (command: ProgrammeCommand): readonly Role[] => COMMANDS[command].roles;

/**
 * A programme: one child allocation per kecamatan, plus the city-wide documents (the
 * circular letter, the Walikota's SK, the vendor's SPK). A city-wide decision is taken
 * only when every allocation has reached the step that waits for it, then fanned out.
 */
export async function programmeWorkflow(input: ProgrammeInput): Promise<ProgrammeView> {
  const progress = new Map<string, AllocationProgress>();
  const documents: ProgrammeView['documents'] = {};

  const view = (): ProgrammeView => {
    const allocations = input.allocations.map(
      ({ kecamatanCode }) =>
        progress.get(kecamatanCode) ?? {
          kecamatanCode,
          stepNo: 0,
          step: 'starting',
          phase: 'starting',
          done: false,
          stuck: false,
          allowed: [],
          transitions: 0,
        },
    );
    return {
      programId: input.programId,
      allocations,
      completed: allocations.filter((a) => a.done).length,
      documents: { ...documents },
    };
  };

  const ensureAllowed = (command: ProgrammeCommand, request: CommandRequest) => {
    if (!isRole(request?.role) || !citySenders(command).includes(request.role)) {
      refuse(
        FailureTypes.transitionRefused,
        `role ${String(request?.role)} may not send ${command}; allowed: ${citySenders(command).join(', ')}`,
        { code: 'ROLE_NOT_ALLOWED' },
      );
    }
    const parsed = validateEventPayload({ type: command, ...(request.payload ?? {}) });
    if (!parsed.ok) {
      refuse(
        FailureTypes.validationFailed,
        parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
        { fields: parsed.problems },
      );
      throw new Error('unreachable');
    }
    const notReady = view().allocations.filter((a) => !a.allowed.includes(command));
    if (notReady.length > 0) {
      refuse(
        FailureTypes.transitionRefused,
        `${command} is city-wide and waits for every kecamatan; not ready: ${notReady
          .map((a) => `${a.kecamatanCode} (step ${a.stepNo} ${a.phase})`)
          .join(', ')}`,
        { code: 'EVENT_NOT_ALLOWED', notReady },
      );
    }
    return parsed.event;
  };

  const serially = serialQueue();

  setHandler(programmeStatusQuery, view);
  setHandler(allocationProgressSignal, (update) => {
    const known = progress.get(update.kecamatanCode);
    if (!known || update.transitions >= known.transitions)
      progress.set(update.kecamatanCode, update);
  });
  for (const command of PROGRAMME_COMMANDS) {
    setHandler(
      programmeUpdates[command],
      (request) =>
        serially(async () => {
          const event = ensureAllowed(command, request);
          const id = currentUpdateInfo()?.id ?? `${command}-${workflowInfo().historyLength}`;
          for (const { kecamatanCode } of input.allocations) {
            await getExternalWorkflowHandle(
              allocationWorkflowId(input.programId, kecamatanCode),
            ).signal(cityWideEventSignal, { id, actorId: request.actorId, event: { ...event } });
          }
          await condition(() => view().allocations.every((a) => a.lastCityWideId === id));
          const failed = view().allocations.filter((a) => a.lastCityWideError);
          if (failed.length > 0) {
            refuse(
              FailureTypes.transitionRefused,
              `${command} was refused by ${failed.map((a) => `${a.kecamatanCode}: ${a.lastCityWideError}`).join('; ')}`,
              { code: 'GUARD_FAILED' },
            );
          }
          if (event.type === 'SEND_QUOTA_LETTER') documents.quotaLetterNo = event.letterNo;
          if (event.type === 'APPROVE_SK') documents.skNo = event.skNo;
          if (event.type === 'SIGN_SPK') documents.spkNo = event.spkNo;
          return view();
        }),
      { validator: (request: CommandRequest) => void ensureAllowed(command, request) },
    );
  }

  const children = [];
  for (const { kecamatanCode, quota } of input.allocations) {
    children.push(
      await startChild(allocationWorkflow, {
        workflowId: allocationWorkflowId(input.programId, kecamatanCode),
        args: [
          {
            programId: input.programId,
            kecamatanCode,
            quota,
            timing: input.timing,
            programmeWorkflowId: workflowInfo().workflowId,
            maxHistoryEvents: input.maxHistoryEvents,
          },
        ],
        // An allocation outlives a programme workflow that is reset or terminated by an admin.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: `Allocation ${kecamatanCode} of programme ${input.programId}: quota ${quota} parcels`,
        typedSearchAttributes: [
          { key: ProgramIdAttr, value: input.programId },
          { key: KecamatanAttr, value: kecamatanCode },
          { key: SopStepAttr, value: 'quota-letter' },
          { key: SopStepNoAttr, value: 1 },
          { key: StuckAttr, value: false },
        ],
      }),
    );
  }

  await Promise.all(children.map((child) => child.result()));
  await condition(allHandlersFinished);
  return view();
}
