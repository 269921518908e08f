import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ALLOCATION_LIST,
  allocationRecordList,
  PROPOSAL_LIST,
  type AllocationFilters,
  type ProposalFilters,
} from '@salur/libs/domain/list-specs';
import type { ReadScope, ScopedListQuery } from '@salur/libs/domain/read-scope';
import { AreaScope, Roles } from '../auth/access.decorators';
import { CurrentReadScope } from '../auth/current-user.decorator';
import { ALLOCATION_DOCS, PROPOSAL_DETAIL_EXAMPLE, PROPOSAL_DOCS } from './list-examples';
import { ListEndpoint, ListQuery } from './list-endpoint.decorator';
import { RecordListEndpoint } from './record-list.decorator';
import { RecordListsService } from './record-lists.service';
import { VisibilityListsService } from './visibility-lists.service';

type Records = ScopedListQuery<object>;

/**
 * Lists of allocations and of what each allocation's steps recorded. Routes under `:id`
 * are scoped to that allocation by the guard (its kecamatan, or a rekanan's contracts);
 * the list of allocations by the caller's read scope.
 */
@ApiTags('allocations')
@ApiBearerAuth()
@Controller('allocations')
@AreaScope('allocation')
export class AllocationListsController {
  constructor(
    private readonly visibility: VisibilityListsService,
    private readonly records: RecordListsService,
  ) {}

  @Get()
  @AreaScope('list')
  @ListEndpoint(ALLOCATION_LIST, ALLOCATION_DOCS)
  list(@ListQuery() query: ScopedListQuery<AllocationFilters>) {
    return this.visibility.allocations(query);
  }

  @Get(':id/proposals')
  @Roles('dinsos_admin', 'tim_data', 'kecamatan_operator', 'kelurahan_operator')
  @ListEndpoint(PROPOSAL_LIST, PROPOSAL_DOCS)
  proposals(@Param('id') id: string, @ListQuery() query: ScopedListQuery<ProposalFilters>) {
    return this.records.proposals(id, query);
  }

  /** By record id (a uuid), never by NIK: a NIK must not appear in a URL or an access log. */
  @Get(':id/proposals/:recipientId')
  @Roles('dinsos_admin', 'tim_data', 'kecamatan_operator', 'kelurahan_operator')
  @ApiOperation({ summary: 'One proposed person with every verval round that judged them' })
  @ApiOkResponse({ example: PROPOSAL_DETAIL_EXAMPLE })
  proposal(
    @Param('id') id: string,
    @Param('recipientId') recipientId: string,
    @CurrentReadScope() scope: ReadScope,
  ) {
    return this.records.proposal(id, recipientId, scope);
  }

  @RecordListEndpoint('packing', allocationRecordList('packing'))
  packing(@Param('id') id: string, @ListQuery() query: Records) {
    return this.records.allocationRecords('packing', id, query);
  }

  @RecordListEndpoint('inspections', allocationRecordList('inspections'))
  inspections(@Param('id') id: string, @ListQuery() query: Records) {
    return this.records.allocationRecords('inspections', id, query);
  }

  @RecordListEndpoint('delivery-schedules', allocationRecordList('delivery-schedules'))
  deliverySchedules(@Param('id') id: string, @ListQuery() query: Records) {
    return this.records.allocationRecords('delivery-schedules', id, query);
  }

  @RecordListEndpoint('deliveries', allocationRecordList('deliveries'))
  deliveries(@Param('id') id: string, @ListQuery() query: Records) {
    return this.records.allocationRecords('deliveries', id, query);
  }

  @RecordListEndpoint('complaints', allocationRecordList('complaints'))
  complaints(@Param('id') id: string, @ListQuery() query: Records) {
    return this.records.allocationRecords('complaints', id, query);
  }
}
