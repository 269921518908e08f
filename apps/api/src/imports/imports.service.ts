import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import type { AuthUser } from '@salur/libs/domain/auth';
import { ValidationFailed } from '@salur/libs/domain';
import {
  formatOf,
  importExclusionRegister,
  importProposals,
  parseAllocationTarget,
  parseExclusionVersion,
  parseRequestLetter,
  poolConnector,
  type ConnectImportDb,
  type ExclusionImportResult,
  type ImportFile,
  type ProposalImportResult,
} from '@salur/libs/import';
import { TemporalClientProvider } from '@salur/libs/temporal';
import { isRecord } from '@salur/libs/shared';

/** What the upload interceptor leaves on disk for one file (a subset of multer's file). */
export interface UploadedFileInfo {
  readonly path: string;
  readonly originalname: string;
  readonly size: number;
}

type Fields = Record<string, unknown>;

const asFields = (body: unknown): Fields => (isRecord(body) ? body : {});

/**
 * Proposal and exclusion-register files. The upload is spooled to a temporary file by
 * the interceptor (never held in memory), streamed from there by libs/import, and removed.
 * Imports use their own small pool: each holds one connection for its whole COPY.
 */
@Injectable()
export class ImportsService implements OnModuleDestroy {
  private readonly logger = new Logger('Imports');
  private readonly pool: Pool;
  private readonly connect: ConnectImportDb;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly temporal: TemporalClientProvider,
  ) {
    this.pool = new Pool({ connectionString: config.databaseUrl, max: 4 });
    // An idle connection dropped by the server must not take the API down.
    this.pool.on('error', (error) => this.logger.warn(`Import pool: ${error.message}`));
    this.connect = poolConnector(this.pool);
  }

  async proposals(
    allocationId: string,
    upload: UploadedFileInfo | undefined,
    body: unknown,
    user: AuthUser,
  ): Promise<ProposalImportResult> {
    try {
      const target = parseAllocationTarget(allocationId);
      // The submitter is the signed-in user, whatever the form says.
      const letter = parseRequestLetter({ ...asFields(body), submittedBy: user.id });
      const file = this.openUpload(upload);
      await this.temporal.requireWorkflow(target.workflowId);
      const result = await importProposals(this.connect, { target, letter, file });
      this.logger.log(
        `Proposals for ${target.workflowId}: batch ${result.batchId}, ${result.proposedCount} rows` +
          (result.alreadyImported ? ' (file already imported, nothing changed)' : ''),
      );
      return result;
    } finally {
      await this.discard(upload);
    }
  }

  async exclusion(
    register: string,
    upload: UploadedFileInfo | undefined,
    body: unknown,
  ): Promise<ExclusionImportResult> {
    try {
      const version = parseExclusionVersion(register, asFields(body));
      const file = this.openUpload(upload);
      const result = await importExclusionRegister(this.connect, { version, file });
      this.logger.log(
        `Exclusion register ${result.register} "${result.versionLabel}": ${result.entryCount} NIKs` +
          (result.alreadyImported ? ' (file already imported, nothing changed)' : ', now current'),
      );
      return result;
    } finally {
      await this.discard(upload);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }

  private openUpload(upload: UploadedFileInfo | undefined): ImportFile {
    if (!upload) {
      throw new ValidationFailed([
        { field: 'file', reason: 'is required: send the file as multipart field "file"' },
      ]);
    }
    const format = formatOf(upload.originalname);
    return { stream: createReadStream(upload.path), format, fileName: upload.originalname };
  }

  private async discard(upload: UploadedFileInfo | undefined): Promise<void> {
    if (upload) await unlink(upload.path).catch(() => undefined);
  }
}
