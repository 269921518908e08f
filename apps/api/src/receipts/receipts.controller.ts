import { tmpdir } from 'node:os';
import {
  Body,
  Catch,
  Controller,
  Get,
  Param,
  PayloadTooLargeException,
  Post,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { USER_ROLES, type AuthUser } from '@salur/libs/domain/auth';
import { RECEIPT_LIST, type ReceiptFilters } from '@salur/libs/domain/list-specs';
import {
  MAX_PROXY_NAME,
  MAX_PROXY_RELATIONSHIP,
  MAX_RECEIPT_NOTE,
  MAX_RECEIPTS_PER_REQUEST,
  NOT_RECEIVED_REASON_NAMES,
  RECEIPT_RECORDERS,
  RECEIPT_STATUS_NAMES,
} from '@salur/libs/domain/receipt';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import { AreaScope, Roles } from '../auth/access.decorators';
import { CurrentReadScope, CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors, ApiExample } from '../http/api-docs.decorators';
import { UploadTooLargeFilter } from '../imports/upload-too-large.filter';
import { ListEndpoint, ListQuery } from '../lists/list-endpoint.decorator';
import type { ReadScope } from '@salur/libs/domain/read-scope';
import { ReceiptsService, type ReceivedSheet } from './receipts.service';
import {
  RECEIPT_LIST_ITEM,
  RECEIPTS_ANSWER,
  RECEIPTS_CONFLICT,
  RECEIPTS_REFUSED,
  RECONCILIATION_ANSWER,
  SHEET_ANSWER,
  SHEET_REFUSED,
} from './receipt-examples';

/** A kelurahan's signed BNBA is hundreds of rows: kilobytes, not megabytes. */
export const MAX_SHEET_BYTES = 20 * 1024 * 1024;

@Catch(PayloadTooLargeException)
class SheetTooLargeFilter extends UploadTooLargeFilter {
  protected override readonly message =
    "The file is larger than the 20 MB limit of a signed BNBA; upload one kelurahan's list";
}

// Spooled to disk, never buffered in memory; one file per request.
const sheetUpload = FileInterceptor('file', {
  dest: tmpdir(),
  limits: { fileSize: MAX_SHEET_BYTES, files: 1, fields: 5, fieldSize: 1024 },
});

/** Everyone who follows distribution reads it; not the rekanan (persons), not system_admin. */
const READERS = USER_ROLES.filter((role) => role !== 'rekanan' && role !== 'system_admin');

const kelurahanParam = ApiParam({
  name: 'kelurahanCode',
  example: '33.74.01.1001',
  description: "a kelurahan of the allocation's kecamatan (a kelurahan operator: its own)",
});

/**
 * Distribution per KPM (SOP step 15, issue 15): each family's receipt of its parcel, and
 * the reconciliation of a kelurahan's and the kecamatan's counts with those receipts.
 * Scoped to the kecamatan of `:id`; a kelurahan operator to its own kelurahan.
 */
@ApiTags('receipts')
@ApiBearerAuth()
@ApiParam({ name: 'id', example: 'allocation-jps-2021-33.74.01', description: 'allocation id' })
@Controller('allocations/:id')
@AreaScope('allocation')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  /** 201 when something was written, 200 when every receipt was recorded already. */
  @Post('kelurahan/:kelurahanCode/receipts')
  @Roles(...RECEIPT_RECORDERS)
  @kelurahanParam
  @ApiOperation({
    summary: "Record KPM receipts of one kelurahan's BNBA, one or many at once",
    description:
      'Each receipt names a person on the BNBA by `nik` or `recipientId`: received, received ' +
      'by a proxy (name and relationship) or not received with a reason. All or nothing; ' +
      'the same receipt again changes nothing; a different one for a person who has one is ' +
      '409 unless it is a correction (`correctsReceiptId`). Open from step 15 until ' +
      'COMPLETE_COLLECTION. docs/receipts.md',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['receipts'],
      properties: {
        receipts: {
          type: 'array',
          minItems: 1,
          maxItems: MAX_RECEIPTS_PER_REQUEST,
          items: {
            type: 'object',
            required: ['status'],
            properties: {
              nik: { type: 'string', description: '16 digits; or recipientId' },
              recipientId: { type: 'string', format: 'uuid', description: 'or nik' },
              status: { type: 'string', enum: RECEIPT_STATUS_NAMES },
              reason: { type: 'string', enum: NOT_RECEIVED_REASON_NAMES },
              proxyName: { type: 'string', maxLength: MAX_PROXY_NAME },
              proxyRelationship: { type: 'string', maxLength: MAX_PROXY_RELATIONSHIP },
              note: { type: 'string', maxLength: MAX_RECEIPT_NOTE },
              evidenceId: {
                type: 'string',
                format: 'uuid',
                description: 'a photo_distribution evidence of this allocation',
              },
              correctsReceiptId: {
                type: 'string',
                format: 'uuid',
                description: 'the receipt in force this one replaces',
              },
            },
          },
        },
      },
    },
    examples: {
      received: { value: { receipts: [{ nik: '3374014107850001', status: 'received' }] } },
      proxy: {
        value: {
          receipts: [
            {
              nik: '3374014107850001',
              status: 'received_by_proxy',
              proxyName: 'Siti Aminah',
              proxyRelationship: 'anak',
            },
          ],
        },
      },
      notReceived: {
        value: {
          receipts: [{ nik: '3374014107850001', status: 'not_received', reason: 'pindah' }],
        },
      },
    },
  })
  @ApiResponse({ status: 201, description: 'recorded', schema: { example: RECEIPTS_ANSWER } })
  @ApiResponse({ status: 200, description: 'every receipt was recorded already' })
  @ApiResponse({ status: 400, schema: { example: RECEIPTS_REFUSED } })
  @ApiResponse({ status: 409, schema: { example: RECEIPTS_CONFLICT } })
  @ApiErrors(401, 403, 404, 503)
  async record(
    @Param('id') id: string,
    @Param('kelurahanCode') kelurahanCode: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.receipts.record(id, kelurahanCode, body, user);
    response.status(result.recorded > 0 ? 201 : 200);
    return result;
  }

  /** Multipart `file`: the signed BNBA (.xlsx) with its "diterima" column filled in. */
  @Post('kelurahan/:kelurahanCode/receipts/import')
  @Roles(...RECEIPT_RECORDERS)
  @UseFilters(SheetTooLargeFilter)
  @UseInterceptors(sheetUpload)
  @kelurahanParam
  @ApiOperation({
    summary: 'Record the receipts of a signed BNBA (XLSX)',
    description:
      'The first sheet; its header row (below any title) names NIK and Diterima, and ' +
      'optionally Alasan, Nama Wakil, Hubungan Wakil, Keterangan. Diterima: ya/y/v/✓/1/' +
      'diterima or tidak/t/0 (with Alasan); empty: not yet. All rows or none; the same ' +
      'file again changes nothing. docs/receipts.md',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'the BNBA, .xlsx' } },
    },
  })
  @ApiResponse({ status: 201, description: 'recorded', schema: { example: SHEET_ANSWER } })
  @ApiResponse({ status: 200, description: 'the same file was recorded before' })
  @ApiResponse({ status: 400, schema: { example: SHEET_REFUSED } })
  @ApiErrors(401, 403, 404, 409, 413, 503)
  async upload(
    @Param('id') id: string,
    @Param('kelurahanCode') kelurahanCode: string,
    @UploadedFile() file: ReceivedSheet | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.receipts.upload(id, kelurahanCode, file, user);
    response.status(result.alreadyImported ? 200 : 201);
    return result;
  }

  @Get('receipts')
  @Roles(...READERS)
  @ListEndpoint(RECEIPT_LIST, {
    summary: "The BNBA's persons with their receipt in force (none yet: null)",
    item: RECEIPT_LIST_ITEM,
  })
  list(@Param('id') id: string, @ListQuery() query: ScopedListQuery<ReceiptFilters>) {
    return this.receipts.list(id, query);
  }

  @Get('receipts/reconciliation')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Per kelurahan: listed, distributed (received, by proxy), returned by reason, pending',
    description:
      "With what RECORD_DISTRIBUTION recorded for each, and the kecamatan's totals (a kelurahan " +
      "operator: its own kelurahan's).",
  })
  @ApiExample('The reconciliation', RECONCILIATION_ANSWER)
  @ApiErrors(401, 403, 404, 503)
  reconciliation(@Param('id') id: string, @CurrentReadScope() scope: ReadScope) {
    return this.receipts.reconciliation(id, scope);
  }
}
