import { Inject, Injectable } from '@nestjs/common';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import type { AuthUser } from '@salur/libs/domain/auth';
import {
  allocationWorkflowId,
  parseStartProgramme,
  programmeWorkflowId,
  ValidationFailed,
  type FieldProblem,
} from '@salur/libs/domain';
import type { ReadScope } from '@salur/libs/domain/read-scope';
import {
  CommandRefusalRepository,
  IdempotencyKeyRepository,
  RegionRepository,
} from '@salur/libs/persistence';
import {
  KotaKodeAttr,
  PROGRAMME_COMMANDS,
  ProgramIdAttr,
  sendSopCommand,
  TemporalClientProvider,
  toDomainError,
  WorkflowTypes,
} from '@salur/libs/temporal';
import { programmeStatusQuery, programmeUpdates } from '@salur/libs/temporal/definitions';
import type { ProgrammeInput, ProgrammeView } from '@salur/libs/temporal/workflow-contracts';
import { scopeProgrammeView } from './programme-view-scope';

@Injectable()
export class ProgrammesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly regions: RegionRepository,
    private readonly temporal: TemporalClientProvider,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly refusals: CommandRefusalRepository,
  ) {}

  async start(body: unknown): Promise<{ id: string; allocationIds: string[] }> {
    const command = parseStartProgramme(body);
    const { kotaCode, settings } = command;
    const kota = await this.regions.findKabupatenKota(kotaCode);
    if (!kota) {
      throw new ValidationFailed([
        { field: 'kotaCode', reason: `no kabupaten/kota with code ${kotaCode}` },
      ]);
    }
    const known = await this.regions.existingCodes(command.allocations.map((a) => a.kecamatanCode));
    const unknown: FieldProblem[] = command.allocations.flatMap(({ kecamatanCode }, index) =>
      known.has(kecamatanCode)
        ? []
        : [
            {
              field: `allocations[${index}].kecamatanCode`,
              reason: `no kecamatan with code ${kecamatanCode} in ${kota.name}`,
            },
          ],
    );
    if (unknown.length > 0) throw new ValidationFailed(unknown);

    const id = programmeWorkflowId(command.programId);
    const sop = this.config.sop;
    const input: ProgrammeInput = {
      programId: command.programId,
      kotaCode,
      allocations: [...command.allocations],
      timing: {
        stepSlaMs: settings.stepSlaMs ?? sop.stepSlaMs,
        slaByStepMs: { ...sop.slaByStepMs, ...settings.slaByStepMs },
        deliveryGraceMs: settings.deliveryGraceMs ?? sop.deliveryGraceMs,
      },
      settings: {
        ...(settings.amountPerKpm === undefined ? {} : { amountPerKpm: settings.amountPerKpm }),
        ...(settings.exclusionRegisters === undefined
          ? {}
          : { exclusionRegisters: [...settings.exclusionRegisters] }),
      },
    };
    const client = await this.temporal.get();
    try {
      await client.workflow.start(WorkflowTypes.programme, {
        workflowId: id,
        taskQueue: this.temporal.taskQueue,
        args: [input],
        // One run per programme, ever: a finished programme is not started again.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [
          { key: ProgramIdAttr, value: command.programId },
          { key: KotaKodeAttr, value: kotaCode },
        ],
        staticSummary: `Programme ${command.programId} (${kota.name}): ${command.allocations.length} kecamatan`,
      });
    } catch (error) {
      throw toDomainError(error, id);
    }
    return {
      id,
      allocationIds: command.allocations.map((a) =>
        allocationWorkflowId(command.programId, a.kecamatanCode),
      ),
    };
  }

  /** An area role or a rekanan sees only its own part of the programme's view. */
  async status(id: string, scope: ReadScope): Promise<ProgrammeView> {
    const client = await this.temporal.get();
    let view: ProgrammeView;
    try {
      view = await client.workflow.getHandle(id).query(programmeStatusQuery);
    } catch (error) {
      throw toDomainError(error, id);
    }
    return scopeProgrammeView(view, scope);
  }

  command(
    id: string,
    name: string,
    body: unknown,
    user: AuthUser,
    idempotencyKey?: string | string[],
  ): Promise<ProgrammeView> {
    return sendSopCommand(
      { temporal: this.temporal, idempotencyKeys: this.idempotencyKeys, refusals: this.refusals },
      { workflowId: id, commands: PROGRAMME_COMMANDS, updates: programmeUpdates },
      { name, body, user, idempotencyKey },
    );
  }
}
