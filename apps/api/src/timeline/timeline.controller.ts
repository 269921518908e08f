import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TIMELINE_LIST } from '@salur/libs/domain/timeline';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import { AreaScope, Roles } from '../auth/access.decorators';
import { ListEndpoint, ListQuery } from '../lists/list-endpoint.decorator';
import { TIMELINE_DOCS } from './timeline-examples';
import { TimelineService } from './timeline.service';

/** Who reads a timeline: the city-wide roles and the kecamatan's own operators; the auditor reads every GET. */
const READERS = ['dinsos_admin', 'tim_data', 'kecamatan_operator', 'kelurahan_operator'] as const;

/** An allocation's steps in order: scoped to its kecamatan like every `:id` route. */
@ApiTags('allocations')
@ApiBearerAuth()
@Controller('allocations')
@AreaScope('allocation')
export class AllocationTimelineController {
  constructor(private readonly timelines: TimelineService) {}

  @Get(':id/timeline')
  @Roles(...READERS)
  @ListEndpoint(TIMELINE_LIST, TIMELINE_DOCS)
  timeline(@Param('id') id: string, @ListQuery() query: ScopedListQuery<object>) {
    return this.timelines.page(id, query);
  }
}

/** A programme's steps across its kecamatan: city-wide roles only (no @AreaScope). */
@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammeTimelineController {
  constructor(private readonly timelines: TimelineService) {}

  @Get(':id/timeline')
  @Roles('dinsos_admin', 'tim_data')
  @ListEndpoint(TIMELINE_LIST, TIMELINE_DOCS)
  timeline(@Param('id') id: string, @ListQuery() query: ScopedListQuery<object>) {
    return this.timelines.page(id, query);
  }
}
