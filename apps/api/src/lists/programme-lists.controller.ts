import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  PROGRAMME_LIST,
  programmeRecordList,
  type ProgrammeFilters,
  type StepRecordFilters,
} from '@salur/libs/domain/list-specs';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import { AreaScope } from '../auth/access.decorators';
import { PROGRAMME_DOCS } from './list-examples';
import { ListEndpoint, ListQuery } from './list-endpoint.decorator';
import { RecordListEndpoint } from './record-list.decorator';
import { RecordListsService } from './record-lists.service';
import { VisibilityListsService } from './visibility-lists.service';

type Records = ScopedListQuery<StepRecordFilters>;

/**
 * The list of programmes (city-wide roles; an area role finds its programmes through
 * GET /allocations), and each kind of step record across a programme's allocations,
 * which area roles read for their own kecamatan only.
 */
@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammeListsController {
  constructor(
    private readonly visibility: VisibilityListsService,
    private readonly records: RecordListsService,
  ) {}

  @Get()
  @ListEndpoint(PROGRAMME_LIST, PROGRAMME_DOCS)
  list(@ListQuery() query: ScopedListQuery<ProgrammeFilters>) {
    return this.visibility.programmes(query);
  }

  @RecordListEndpoint('packing', programmeRecordList('packing'))
  @AreaScope('list')
  packing(@Param('id') id: string, @ListQuery() query: Records) {
    return this.records.programmeRecords('packing', id, query);
  }

  @RecordListEndpoint('inspections', programmeRecordList('inspections'))
  @AreaScope('list')
  inspections(@Param('id') id: string, @ListQuery() query: Records) {
    return this.records.programmeRecords('inspections', id, query);
  }

  @RecordListEndpoint('delivery-schedules', programmeRecordList('delivery-schedules'))
  @AreaScope('list')
  deliverySchedules(@Param('id') id: string, @ListQuery() query: Records) {
    return this.records.programmeRecords('delivery-schedules', id, query);
  }

  @RecordListEndpoint('deliveries', programmeRecordList('deliveries'))
  @AreaScope('list')
  deliveries(@Param('id') id: string, @ListQuery() query: Records) {
    return this.records.programmeRecords('deliveries', id, query);
  }

  @RecordListEndpoint('complaints', programmeRecordList('complaints'))
  @AreaScope('list')
  complaints(@Param('id') id: string, @ListQuery() query: Records) {
    return this.records.programmeRecords('complaints', id, query);
  }
}
