import { createHash } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { PassThrough, Transform } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DOCUMENT_KINDS,
  inputsSha256,
  normaliseVerificationCode,
  RENDITIONS,
  type NikDisplay,
} from '@salur/libs/documents';
import { DomainError, ValidationFailed } from '@salur/libs/domain';
import { parseAllocationId } from '@salur/libs/domain/allocation';
import type { AuthUser } from '@salur/libs/domain/auth';
import { fullNikRefusal, mayReadDocument } from '@salur/libs/domain/documents';
import type { DocumentServices, SignedCopy, StoredDocument } from '@salur/libs/persistence';
import { UUID } from '@salur/libs/shared';
import type { ReceivedUpload } from '../evidence/evidence-content';

export const DOCUMENT_SERVICES = 'salur:document-services';

/** What a verification answers: only what the paper itself says, never a person's data. */
export type VerificationView = ReturnType<typeof verificationOf>;

function verificationOf(document: StoredDocument) {
  const kind = DOCUMENT_KINDS[document.kind];
  const current = document.supersededBy === null;
  return {
    status: current ? ('valid' as const) : ('superseded' as const),
    message: current
      ? 'Dokumen ini terdaftar dan berlaku. / This document is registered and in force.'
      : `Dokumen ini telah diganti dengan versi ${document.supersededBy.version}. / ` +
        `This document was superseded by version ${document.supersededBy.version}.`,
    kind: document.kind,
    title: kind.title,
    number: document.number,
    date: document.documentDate,
    issuer: document.issuer,
    version: document.version,
    format: document.rendition,
    verificationCode: document.verificationCode,
    supersededBy: document.supersededBy
      ? {
          number: document.supersededBy.number,
          version: document.supersededBy.version,
          verificationCode: document.supersededBy.verificationCode,
        }
      : null,
  };
}

const readableOf = (document: StoredDocument) => ({
  kelurahanCode: document.kelurahanCode,
  personalData: DOCUMENT_KINDS[document.kind].personalData,
});

/** A document as an allocation's list shows it. */
export type DocumentView = ReturnType<typeof toView>;

function toView(allocationId: string, document: StoredDocument, signed: readonly SignedCopy[]) {
  // A programme paper is fetched through the allocation it was listed for.
  const allocation = `/allocations/${allocationId}`;
  return {
    id: document.id,
    kind: document.kind,
    title: DOCUMENT_KINDS[document.kind].title,
    format: document.rendition,
    mediaType: document.mediaType,
    number: document.number,
    date: document.documentDate,
    version: document.version,
    current: document.supersededBy === null,
    supersededBy: document.supersededBy?.id ?? null,
    sopStep: document.sopStep,
    stepRecordId: document.stepRecordId,
    sha256: document.sha256,
    sizeBytes: document.sizeBytes,
    verificationCode: document.verificationCode,
    verifyUrl: `/verify/${document.verificationCode}`,
    generatedAt: document.generatedAt,
    contentUrl: `${allocation}/documents/${document.id}/content`,
    signed: signed.map((copy) => ({
      evidenceId: copy.evidenceId,
      recordedAt: copy.recordedAt,
      contentUrl: `${allocation}/evidence/${copy.evidenceId}/content`,
    })),
  };
}

/** The bytes of a download: stored, or a copy with full NIKs rendered for this request. */
export interface DocumentDownload {
  readonly fileName: string;
  readonly mediaType: string;
  /** Known for stored content; a rendered copy is streamed as it is made. */
  readonly sha256?: string;
  readonly sizeBytes?: number;
  readonly stream: NodeJS.ReadableStream;
}

/**
 * An allocation's generated documents (docs/documents.md): the list per kelurahan, the
 * download (logged, with full NIKs only for Dinsos staff who ask), and verification by
 * code or by the bytes of a file. The route's guard has checked the caller's area; a
 * kelurahan operator is further kept to its own kelurahan here, answered like an unknown id.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');

  constructor(@Inject(DOCUMENT_SERVICES) private readonly documents: DocumentServices) {}

  async list(allocationId: string, user: AuthUser) {
    const programId = this.programmeOf(allocationId);
    const own = user.role === 'kelurahan_operator' ? user.kelurahanCode : undefined;
    const { documents, signedCopies } = await this.documents.registry.listForAllocation(
      allocationId,
      programId,
      own,
    );
    const view = (document: StoredDocument) =>
      toView(
        allocationId,
        document,
        signedCopies.filter((c) => c.documentId === document.id),
      );
    const readable = documents.filter((d) => mayReadDocument(user, readableOf(d)));
    const byKelurahan = new Map<string, DocumentView[]>();
    for (const document of readable.filter((d) => d.kelurahanCode !== null)) {
      const code = document.kelurahanCode!;
      byKelurahan.set(code, [...(byKelurahan.get(code) ?? []), view(document)]);
    }
    return {
      allocationId,
      programme: readable.filter((d) => d.workflowId === null).map(view),
      kecamatan: readable
        .filter((d) => d.workflowId !== null && d.kelurahanCode === null)
        .map(view),
      kelurahan: [...byKelurahan].map(([kelurahanCode, items]) => ({
        kelurahanCode,
        signed: items.some((d) => d.current && d.signed.length > 0),
        documents: items,
      })),
    };
  }

  /** A programme's own papers (the Surat Edaran, the SK, the SPK), for city-wide roles. */
  async listForProgramme(programId: string) {
    const { documents, signedCopies } = await this.documents.registry.listForProgramme(programId);
    return {
      programId,
      documents: documents.map((document) => ({
        ...toView(
          '',
          document,
          signedCopies.filter((c) => c.documentId === document.id),
        ),
        contentUrl: `/programmes/${programId}/documents/${document.id}/content`,
      })),
    };
  }

  /** The document's bytes; every download is logged with who, when and how NIKs were shown. */
  async download(
    allocationId: string,
    documentId: string,
    user: AuthUser,
    nik: NikDisplay,
  ): Promise<DocumentDownload> {
    return this.deliver(await this.find(allocationId, documentId, user), user, nik);
  }

  /** A programme paper's bytes, for the city-wide roles that list them. */
  async downloadForProgramme(
    programId: string,
    documentId: string,
    user: AuthUser,
    nik: NikDisplay,
  ): Promise<DocumentDownload> {
    const found = UUID.test(documentId)
      ? await this.documents.registry.findOfProgramme(programId, documentId)
      : undefined;
    if (!found) throw new DomainError('NOT_FOUND', `No document ${documentId} for ${programId}`);
    return this.deliver(found, user, nik);
  }

  private async deliver(
    document: StoredDocument,
    user: AuthUser,
    nik: NikDisplay,
  ): Promise<DocumentDownload> {
    const fileName =
      `${DOCUMENT_KINDS[document.kind].label}-${document.subject}-v${document.version}` +
      `${nik === 'full' ? '-nik-lengkap' : ''}.${RENDITIONS[document.rendition].extension}`;
    const entry = {
      documentId: document.id,
      action: 'downloaded' as const,
      nik,
      actorId: user.id,
      role: user.role,
    };
    if (nik === 'masked') {
      const stream = await this.openStored(document);
      await this.documents.registry.log({ ...entry, sha256: document.sha256 });
      return {
        fileName,
        mediaType: document.mediaType,
        sha256: document.sha256,
        sizeBytes: document.sizeBytes,
        stream,
      };
    }
    const refusal = fullNikRefusal(user);
    if (refusal) throw new DomainError('ROLE_NOT_ALLOWED', refusal);
    const input =
      (await this.documents.papers.inputsOf(document)) ??
      (await this.documents.programme.inputsOf(document));
    if (!input || (await inputsSha256(input)) !== document.inputsSha256) {
      throw new DomainError(
        'TRANSITION_REFUSED',
        `the data behind ${document.number} version ${document.version} changed since it was generated; ` +
          'a copy with full NIKs is printed only of a document its data still match',
      );
    }
    // Rendered for this request and streamed as it is made; its SHA-256 is logged once done,
    // so an uploaded copy verifies (POST /verify). It is never stored.
    const hash = createHash('sha256');
    const out = new PassThrough();
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    tap.pipe(out);
    this.documents.generator
      .renderCopy(document, input, 'full', tap)
      .then(() => this.documents.registry.log({ ...entry, sha256: hash.digest('hex') }))
      .then(
        () => this.logger.log(`Document ${document.id} downloaded with full NIKs by ${user.id}`),
        (error: unknown) => {
          this.logger.error(`Document ${document.id}: copy with full NIKs failed`);
          out.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
    return { fileName, mediaType: document.mediaType, stream: out };
  }

  async verifyCode(code: string): Promise<VerificationView> {
    const normalised = normaliseVerificationCode(code);
    if (!normalised) {
      throw new ValidationFailed([
        {
          field: 'code',
          reason: 'must be a verification code like 7KQ2M-XD4PA (10 letters and digits)',
        },
      ]);
    }
    const document = await this.documents.registry.byCode(normalised);
    if (!document)
      throw new DomainError('NOT_FOUND', `No document with verification code ${normalised}`);
    return verificationOf(document);
  }

  /** Whether these bytes are a document Salur issued: by SHA-256, so one changed byte fails. */
  async verifyUpload(upload: ReceivedUpload | undefined) {
    try {
      if (!upload || upload.size === 0) {
        throw new ValidationFailed([
          { field: 'file', reason: 'is required: send the document as multipart field "file"' },
        ]);
      }
      const document = await this.documents.registry.bySha256(upload.sha256);
      if (!document) {
        return {
          verified: false as const,
          sha256: upload.sha256,
          message:
            'Berkas ini tidak sama dengan dokumen mana pun yang diterbitkan Salur. / ' +
            'This file matches no document Salur issued.',
        };
      }
      return { verified: true as const, sha256: upload.sha256, ...verificationOf(document) };
    } finally {
      await this.documents.store.discard(upload?.path);
    }
  }

  private async find(allocationId: string, documentId: string, user: AuthUser) {
    const programId = this.programmeOf(allocationId);
    const found = UUID.test(documentId)
      ? await this.documents.registry.find(allocationId, programId, documentId)
      : undefined;
    // A paper the caller may not read is answered as not there, like another area's.
    if (!found || !mayReadDocument(user, readableOf(found))) {
      throw new DomainError('NOT_FOUND', `No document ${documentId} for ${allocationId}`);
    }
    return found;
  }

  private programmeOf(allocationId: string): string {
    const parsed = parseAllocationId(allocationId);
    if (!parsed) throw new DomainError('NOT_FOUND', `No workflow with id ${allocationId}`);
    return parsed.programId;
  }

  private async openStored(document: StoredDocument): Promise<ReadStream> {
    try {
      return await this.documents.store.openVerified(document.sha256);
    } catch (error) {
      this.logger.error(`Document ${document.id}: stored content is damaged or missing`);
      throw error;
    }
  }
}
