import {
  Controller,
  Get,
  Param,
  Post,
  Query,
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
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RENDITIONS } from '@salur/libs/documents';
import { USER_ROLES, type AuthUser } from '@salur/libs/domain/auth';
import { FULL_NIK_READERS, parseNikDisplay } from '@salur/libs/domain/documents';
import { AreaScope, Roles } from '../auth/access.decorators';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import type { ReceivedUpload } from '../evidence/evidence-content';
import { EvidenceUploadFilter } from '../evidence/evidence-upload.filter';
import { DocumentsService, type DocumentDownload } from './documents.service';

const ALLOCATION = 'allocation-jps-2021-33.74.01';
const DOCUMENT_ID = '5b8e0f3a-6c1d-4e2f-9a7b-3c4d5e6f7a8b';
const SHA = '3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea';
const EXAMPLE_DOCUMENT = {
  id: DOCUMENT_ID,
  kind: 'bnba',
  title: 'Daftar Penerima Bantuan (By Name By Address)',
  format: 'pdf',
  mediaType: 'application/pdf',
  number: 'BNBA/33.74.01.1001/JPS-2021',
  date: '2021-07-19',
  version: 1,
  current: true,
  supersededBy: null,
  sopStep: 'bast-bnba',
  stepRecordId: '0e4f3c2b-1a09-4876-b5c4-d3e2f1a0b9c8',
  sha256: SHA,
  sizeBytes: 46753,
  verificationCode: '7KQ2M-XD4PA',
  verifyUrl: '/verify/7KQ2M-XD4PA',
  generatedAt: '2021-07-20T02:11:09.000Z',
  contentUrl: `/allocations/${ALLOCATION}/documents/${DOCUMENT_ID}/content`,
  signed: [
    {
      evidenceId: '4a0f6c1e-2b7d-4c55-9b0e-6f1d2a3b4c5d',
      recordedAt: '2021-08-02T03:15:00.000Z',
      contentUrl: `/allocations/${ALLOCATION}/evidence/4a0f6c1e-2b7d-4c55-9b0e-6f1d2a3b4c5d/content`,
    },
  ],
};
const EXAMPLE_VERIFICATION = {
  status: 'valid',
  message: 'Dokumen ini terdaftar dan berlaku. / This document is registered and in force.',
  kind: 'bnba',
  title: 'Daftar Penerima Bantuan (By Name By Address)',
  number: 'BNBA/33.74.01.1001/JPS-2021',
  date: '2021-07-19',
  issuer: 'Pemerintah Kota Semarang - Dinas Sosial',
  version: 1,
  format: 'pdf',
  verificationCode: '7KQ2M-XD4PA',
  supersededBy: null,
};
const refusal = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  example: { code, message, ...extra },
});

/**
 * An allocation's generated papers (step 6's BNBA and BAST per kelurahan, ...): which exist,
 * generated and signed, and their bytes. Scoped to the kecamatan of `:id` (out of area:
 * 404); a kelurahan operator sees its own kelurahan's only.
 */
@ApiTags('documents')
@ApiBearerAuth()
@ApiParam({ name: 'id', example: ALLOCATION, description: 'allocation id' })
@Controller('allocations/:id/documents')
@AreaScope('allocation')
// Lists of names and addresses are for the SOP's staff and areas, not for the vendor.
@Roles(...USER_ROLES.filter((role) => role !== 'rekanan' && role !== 'system_admin'))
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOperation({
    summary: "The allocation's documents per kelurahan, every version, with the signed copies",
  })
  @ApiResponse({
    status: 200,
    schema: {
      example: {
        allocationId: ALLOCATION,
        programme: [],
        kecamatan: [],
        kelurahan: [
          { kelurahanCode: '33.74.01.1001', signed: true, documents: [EXAMPLE_DOCUMENT] },
        ],
      },
    },
  })
  @ApiResponse({ status: 404, schema: refusal('NOT_FOUND', `No workflow with id ${ALLOCATION}`) })
  list(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.documents.list(id, user);
  }

  /** Logged (who, when, which, NIKs masked or full). */
  @Get(':documentId/content')
  @ApiOperation({
    summary: 'Download a document (PDF or XLSX); NIKs masked unless ?nik=full',
    description:
      `NIKs are printed as the API shows them (last four digits). ?nik=full prints them whole, ` +
      `for ${FULL_NIK_READERS.join(', ')} only, of a document whose data have not changed since ` +
      'it was generated; that copy is rendered for the request and never stored. Every ' +
      'download is logged.',
  })
  @ApiParam({ name: 'documentId', example: DOCUMENT_ID })
  @ApiQuery({
    name: 'nik',
    required: false,
    enum: ['masked', 'full'],
    description: 'how NIKs are printed (default masked)',
  })
  @ApiProduces(...Object.values(RENDITIONS).map((r) => r.mediaType))
  @ApiResponse({ status: 200, description: 'the bytes; a stored one carries X-Content-SHA256' })
  @ApiResponse({
    status: 400,
    schema: refusal(
      'VALIDATION_FAILED',
      'nik: must be "masked" (the default) or "full", given once',
      {
        fields: [{ field: 'nik', reason: 'must be "masked" (the default) or "full", given once' }],
      },
    ),
  })
  @ApiResponse({
    status: 403,
    schema: refusal(
      'ROLE_NOT_ALLOWED',
      'role kecamatan_operator may not print full NIKs; allowed: dinsos_admin, tim_data',
    ),
  })
  @ApiResponse({ status: 404, schema: refusal('NOT_FOUND', `No document ... for ${ALLOCATION}`) })
  @ApiResponse({
    status: 409,
    schema: refusal(
      'TRANSITION_REFUSED',
      'the data behind BNBA/... version 1 changed since it was generated; ...',
    ),
  })
  async content(
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Query('nik') nik: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download = await this.documents.download(id, documentId, user, parseNikDisplay(nik));
    return streamed(download, response);
  }
}

/** A download as the answer: never cached, never sniffed, its SHA-256 when it is known. */
function streamed(download: DocumentDownload, response: Response): StreamableFile {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, no-store');
  if (download.sha256) response.setHeader('X-Content-SHA256', download.sha256);
  return new StreamableFile(download.stream as never, {
    type: download.mediaType,
    ...(download.sizeBytes ? { length: download.sizeBytes } : {}),
    disposition: `attachment; filename="${download.fileName}"`,
  });
}

/**
 * A programme's own papers, of no single kecamatan: the Surat Edaran, the SK with its
 * lampiran, the SPK. For city-wide roles; an area role reads them through its allocation
 * (GET /allocations/:id/documents, `programme`).
 */
@ApiTags('documents')
@ApiBearerAuth()
@ApiParam({ name: 'id', example: 'jps-2021', description: 'programme id' })
@Controller('programmes/:id/documents')
@Roles(...USER_ROLES.filter((role) => role !== 'rekanan' && role !== 'system_admin'))
export class ProgrammeDocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOperation({ summary: "The programme's own papers, every version, with the signed copies" })
  @ApiResponse({
    status: 200,
    schema: { example: { programId: 'jps-2021', documents: [EXAMPLE_DOCUMENT] } },
  })
  list(@Param('id') id: string) {
    return this.documents.listForProgramme(id);
  }

  /** Logged like every download. */
  @Get(':documentId/content')
  @ApiOperation({ summary: 'Download a programme paper; NIKs masked unless ?nik=full' })
  @ApiParam({ name: 'documentId', example: DOCUMENT_ID })
  @ApiQuery({ name: 'nik', required: false, enum: ['masked', 'full'] })
  @ApiProduces(...Object.values(RENDITIONS).map((r) => r.mediaType))
  @ApiResponse({ status: 404, schema: refusal('NOT_FOUND', 'No document ... for jps-2021') })
  async content(
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Query('nik') nik: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download = await this.documents.downloadForProgramme(
      id,
      documentId,
      user,
      parseNikDisplay(nik),
    );
    return streamed(download, response);
  }
}

/**
 * Verification of a printed or downloaded document, open to anyone holding it (no token):
 * the answer says only what the paper itself says — kind, number, date, issuer, version,
 * and whether it is in force or superseded — never a person's data.
 */
@ApiTags('documents')
@Controller('verify')
@Public()
@UseFilters(EvidenceUploadFilter)
export class VerificationController {
  constructor(private readonly documents: DocumentsService) {}

  @Get(':code')
  @ApiOperation({ summary: 'What the document with this verification code is (no token needed)' })
  @ApiParam({ name: 'code', example: '7KQ2M-XD4PA' })
  @ApiResponse({ status: 200, schema: { example: EXAMPLE_VERIFICATION } })
  @ApiResponse({
    status: 400,
    schema: refusal('VALIDATION_FAILED', 'code: must be a verification code like 7KQ2M-XD4PA', {
      fields: [{ field: 'code', reason: 'must be a verification code like 7KQ2M-XD4PA' }],
    }),
  })
  @ApiResponse({
    status: 404,
    schema: refusal('NOT_FOUND', 'No document with verification code 7KQ2M-XD4PA'),
  })
  byCode(@Param('code') code: string) {
    return this.documents.verifyCode(code);
  }

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Is this file a document Salur issued? (no token needed)',
    description:
      "Compares the file's SHA-256 with every registered document (and every copy with full " +
      'NIKs handed out): a file changed by a single byte does not verify.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiResponse({
    status: 200,
    description: 'verified: true with what the document is, or verified: false',
    schema: { example: { verified: true, sha256: SHA, ...EXAMPLE_VERIFICATION } },
  })
  @ApiResponse({
    status: 400,
    schema: refusal('VALIDATION_FAILED', 'file: is required', {
      fields: [{ field: 'file', reason: 'is required' }],
    }),
  })
  async byUpload(
    @UploadedFile() file: ReceivedUpload | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const answer = await this.documents.verifyUpload(file);
    response.status(200);
    return answer;
  }
}
