import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@salur/libs/domain/auth';
import {
  DomainError,
  parseProposalCorrection,
  parseProposalUpload,
  type ProposalArea,
} from '@salur/libs/domain';
import {
  CommandRefusalRepository,
  IdempotencyKeyRepository,
  ProposalRepository,
  RegionRepository,
  TimelineRepository,
} from '@salur/libs/persistence';
import {
  ALLOCATION_COMMANDS,
  sendSopCommand,
  TemporalClientProvider,
  toDomainError,
} from '@salur/libs/temporal';
import type { AllocationView } from '@salur/libs/temporal/workflow-contracts';
import { mustActOn, type MustAct } from '@salur/libs/temporal/timeline-reader';
import { allocationStatusQuery, allocationUpdates } from '@salur/libs/temporal/definitions';

@Injectable()
export class AllocationsService {
  constructor(
    private readonly temporal: TemporalClientProvider,
    private readonly proposals: ProposalRepository,
    private readonly regions: RegionRepository,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly refusals: CommandRefusalRepository,
    private readonly timelines: TimelineRepository,
  ) {}

  async status(id: string): Promise<AllocationView> {
    const client = await this.temporal.get();
    try {
      return await client.workflow.getHandle(id).query(allocationStatusQuery);
    } catch (error) {
      throw toDomainError(error, id);
    }
  }

  /**
   * The status with who must act: the users (not only the roles) who may move the allocation
   * on from its step, and since when it waits for them (the step's entry).
   */
  async statusWithMustAct(id: string): Promise<AllocationView & { mustAct: MustAct }> {
    const view = await this.status(id);
    return { ...view, mustAct: await mustActOn(this.timelines, view) };
  }

  /** Persons returned to the kecamatan: record ids, kelurahan and reason codes; no NIK. */
  async returned(id: string) {
    await this.status(id);
    return this.proposals.listReturned(id);
  }

  /** Steps 2-3 data: a batch of proposed persons; SUBMIT_PROPOSALS then names the batch. */
  async uploadProposals(id: string, body: unknown) {
    const view = await this.status(id);
    const { persons } = parseProposalUpload(body, await this.area(view.kecamatanCode));
    return this.proposals.createBatch({
      programId: view.programId,
      kecamatanCode: view.kecamatanCode,
      workflowId: id,
      persons: [...persons],
    });
  }

  /** Removes a batch the kecamatan never submitted (ProposalRepository.discardBatch). */
  async discardBatch(id: string, batchId: string) {
    await this.status(id);
    return this.proposals.discardBatch(id, batchId);
  }

  /** The kecamatan fixes or withdraws a person verval returned. */
  async fixReturned(
    id: string,
    recipientId: string,
    action: 'correct' | 'withdraw',
    body: unknown,
  ) {
    const view = await this.status(id);
    const returned = await this.proposals.listReturned(id);
    if (!returned.some((r) => r.recipientId === recipientId)) {
      throw new DomainError('NOT_FOUND', `No returned person ${recipientId} in allocation ${id}`);
    }
    if (action === 'withdraw') {
      await this.proposals.withdraw(recipientId);
    } else {
      const fix = parseProposalCorrection(body, await this.area(view.kecamatanCode));
      await this.proposals.correct(recipientId, fix);
    }
    return { recipientId, status: action === 'withdraw' ? 'withdrawn' : 'resubmitted' };
  }

  /** The kecamatan's kelurahan, against which uploaded codes are checked. */
  private async area(kecamatanCode: string): Promise<ProposalArea> {
    const kelurahan = await this.regions.listKelurahan(kecamatanCode);
    return { kecamatanCode, kelurahanCodes: new Set(kelurahan.map((k) => k.code)) };
  }

  command(
    id: string,
    name: string,
    body: unknown,
    user: AuthUser,
    idempotencyKey?: string | string[],
  ): Promise<AllocationView> {
    return sendSopCommand(
      { temporal: this.temporal, idempotencyKeys: this.idempotencyKeys, refusals: this.refusals },
      { workflowId: id, commands: ALLOCATION_COMMANDS, updates: allocationUpdates },
      { name, body, user, idempotencyKey },
    );
  }
}
