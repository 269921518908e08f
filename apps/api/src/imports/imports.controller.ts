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
import type { Response } from 'express';
import type { AuthUser } from '../../../../libs/domain/auth';
import { AreaScope, Roles } from '../auth/access.decorators';
import { CurrentUser } from '../auth/current-user.decorator';
import { UploadTooLargeFilter } from './upload-too-large.filter';
import { ImportsService, type UploadedFileInfo } from './imports.service';

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

// Spooled to disk, never buffered in memory; one file and a few text fields per request.
const fileUpload = FileInterceptor('file', {
  dest: tmpdir(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 },
});

/** 201 when the file was applied, 200 when the same file had already been applied. */
@Controller()
@UseFilters(UploadTooLargeFilter)
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Multipart: file, letterNo, letterDate, acknowledgedByCamat; the submitter is the caller. */
  @Post('allocations/:id/proposals/import')
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
