import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DocumentMediaType, NikDisplay, Rendition } from '@salur/libs/documents/document';
import type { DocumentKind } from '@salur/libs/documents/kinds';

/** One document's place in the registry: the same slot across its versions. */
export interface DocumentSlot {
  readonly programId: string;
  readonly kind: DocumentKind;
  readonly rendition: Rendition;
  /** What it covers: a kelurahan or kecamatan code, or `programme`. */
  readonly subject: string;
}

export interface NewDocument extends DocumentSlot {
  readonly mediaType: DocumentMediaType;
  readonly number: string;
  readonly documentDate: string;
  readonly issuer: string;
  readonly workflowId: string | null;
  readonly kecamatanCode: string | null;
  readonly kelurahanCode: string | null;
  readonly sopStep: string;
  readonly version: number;
  readonly inputsSha256: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly verificationCode: string;
  readonly stepRecordId: string | null;
  readonly supersedesId: string | null;
  readonly generatedBy: string;
  readonly role: string;
}

export interface StoredDocument extends Omit<NewDocument, 'role'> {
  readonly id: string;
  readonly generatedAt: Date;
  /** The version that replaced this one, if any. */
  readonly supersededBy: {
    readonly id: string;
    readonly number: string;
    readonly version: number;
    readonly verificationCode: string;
  } | null;
}

export interface SignedCopy {
  readonly documentId: string;
  readonly evidenceId: string;
  readonly stepRecordId: string;
  readonly recordedAt: Date;
}

export interface AccessEntry {
  readonly documentId: string;
  readonly action: 'generated' | 'downloaded';
  readonly nik: NikDisplay;
  readonly sha256: string;
  readonly actorId: string;
  readonly role: string;
}

const COLUMNS = `d.id, d.kind, d.rendition, d.media_type AS "mediaType", d.number,
  to_char(d.document_date, 'YYYY-MM-DD') AS "documentDate", d.issuer, d.program_id AS "programId",
  d.workflow_id AS "workflowId", d.kecamatan_code AS "kecamatanCode",
  d.kelurahan_code AS "kelurahanCode", d.subject, d.sop_step AS "sopStep", d.version,
  d.inputs_sha256 AS "inputsSha256", d.sha256, d.size_bytes::float8 AS "sizeBytes",
  d.verification_code AS "verificationCode", d.step_record_id AS "stepRecordId",
  d.supersedes_id AS "supersedesId", d.generated_by AS "generatedBy", d.generated_at AS "generatedAt",
  (SELECT json_build_object('id', n.id, 'number', n.number, 'version', n.version,
                            'verificationCode', n.verification_code)
     FROM generated_document n WHERE n.supersedes_id = d.id) AS "supersededBy"`;

/**
 * The registry of generated documents (migration 1764480000000-documents). Rows never
 * change; a new version points at the one it supersedes. The content is on disk, named by
 * its SHA-256 (ContentStore).
 */
@Injectable()
export class DocumentRegistry {
  constructor(private readonly dataSource: DataSource) {}

  /** The latest version in a slot. */
  async current(slot: DocumentSlot): Promise<StoredDocument | undefined> {
    const rows: StoredDocument[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM generated_document d
        WHERE d.program_id = $1 AND d.kind = $2 AND d.rendition = $3 AND d.subject = $4
        ORDER BY d.version DESC LIMIT 1`,
      [slot.programId, slot.kind, slot.rendition, slot.subject],
    );
    return rows[0];
  }

  /**
   * Registers a version once. `storeContent` puts the bytes in place inside the transaction,
   * after the row is inserted and before it commits (a row never points at a missing file);
   * it is not called when that version exists already (a retried or concurrent generation),
   * which is returned instead. The generation is logged with the row.
   */
  async register(
    document: NewDocument,
    storeContent: () => Promise<void>,
  ): Promise<{ document: StoredDocument; created: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO generated_document (kind, rendition, media_type, number, document_date, issuer,
           program_id, workflow_id, kecamatan_code, kelurahan_code, subject, sop_step, version,
           inputs_sha256, sha256, size_bytes, verification_code, step_record_id, supersedes_id,
           generated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
         ON CONFLICT ON CONSTRAINT uq_generated_document_version DO NOTHING
         RETURNING id`,
        [
          document.kind,
          document.rendition,
          document.mediaType,
          document.number,
          document.documentDate,
          document.issuer,
          document.programId,
          document.workflowId,
          document.kecamatanCode,
          document.kelurahanCode,
          document.subject,
          document.sopStep,
          document.version,
          document.inputsSha256,
          document.sha256,
          document.sizeBytes,
          document.verificationCode,
          document.stepRecordId,
          document.supersedesId,
          document.generatedBy,
        ],
      );
      if (inserted.length > 0) {
        await this.log(
          {
            documentId: inserted[0].id,
            action: 'generated',
            nik: 'masked',
            sha256: document.sha256,
            actorId: document.generatedBy,
            role: document.role,
          },
          tx,
        );
        await storeContent();
      }
      const [stored]: StoredDocument[] = await tx.query(
        `SELECT ${COLUMNS} FROM generated_document d
          WHERE d.program_id = $1 AND d.kind = $2 AND d.rendition = $3 AND d.subject = $4
            AND d.version = $5`,
        [document.programId, document.kind, document.rendition, document.subject, document.version],
      );
      return { document: stored, created: inserted.length > 0 };
    });
  }

  /** Who generated or downloaded which document, when, and whether with full NIKs. */
  async log(entry: AccessEntry, tx: EntityManager = this.dataSource.manager): Promise<void> {
    await tx.query(
      `INSERT INTO document_access_log (document_id, action, nik, sha256, actor_id, role)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.documentId, entry.action, entry.nik, entry.sha256, entry.actorId, entry.role],
    );
  }

  async accessLog(documentId: string): Promise<(AccessEntry & { at: Date })[]> {
    return this.dataSource.query(
      `SELECT document_id AS "documentId", action, nik, sha256, actor_id AS "actorId", role, at
         FROM document_access_log WHERE document_id = $1 ORDER BY at, id`,
      [documentId],
    );
  }

  async byCode(code: string): Promise<StoredDocument | undefined> {
    const rows: StoredDocument[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM generated_document d WHERE d.verification_code = $1`,
      [code],
    );
    return rows[0];
  }

  /**
   * The document whose bytes these are: a registered rendition, or a copy with full NIKs
   * handed out (logged with its own SHA-256). The newest first when several match.
   */
  async bySha256(sha256: string): Promise<StoredDocument | undefined> {
    const rows: StoredDocument[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM generated_document d
        WHERE d.sha256 = $1
           OR d.id IN (SELECT l.document_id FROM document_access_log l WHERE l.sha256 = $1)
        ORDER BY d.generated_at DESC LIMIT 1`,
      [sha256],
    );
    return rows[0];
  }

  /** One document, only under its own allocation: another allocation's id is not found. */
  /**
   * A document an allocation may show: its own (kecamatan and kelurahan papers) or one of
   * its programme's papers (no allocation of its own: the Surat Edaran, the SK, the SPK).
   */
  async find(
    workflowId: string,
    programId: string,
    id: string,
  ): Promise<StoredDocument | undefined> {
    const rows: StoredDocument[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM generated_document d
        WHERE d.id = $3 AND (d.workflow_id = $1 OR (d.program_id = $2 AND d.workflow_id IS NULL))`,
      [workflowId, programId, id],
    );
    return rows[0];
  }

  /** One of a programme's own papers (of no single allocation). */
  async findOfProgramme(programId: string, id: string): Promise<StoredDocument | undefined> {
    const rows: StoredDocument[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM generated_document d
        WHERE d.id = $2 AND d.program_id = $1 AND d.workflow_id IS NULL`,
      [programId, id],
    );
    return rows[0];
  }

  /**
   * Every version of the documents an allocation shows: its programme's papers, its own
   * (kecamatan) papers and its kelurahan's, by kind, rendition and version, with the signed
   * copies collected. `kelurahanCode` keeps the kelurahan papers to that one kelurahan.
   */
  async listForAllocation(
    workflowId: string,
    programId: string,
    kelurahanCode?: string,
  ): Promise<{ documents: StoredDocument[]; signedCopies: SignedCopy[] }> {
    const documents: StoredDocument[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM generated_document d
        WHERE (d.workflow_id = $1 AND ($3::varchar IS NULL OR d.kelurahan_code IS NULL
                                      OR d.kelurahan_code = $3))
           OR (d.program_id = $2 AND d.workflow_id IS NULL)
        ORDER BY d.kelurahan_code NULLS FIRST, d.kind, d.subject, d.rendition, d.version`,
      [workflowId, programId, kelurahanCode ?? null],
    );
    return { documents, signedCopies: await this.signedCopiesOf(documents) };
  }

  /** Every version of a programme's own papers (those of no single allocation). */
  async listForProgramme(
    programId: string,
  ): Promise<{ documents: StoredDocument[]; signedCopies: SignedCopy[] }> {
    const documents: StoredDocument[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM generated_document d
        WHERE d.program_id = $1 AND d.workflow_id IS NULL
        ORDER BY d.kind, d.subject, d.rendition, d.version`,
      [programId],
    );
    return { documents, signedCopies: await this.signedCopiesOf(documents) };
  }

  private signedCopiesOf(documents: readonly StoredDocument[]): Promise<SignedCopy[]> {
    return this.dataSource.query(
      `SELECT c.document_id AS "documentId", c.evidence_id AS "evidenceId",
              c.step_record_id AS "stepRecordId", c.recorded_at AS "recordedAt"
         FROM document_signed_copy c
        WHERE c.document_id = ANY($1::uuid[]) ORDER BY c.recorded_at`,
      [documents.map((d) => d.id)],
    );
  }

  /** The current version of each of a kelurahan's documents (one row per kind and rendition). */
  async currentOfKelurahan(
    workflowId: string,
    kelurahanCode: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<StoredDocument[]> {
    return tx.query(
      `SELECT DISTINCT ON (d.kind, d.rendition) ${COLUMNS} FROM generated_document d
        WHERE d.workflow_id = $1 AND d.kelurahan_code = $2
        ORDER BY d.kind, d.rendition, d.version DESC`,
      [workflowId, kelurahanCode],
    );
  }

  /** Links a signed scan to the documents it signs (step 17), once. */
  async recordSignedCopy(
    documentIds: readonly string[],
    evidenceId: string,
    stepRecordId: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO document_signed_copy (document_id, evidence_id, step_record_id)
       SELECT unnest($1::uuid[]), $2, $3
       ON CONFLICT DO NOTHING`,
      [documentIds, evidenceId, stepRecordId],
    );
  }
}
