import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  SK_LIST,
  SK_RECIPIENT_LIST,
  type SkFilters,
  type SkRecipientFilters,
} from '@salur/libs/domain/list-specs';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import { AreaScope, Roles } from '../auth/access.decorators';
import { SK_DOCS, SK_RECIPIENT_DOCS } from './list-examples';
import { ListEndpoint, ListQuery } from './list-endpoint.decorator';
import { RecordListsService } from './record-lists.service';

/**
 * SKs page by page (the detail, verification and amendments stay in SkController). The
 * documents are city-wide; their recipients are listed to area roles for their kecamatan.
 */
@ApiTags('sk')
@ApiBearerAuth()
@Controller('sk')
@Roles('dinsos_admin', 'tim_data', 'sk_approver')
export class SkListsController {
  constructor(private readonly records: RecordListsService) {}

  @Get()
  @ListEndpoint(SK_LIST, SK_DOCS)
  list(@ListQuery() query: ScopedListQuery<SkFilters>) {
    return this.records.sk(query);
  }

  @Get(':id/recipients')
  @Roles('dinsos_admin', 'tim_data', 'sk_approver', 'kecamatan_operator', 'kelurahan_operator')
  @AreaScope('list')
  @ListEndpoint(SK_RECIPIENT_LIST, SK_RECIPIENT_DOCS)
  recipients(@Param('id') id: string, @ListQuery() query: ScopedListQuery<SkRecipientFilters>) {
    return this.records.skRecipients(id, query);
  }
}
