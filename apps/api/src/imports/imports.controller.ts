import { tmpdir } from 'node:os';
import {
  Body,
  Controller,
  Param,
  Post,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-docs.decorators';
import type { Response } from 'express';
import type { AuthUser } from '@salur/libs/domain/auth';
import { AreaScope, Roles } from '../auth/access.decorators';
import { CurrentUser } from '../auth/current-user.decorator';
import { UploadTooLargeFilter } from './upload-too-large.filter';
import { ImportsService, type UploadedFileInfo } from './imports.service';

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const PROPOSAL_IMPORT_EXAMPLE = {
  alreadyImported: false,
  batchId: '5f0c6a38-2f4e-4a57-9c43-3f0d6f1d2a11',
  proposedCount: 5600,
  sha256: '9b74c9897bac770ffc029102a200c5de8c3e3b1d5e0f6a2d3a9a1f4c1d2e3f4a',
  uploadId: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a',
};

// Spooled to disk, never buffered in memory; one file and a few text fields per request.
const fileUpload = FileInterceptor('file', {
  dest: tmpdir(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 },
});

/** 201 when the file was applied, 200 when the same file had already been applied. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller()
@UseFilters(UploadTooLargeFilter)
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Multipart: file, letterNo, letterDate, acknowledgedByCamat; the submitter is the caller. */
  @Post('allocations/:id/proposals/import')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'letterNo', 'letterDate', 'acknowledgedByCamat'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'Sidaksos template, .csv or .xlsx' },
        letterNo: { type: 'string', example: '460/33.74.01/2021' },
        letterDate: { type: 'string', format: 'date', example: '2021-07-12' },
        acknowledgedByCamat: { type: 'boolean', example: true },
      },
    },
  })
  @ApiResponse({
    status: 201,
    description: 'Applied',
    content: { 'application/json': { example: PROPOSAL_IMPORT_EXAMPLE } },
  })
  @ApiResponse({ status: 200, description: 'The same file was applied before; nothing changed' })
  @ApiErrors(400, 403, 404, 413)
  @AreaScope('allocation')
  @Roles('kecamatan_operator', 'tim_data')
  @UseInterceptors(fileUpload)
  async proposals(
    @Param('id') id: string,
    @UploadedFile() file: UploadedFileInfo | undefined,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.imports.proposals(id, file, body, user);
    response.status(result.alreadyImported ? 200 : 201);
    return result;
  }

  /** Multipart: file, versionLabel, validOn, source. */
  @Post('exclusion-registers/:register/import')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'versionLabel', 'validOn', 'source'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'columns nik,nama; .csv or .xlsx' },
        versionLabel: { type: 'string', example: 'PKH Juli 2021' },
        validOn: { type: 'string', format: 'date', example: '2021-07-01' },
        source: { type: 'string', example: 'Data PKH Kemensos, 2021-07-01' },
      },
    },
  })
  @ApiErrors(400, 403, 413)
  @Roles('tim_data', 'dinsos_admin')
  @UseInterceptors(fileUpload)
  async exclusion(
    @Param('register') register: string,
    @UploadedFile() file: UploadedFileInfo | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.imports.exclusion(register, file, body);
    response.status(result.alreadyImported ? 200 : 201);
    return result;
  }
}
