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
    const unknown: FieldProblem[] = [];
    for (const [index, { kecamatanCode }] of command.allocations.entries()) {
      if (!(await this.regions.findKecamatan(kecamatanCode))) {
        unknown.push({
          field: `allocations[${index}].kecamatanCode`,
          reason: `no kecamatan with code ${kecamatanCode} in Kota Semarang`,
        });
      }
    }
    if (unknown.length > 0) throw new ValidationFailed(unknown);

    const id = programmeWorkflowId(command.programId);
    const input: ProgrammeInput = {
      programId: command.programId,
      allocations: [...command.allocations],
      timing: {
        stepSlaMs: this.config.sop.stepSlaMs,
        slaByStepMs: { ...this.config.sop.slaByStepMs },
        deliveryGraceMs: this.config.sop.deliveryGraceMs,
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
        typedSearchAttributes: [{ key: ProgramIdAttr, value: command.programId }],
        staticSummary: `Programme ${command.programId}: ${command.allocations.length} kecamatan`,
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
