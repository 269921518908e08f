import {
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { refuse, serialQueue } from './command-support';
import { allocationWorkflowId } from '@salur/libs/domain/allocation';
import { KOTA_SEMARANG_CODE } from '@salur/libs/domain/region';
import {
  FailureTypes,
  PROGRAMME_COMMANDS,
  type ProgrammeCommand,
} from '@salur/libs/temporal/names';
import {
  KecamatanAttr,
  KotaKodeAttr,
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
import type { PayloadStandard } from './sop';
import { ensureCityWideAllowed } from './programme/commands';
import { noteDocument, noteProgress, programmeStep, programmeView } from './programme/view';

/**
 * A programme: one child allocation per kecamatan, plus the city-wide documents (the
 * circular letter, the Walikota's SK, the vendor's SPK). A city-wide decision is taken
 * only when every allocation has reached the step that waits for it, then fanned out.
 */
export async function programmeWorkflow(input: ProgrammeInput): Promise<ProgrammeView> {
  const progress = new Map<string, AllocationProgress>();
  const documents: ProgrammeView['documents'] = {};

  const view = (): ProgrammeView => programmeView(input, progress, documents);
  // Programmes started since the documents exist require their facts on every command.
  const standard: PayloadStandard = patched('document-facts') ? 'command' : 'recorded';
  const ensureAllowed = (command: ProgrammeCommand, request: CommandRequest) =>
    ensureCityWideAllowed(command, request, view(), standard);

  const serially = serialQueue();

  // The programme's step and Stuck, for admins filtering in the Web UI like for allocations.
  // Added after histories were recorded (test/fixtures/histories): patched() keeps them replaying.
  let published = '';
  const publishStep = (): void => {
    const step = programmeStep(view());
    if (!step || JSON.stringify(step) === published || !patched('programme-search-attributes')) {
      return;
    }
    published = JSON.stringify(step);
    upsertSearchAttributes([
      { key: SopStepAttr, value: step.step },
      { key: SopStepNoAttr, value: step.stepNo },
      { key: StuckAttr, value: step.stuck },
    ]);
  };

  setHandler(programmeStatusQuery, view);
  setHandler(allocationProgressSignal, (update) => {
    noteProgress(progress, update);
    publishStep();
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
          noteDocument(documents, event);
          return view();
        }),
      { validator: (request: CommandRequest) => void ensureAllowed(command, request) },
    );
  }

  // Programmes started before programmes named their kota are Kota Semarang's. The search
  // attribute came later: patched() keeps the recorded histories replaying.
  const kotaAttribute = patched('programme-kota')
    ? [{ key: KotaKodeAttr, value: input.kotaCode ?? KOTA_SEMARANG_CODE }]
    : [];
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
          ...kotaAttribute,
        ],
      }),
    );
  }

  await Promise.all(children.map((child) => child.result()));
  await condition(allHandlersFinished);
  return view();
}
