import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EvidenceKind, EvidenceMediaType } from '../domain/evidence';
import type { Page } from '../domain/listing';
import type { ScopedListQuery } from '../domain/read-scope';
import { keysetPage, type KeysetList } from './lists/keyset-page';

export interface NewEvidence {
  workflowId: string;
  kecamatanCode: string;
  kelurahanCode: string | null;
  kind: EvidenceKind;
  mediaType: EvidenceMediaType;
  sizeBytes: number;
  sha256: string;
  originalName: string;
  uploadedBy: string;
  role: string;
  note: string | null;
}

export interface StoredEvidence extends NewEvidence {
  id: string;
  uploadedAt: Date;
}

const COLUMNS = `id, workflow_id AS "workflowId", kecamatan_code AS "kecamatanCode",
  kelurahan_code AS "kelurahanCode", kind, media_type AS "mediaType",
  size_bytes::float8 AS "sizeBytes", sha256, original_name AS "originalName",
  uploaded_by AS "uploadedBy", role, uploaded_at AS "uploadedAt", note`;

const EVIDENCE_LIST: KeysetList = {
  select: COLUMNS,
  from: 'evidence',
  kecamatanColumn: 'kecamatan_code',
  allocationColumn: 'workflow_id',
  // A kelurahan operator reads all of its kecamatan's evidence, as the route allows.
  kelurahanColumn: null,
  order: [
    { sql: 'uploaded_at', kind: 'timestamp' },
    { sql: 'id', kind: 'uuid' },
  ],
  descending: true,
};

/** Evidence records (the content itself is on disk, named by its SHA-256). */
@Injectable()
export class EvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the evidence once per allocation, kind and content. `storeContent` runs inside
   * the transaction, after the row is inserted and before it commits, so a row is never
   * visible without its file; it is not called when the record already exists. Two uploads
   * of the same bytes at once: the second waits on the first's row and gets it back.
   */
  async recordOnce(
    evidence: NewEvidence,
    storeContent: () => Promise<void>,
  ): Promise<{ evidence: StoredEvidence; created: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const inserted: StoredEvidence[] = await tx.query(
        `INSERT INTO evidence (workflow_id, kecamatan_code, kelurahan_code, kind, media_type,
           size_bytes, sha256, original_name, uploaded_by, role, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT ON CONSTRAINT uq_evidence_content DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          evidence.workflowId,
          evidence.kecamatanCode,
          evidence.kelurahanCode,
          evidence.kind,
          evidence.mediaType,
          evidence.sizeBytes,
          evidence.sha256,
          evidence.originalName,
          evidence.uploadedBy,
          evidence.role,
          evidence.note,
        ],
      );
      if (inserted.length > 0) {
        await storeContent();
        return { evidence: inserted[0], created: true };
      }
      const existing: StoredEvidence[] = await tx.query(
        `SELECT ${COLUMNS} FROM evidence WHERE workflow_id = $1 AND kind = $2 AND sha256 = $3`,
        [evidence.workflowId, evidence.kind, evidence.sha256],
      );
      return { evidence: existing[0], created: false };
    });
  }

  /** One page of the allocation's evidence, newest first. */
  list(workflowId: string, query: ScopedListQuery<object>): Promise<Page<StoredEvidence>> {
    return keysetPage<StoredEvidence>(this.dataSource, EVIDENCE_LIST, query, (params) => [
      `workflow_id = ${params.add(workflowId)}`,
    ]);
  }

  /** The newest evidence of a kind for one kelurahan of the allocation (a signed scan). */
  async latestFor(
    workflowId: string,
    kind: EvidenceKind,
    kelurahanCode: string,
  ): Promise<StoredEvidence | undefined> {
    const rows: StoredEvidence[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM evidence
        WHERE workflow_id = $1 AND kind = $2 AND kelurahan_code = $3
        ORDER BY uploaded_at DESC, id DESC LIMIT 1`,
      [workflowId, kind, kelurahanCode],
    );
    return rows[0];
  }

  /** One record, only under its own allocation: another allocation's id is not found. */
  async find(workflowId: string, id: string): Promise<StoredEvidence | undefined> {
    const rows: StoredEvidence[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM evidence WHERE workflow_id = $1 AND id = $2`,
      [workflowId, id],
    );
    return rows[0];
  }
}
