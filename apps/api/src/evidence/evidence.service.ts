import type { ReadStream } from 'node:fs';
import { Inject, Injectable, Logger, UnsupportedMediaTypeException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import { DomainError, ValidationFailed } from '@salur/libs/domain';
import { kecamatanOfAllocationId, type AuthUser } from '@salur/libs/domain/auth';
import {
  ACCEPTED_FILE_TYPES,
  evidenceUploadRefusal,
  parseEvidenceFields,
  sanitiseFileName,
  sniffMediaType,
  stepOfEvidence,
} from '@salur/libs/domain/evidence';
import { EvidenceRepository, RegionRepository, type StoredEvidence } from '@salur/libs/persistence';
import type { Page } from '@salur/libs/domain/listing';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import { TemporalClientProvider } from '@salur/libs/temporal';
import { EvidenceContentStore, type ReceivedUpload } from './evidence-content';
import { UUID } from '@salur/libs/shared';

/** An evidence record as the API shows it. */
export type EvidenceView = ReturnType<typeof toView>;

function toView(evidence: StoredEvidence) {
  return {
    id: evidence.id,
    allocationId: evidence.workflowId,
    kecamatanCode: evidence.kecamatanCode,
    kelurahanCode: evidence.kelurahanCode,
    kind: evidence.kind,
    step: stepOfEvidence(evidence.kind) ?? null,
    mediaType: evidence.mediaType,
    sizeBytes: evidence.sizeBytes,
    sha256: evidence.sha256,
    fileName: evidence.originalName,
    uploadedBy: evidence.uploadedBy,
    role: evidence.role,
    uploadedAt: evidence.uploadedAt,
    note: evidence.note,
    contentUrl: `/allocations/${evidence.workflowId}/evidence/${evidence.id}/content`,
  };
}

/**
 * Evidence of an allocation (docs/evidence.md). The route's guard has checked the caller's
 * area and that its role uploads some kind; this service checks the kind, the kelurahan
 * and the bytes, then records the file once. Logs name ids, kinds and sizes, never a
 * client's file name.
 */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger('Evidence');
  private readonly content: EvidenceContentStore;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly evidence: EvidenceRepository,
    private readonly regions: RegionRepository,
    private readonly temporal: TemporalClientProvider,
  ) {
    this.content = new EvidenceContentStore(config.evidence.dir);
  }

  /** Whatever happens, the received temporary file is gone afterwards (moved or removed). */
  async upload(
    allocationId: string,
    upload: ReceivedUpload | undefined,
    body: unknown,
    user: AuthUser,
  ): Promise<{ evidence: EvidenceView; created: boolean }> {
    try {
      return await this.record(allocationId, upload, body, user);
    } finally {
      await this.content.discard(upload?.path);
    }
  }

  async list(allocationId: string, query: ScopedListQuery<object>): Promise<Page<EvidenceView>> {
    const page = await this.evidence.list(allocationId, query);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async get(allocationId: string, evidenceId: string): Promise<EvidenceView> {
    return toView(await this.find(allocationId, evidenceId));
  }

  /** The record and its content, checked against its SHA-256 before it is served. */
  async open(
    allocationId: string,
    evidenceId: string,
  ): Promise<{ evidence: EvidenceView; stream: () => Promise<ReadStream> }> {
    const evidence = await this.find(allocationId, evidenceId);
    return {
      evidence: toView(evidence),
      stream: async () => {
        try {
          return await this.content.openVerified(evidence.sha256);
        } catch (error) {
          this.logger.error(`Evidence ${evidence.id}: stored content is damaged or missing`);
          throw error;
        }
      },
    };
  }

  private async record(
    allocationId: string,
    upload: ReceivedUpload | undefined,
    body: unknown,
    user: AuthUser,
  ): Promise<{ evidence: EvidenceView; created: boolean }> {
    const kecamatanCode = kecamatanOfAllocationId(allocationId);
    if (!kecamatanCode) throw new DomainError('NOT_FOUND', `No workflow with id ${allocationId}`);
    if (!upload) {
      throw new ValidationFailed([
        { field: 'file', reason: 'is required: send the file as multipart field "file"' },
      ]);
    }
    const fields = parseEvidenceFields(body);
    // A kelurahan operator's evidence is its kelurahan's unless it names one.
    const kelurahanCode =
      fields.kelurahanCode ?? (user.role === 'kelurahan_operator' ? user.kelurahanCode : undefined);
    const refusal = evidenceUploadRefusal(user, fields.kind, kelurahanCode);
    if (refusal) throw new DomainError('ROLE_NOT_ALLOWED', refusal);

    if (upload.size === 0) {
      throw new ValidationFailed([{ field: 'file', reason: 'is empty' }]);
    }
    const mediaType = sniffMediaType(upload.head);
    if (!mediaType) {
      throw new UnsupportedMediaTypeException(
        `is not a ${ACCEPTED_FILE_TYPES} file (judged by its content, not its name or Content-Type)`,
      );
    }
    await this.temporal.requireWorkflow(allocationId);
    if (kelurahanCode) await this.requireKelurahanOf(kecamatanCode, kelurahanCode);

    const { evidence, created } = await this.evidence.recordOnce(
      {
        workflowId: allocationId,
        kecamatanCode,
        kelurahanCode: kelurahanCode ?? null,
        kind: fields.kind,
        mediaType,
        sizeBytes: upload.size,
        sha256: upload.sha256,
        originalName: sanitiseFileName(upload.originalname, mediaType),
        uploadedBy: user.id,
        role: user.role,
        note: fields.note ?? null,
      },
      () => this.content.commit(upload),
    );
    this.logger.log(
      `Evidence ${evidence.id} (${evidence.kind}, ${evidence.mediaType}, ${evidence.sizeBytes} bytes) ` +
        `for ${allocationId}` +
        (created ? '' : ': same content already recorded, nothing changed'),
    );
    return { evidence: toView(evidence), created };
  }

  private async find(allocationId: string, evidenceId: string): Promise<StoredEvidence> {
    const found = UUID.test(evidenceId)
      ? await this.evidence.find(allocationId, evidenceId)
      : undefined;
    if (!found) {
      throw new DomainError('NOT_FOUND', `No evidence ${evidenceId} for ${allocationId}`);
    }
    return found;
  }

  private async requireKelurahanOf(kecamatanCode: string, kelurahanCode: string): Promise<void> {
    const kelurahan = await this.regions.listKelurahan(kecamatanCode);
    if (!kelurahan.some((region) => region.code === kelurahanCode)) {
      throw new ValidationFailed([
        {
          field: 'kelurahanCode',
          reason: `must be a kelurahan code of kecamatan ${kecamatanCode}`,
        },
      ]);
    }
  }
}
