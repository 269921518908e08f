import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Post,
  Res,
  StreamableFile,
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
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '@salur/libs/domain/auth';
import {
  EVIDENCE_KIND_NAMES,
  EVIDENCE_MEDIA_TYPES,
  EVIDENCE_UPLOADERS,
  MAX_EVIDENCE_NOTE,
} from '@salur/libs/domain/evidence';
import { EVIDENCE_LIST } from '@salur/libs/domain/list-specs';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import { AreaScope, Roles } from '../auth/access.decorators';
import { ListEndpoint, ListQuery } from '../lists/list-endpoint.decorator';
import { CurrentUser } from '../auth/current-user.decorator';
import type { ReceivedUpload } from './evidence-content';
import { EvidenceUploadFilter } from './evidence-upload.filter';
import { EvidenceService } from './evidence.service';

const EXAMPLE_SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const EXAMPLE = {
  id: '4a0f6c1e-2b7d-4c55-9b0e-6f1d2a3b4c5d',
  allocationId: 'allocation-jps-2021-33.74.01',
  kecamatanCode: '33.74.01',
  kelurahanCode: '33.74.01.1001',
  kind: 'signed_bast',
  step: 'collection',
  mediaType: 'application/pdf',
  sizeBytes: 482113,
  sha256: EXAMPLE_SHA,
  fileName: 'BAST_kelurahan_1001.pdf',
  uploadedBy: '0d6f1c2e-8a7b-4c3d-9e0f-1a2b3c4d5e6f',
  role: 'tim_distribusi',
  uploadedAt: '2021-08-02T03:14:07.000Z',
  note: 'BAST ditandatangani lurah',
  contentUrl: `/allocations/allocation-jps-2021-33.74.01/evidence/4a0f6c1e-2b7d-4c55-9b0e-6f1d2a3b4c5d/content`,
};
const refusal = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  example: { code, message, ...extra },
});

/**
 * Evidence of an allocation: photos and signed scans. Every route is scoped to the
 * kecamatan of `:id` (out of area: 404); the auditor reads and never uploads.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@ApiParam({ name: 'id', example: EXAMPLE.allocationId, description: 'allocation id' })
@Controller('allocations/:id/evidence')
@AreaScope('allocation')
@UseFilters(EvidenceUploadFilter)
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** 201 for a new record, 200 when the same bytes were already recorded for this kind. */
  @Post()
  @Roles(...EVIDENCE_UPLOADERS)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Attach a photo or signed scan to the allocation',
    description:
      'JPEG, PNG or PDF, told by the first bytes of the file; at most EVIDENCE_MAX_BYTES ' +
      '(10 MB by default). Who may upload which kind: docs/evidence.md. The uploader is ' +
      'the caller (from the token).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: { type: 'string', enum: EVIDENCE_KIND_NAMES, example: 'signed_bast' },
        kelurahanCode: {
          type: 'string',
          example: '33.74.01.1001',
          description: "a kelurahan of the allocation's kecamatan; a kelurahan operator's own",
        },
        note: { type: 'string', maxLength: MAX_EVIDENCE_NOTE },
      },
    },
  })
  @ApiResponse({ status: 201, description: 'recorded', schema: { example: EXAMPLE } })
  @ApiResponse({
    status: 200,
    description: 'the same content was already recorded for this allocation and kind',
    schema: { example: EXAMPLE },
  })
  @ApiResponse({
    status: 400,
    schema: refusal('VALIDATION_FAILED', 'file: is empty', {
      fields: [{ field: 'file', reason: 'is empty' }],
    }),
  })
  @ApiResponse({
    status: 403,
    schema: refusal(
      'ROLE_NOT_ALLOWED',
      'role rekanan may not upload signed_bast; allowed: tim_distribusi, ...',
    ),
  })
  @ApiResponse({ status: 404, schema: refusal('NOT_FOUND', 'No workflow with id ...') })
  @ApiResponse({
    status: 413,
    schema: refusal(
      'UPLOAD_TOO_LARGE',
      'file: is larger than the 10 MB evidence limit (10485760 bytes); scan at a lower resolution or split the document',
      { limitBytes: 10485760 },
    ),
  })
  @ApiResponse({
    status: 415,
    schema: refusal(
      'UNSUPPORTED_MEDIA_TYPE',
      'file: is not a JPEG, PNG or PDF file (judged by its content, not its name or Content-Type)',
      { accepted: Object.keys(EVIDENCE_MEDIA_TYPES) },
    ),
  })
  async upload(
    @Param('id') id: string,
    @UploadedFile() file: ReceivedUpload | undefined,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { evidence, created } = await this.evidence.upload(id, file, body, user);
    response.status(created ? 201 : 200);
    return evidence;
  }

  @Get()
  @ListEndpoint(EVIDENCE_LIST, {
    summary: "The allocation's evidence, newest first",
    item: EXAMPLE,
  })
  list(@Param('id') id: string, @ListQuery() query: ScopedListQuery<object>) {
    return this.evidence.list(id, query);
  }

  @Get(':evidenceId')
  @ApiOperation({ summary: 'One evidence record (metadata)' })
  @ApiResponse({ status: 200, schema: { example: EXAMPLE } })
  @ApiResponse({ status: 404, schema: refusal('NOT_FOUND', 'No evidence ... for ...') })
  get(@Param('id') id: string, @Param('evidenceId') evidenceId: string) {
    return this.evidence.get(id, evidenceId);
  }

  /**
   * The file, as an attachment with its media type. The stored bytes are checked against
   * their SHA-256 before they are sent; ETag and X-Content-SHA256 carry the hash.
   */
  @Get(':evidenceId/content')
  @ApiOperation({ summary: 'Download the file (checked against its SHA-256 first)' })
  @ApiProduces(...Object.keys(EVIDENCE_MEDIA_TYPES))
  @ApiResponse({
    status: 200,
    description: 'the bytes; headers ETag and X-Content-SHA256 carry the SHA-256',
  })
  @ApiResponse({ status: 304, description: 'If-None-Match named this content' })
  async content(
    @Param('id') id: string,
    @Param('evidenceId') evidenceId: string,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-none-match') ifNoneMatch?: string,
  ): Promise<StreamableFile | undefined> {
    const { evidence, stream } = await this.evidence.open(id, evidenceId);
    const etag = `"${evidence.sha256}"`;
    response.setHeader('ETag', etag);
    response.setHeader('X-Content-SHA256', evidence.sha256);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-cache');
    const known = (ifNoneMatch ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (known.includes(etag)) {
      response.status(304);
      return undefined;
    }
    // The stored name holds only [A-Za-z0-9._-], so it needs no quoting beyond this.
    return new StreamableFile(await stream(), {
      type: evidence.mediaType,
      length: evidence.sizeBytes,
      disposition: `attachment; filename="${evidence.fileName}"`,
    });
  }
}
