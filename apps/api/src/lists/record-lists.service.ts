import { Injectable } from '@nestjs/common';
import { parseAllocationId } from '@salur/libs/domain/allocation';
import { DomainError, ValidationFailed } from '@salur/libs/domain/errors';
import type {
  ProposalFilters,
  SkFilters,
  SkRecipientFilters,
  StepRecordFilters,
  RecordListKind,
} from '@salur/libs/domain/list-specs';
import type { ReadScope, ScopedListQuery } from '@salur/libs/domain/read-scope';
import {
  ProposalListRepository,
  SkListRepository,
  StepRecordListRepository,
  type RecordTarget,
} from '@salur/libs/persistence';
import { TemporalClientProvider } from '@salur/libs/temporal';
import { UUID } from '@salur/libs/shared';

/**
 * Lists of what the SOP's steps stored in PostgreSQL: proposals with their verval reasons,
 * SKs and their recipients, and the records of packing, inspection, delivery and monev.
 * A list under an allocation or a programme answers 404 when that workflow does not exist.
 */
@Injectable()
export class RecordListsService {
  constructor(
    private readonly temporal: TemporalClientProvider,
    private readonly proposalList: ProposalListRepository,
    private readonly skList: SkListRepository,
    private readonly recordList: StepRecordListRepository,
  ) {}

  async proposals(allocationId: string, query: ScopedListQuery<ProposalFilters>) {
    const { kecamatanCode } = await this.existingAllocation(allocationId);
    const { kelurahan } = query.filters;
    if (kelurahan !== undefined && !kelurahan.startsWith(`${kecamatanCode}.`)) {
      throw new ValidationFailed([
        { field: 'kelurahan', reason: `must be a kelurahan of kecamatan ${kecamatanCode}` },
      ]);
    }
    return this.proposalList.list(allocationId, query);
  }

  async proposal(allocationId: string, recipientId: string, scope: ReadScope) {
    await this.existingAllocation(allocationId);
    const found = UUID.test(recipientId)
      ? await this.proposalList.get(allocationId, recipientId, scope)
      : undefined;
    if (!found) {
      throw new DomainError('NOT_FOUND', `No proposed person ${recipientId} in ${allocationId}`);
    }
    return found;
  }

  async allocationRecords(
    kind: RecordListKind,
    allocationId: string,
    query: ScopedListQuery<object>,
  ) {
    return this.recordList.list(kind, await this.existingAllocation(allocationId), query);
  }

  async programmeRecords(
    kind: RecordListKind,
    programmeId: string,
    query: ScopedListQuery<StepRecordFilters>,
  ) {
    const programId = programmeId.replace(/^programme-/, '');
    await this.temporal.requireWorkflow(`programme-${programId}`);
    return this.recordList.list(kind, { programId }, query);
  }

  sk(query: ScopedListQuery<SkFilters>) {
    return this.skList.list(query);
  }

  async skRecipients(skId: string, query: ScopedListQuery<SkRecipientFilters>) {
    if (!(await this.skList.exists(skId))) throw new DomainError('NOT_FOUND', `No SK ${skId}`);
    return this.skList.recipients(skId, query);
  }

  /** The programme and kecamatan an allocation id names, once Temporal confirms it exists. */
  private async existingAllocation(id: string): Promise<Required<RecordTarget>> {
    const target = parseAllocationId(id);
    if (!target) throw new DomainError('NOT_FOUND', `No workflow with id ${id}`);
    await this.temporal.requireWorkflow(id);
    return target;
  }
}
