import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  allocationWorkflowId,
  DomainError,
  parseStartAllocation,
  ValidationFailed,
} from '../../../../libs/domain';
import { RegionRepository } from '../../../../libs/persistence';
import {
  KecamatanAttr,
  ProgramIdAttr,
  Queries,
  SopStepAttr,
  SopStepNoAttr,
  StuckAttr,
  TemporalClientProvider,
  WorkflowTypes,
} from '../../../../libs/temporal';
import type { AllocationStatus } from '../../../../workflows/allocation.workflow';

const ALLOCATION_ID = /^allocation-[a-z0-9-]+-\d{2}\.\d{2}\.\d{2}$/;

@Injectable()
export class AllocationsService {
  constructor(
    private readonly regions: RegionRepository,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async start(body: unknown): Promise<{ id: string }> {
    const command = parseStartAllocation(body);
    const kecamatan = await this.regions.findKecamatan(command.kecamatanCode);
    if (!kecamatan) {
      throw new ValidationFailed([
        {
          field: 'kecamatanCode',
          reason: `no kecamatan with code ${command.kecamatanCode} in Kota Semarang`,
        },
      ]);
    }
    const id = allocationWorkflowId(command.programId, command.kecamatanCode);
    const client = await this.temporal.get();
    try {
      await client.workflow.start(WorkflowTypes.allocation, {
        workflowId: id,
        taskQueue: this.temporal.taskQueue,
        args: [command],
        // One allocation per programme and kecamatan, ever: a finished one is not restarted either.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [
          { key: ProgramIdAttr, value: command.programId },
          { key: KecamatanAttr, value: command.kecamatanCode },
          { key: SopStepAttr, value: 'quota-letter' },
          { key: SopStepNoAttr, value: 1 },
          { key: StuckAttr, value: false },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new DomainError(
          'ALREADY_EXISTS',
          `Allocation ${id} already exists for programme ${command.programId} and kecamatan ${command.kecamatanCode}`,
          { id },
        );
      }
      throw error;
    }
    return { id };
  }

  async status(id: string): Promise<AllocationStatus & { id: string }> {
    if (!ALLOCATION_ID.test(id)) {
      throw new DomainError('NOT_FOUND', `No allocation with id ${id}`);
    }
    const client = await this.temporal.get();
    try {
      const status = await client.workflow
        .getHandle(id)
        .query<AllocationStatus>(Queries.allocationStatus);
      return { id, ...status };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        throw new DomainError('NOT_FOUND', `No allocation with id ${id}`);
      }
      throw error;
    }
  }
}
