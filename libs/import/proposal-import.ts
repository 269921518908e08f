import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { DomainError } from '../domain/errors';
import { PROPOSAL_COLUMNS } from './columns';
import { inTransaction, type ConnectImportDb } from './db';
import { stageFile, STAGE_TABLE, type ImportFile } from './stage';
import type { AllocationTarget, RequestLetter } from './target';
import {
  digits,
  digits16,
  fieldCount,
  findProblems,
  idNumberValue,
  rejectIfProblems,
  text,
} from './validation';

export interface ProposalImportInput {
  readonly target: AllocationTarget;
  readonly letter: RequestLetter;
  readonly file: ImportFile;
  /** How many row problems to list at most (the totals are always given). */
  readonly maxListedProblems?: number;
}

export interface ProposalImportResult {
  readonly alreadyImported: boolean;
  readonly batchId: string;
  readonly proposedCount: number;
  readonly sha256: string;
  readonly uploadId: string;
}

export const DEFAULT_MAX_LISTED_PROBLEMS = 10_000;

/** Structure only: whether a person qualifies is verval's call, with its own reasons. */
function proposalChecks() {
  return [
    fieldCount(PROPOSAL_COLUMNS.length),
    digits16('nik'),
    digits16('no_kk'),
    text('nama', 200, true),
    text('alamat', 300, true),
    digits('rt', { min: 1, max: 3, reason: 'must be 1-3 digits', required: true }),
    digits('rw', { min: 1, max: 3, reason: 'must be 1-3 digits', required: true }),
    {
      column: 'kode_kelurahan',
      reason: `CASE WHEN s.kode_kelurahan = '' THEN 'is required'
        WHEN k.code IS NULL OR k.level <> 'kelurahan_desa' THEN 'is not a known kelurahan code'
        WHEN k.parent_code <> $1 THEN format('belongs to kecamatan %s, not %s', k.parent_code, $1::text) END`,
      ok: `k.level = 'kelurahan_desa' AND k.parent_code = $1`,
    },
    digits('no_hp', {
      min: 8,
      max: 15,
      reason: 'must be 8-15 digits, optionally starting with +',
      required: false,
      plus: true,
      textOnly: true,
    }),
    text('dampak_covid', 300, true),
  ];
}

/**
 * Imports a kecamatan's proposal file as one new proposal batch of the allocation, with
 * its request letter. All rows or none; the same file again for the same allocation
 * changes nothing and answers with the batch it made the first time.
 */
export async function importProposals(
  connect: ConnectImportDb,
  input: ProposalImportInput,
): Promise<ProposalImportResult> {
  const { target, letter, file } = input;
  return inTransaction(connect, async (client) => {
    await requireKecamatan(client, target.kecamatanCode);
    const staged = await stageFile(client, PROPOSAL_COLUMNS, file);

    const previous = await findUpload(client, target.workflowId, staged.sha256);
    if (previous) return previous;

    rejectIfProblems(
      await findProblems(client, STAGE_TABLE, staged.notes, proposalChecks(), {
        joins: 'LEFT JOIN region k ON k.code = s.kode_kelurahan',
        params: [target.kecamatanCode],
        maxListed: input.maxListedProblems ?? DEFAULT_MAX_LISTED_PROBLEMS,
      }),
    );

    const uploadId = randomUUID();
    const batchId = randomUUID();
    // A concurrent import of the same file waits here for the other to commit, then
    // finds its row and answers "already imported".
    const inserted = await client.query(
      `INSERT INTO import_upload (id, kind, target, file_sha256, file_name, row_count, result_id)
       VALUES ($1, 'proposals', $2, $3, $4, $5, $6)
       ON CONFLICT (kind, target, file_sha256) DO NOTHING RETURNING id`,
      [
        uploadId,
        target.workflowId,
        staged.sha256,
        file.fileName.slice(0, 255),
        staged.rowCount,
        batchId,
      ],
    );
    if (inserted.rowCount !== 1) {
      const raced = await findUpload(client, target.workflowId, staged.sha256);
      if (raced) return raced;
      throw new DomainError('ALREADY_EXISTS', 'This file is being imported by another request');
    }
    await client.query(
      `INSERT INTO proposal_batch (id, program_id, kecamatan_code, workflow_id, request_letter_no,
         request_letter_date, acknowledged_by_camat, submitted_by, upload_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        batchId,
        target.programId,
        target.kecamatanCode,
        target.workflowId,
        letter.letterNo,
        letter.letterDate,
        letter.acknowledgedByCamat,
        letter.submittedBy,
        uploadId,
      ],
    );
    // File order becomes submission order (seq), which the quota follows: the staging
    // table is read in file order and each row takes the next seq as it is read (once:
    // OFFSET 0 keeps the subquery whole). The id is one random prefix per batch and the
    // row's seq, unique on its own: a fresh random UUID per row costs about a third of
    // the insert and scatters the primary key.
    const recipients = await client.query(
      `INSERT INTO proposed_recipient (id, seq, batch_id, nik, no_kk, name, address, rt_rw,
         phone, covid_impact, kelurahan_code)
       SELECT ($2 || lpad(to_hex(s.seq), 12, '0'))::uuid, s.seq, $1, ${idNumberValue('nik')},
              ${idNumberValue('no_kk')}, s.nama,
              s.alamat, lpad(s.rt, 3, '0') || '/' || lpad(s.rw, 3, '0'), NULLIF(s.no_hp, ''),
              s.dampak_covid, s.kode_kelurahan
         FROM (SELECT nextval((SELECT pg_get_serial_sequence('proposed_recipient', 'seq')::regclass)) AS seq, *
                 FROM ${STAGE_TABLE} OFFSET 0) s`,
      [batchId, idPrefix()],
    );
    return {
      alreadyImported: false,
      batchId,
      proposedCount: recipients.rowCount ?? staged.rowCount,
      sha256: staged.sha256,
      uploadId,
    };
  });
}

/** `xxxxxxxx-xxxx-4xxx-yxxx-` of a random (version 4) UUID; 12 hex digits complete it. */
function idPrefix(): string {
  return randomUUID().slice(0, 24);
}

async function requireKecamatan(client: ClientBase, code: string): Promise<void> {
  const found = await client.query(`SELECT 1 FROM region WHERE code = $1 AND level = 'kecamatan'`, [
    code,
  ]);
  if (found.rowCount !== 1) {
    throw new DomainError('NOT_FOUND', `Kecamatan ${code} is not a known kecamatan`);
  }
}

async function findUpload(
  client: ClientBase,
  workflowId: string,
  sha256: string,
): Promise<ProposalImportResult | undefined> {
  const found = await client.query<{ id: string; result_id: string; row_count: number }>(
    `SELECT id, result_id, row_count FROM import_upload
      WHERE kind = 'proposals' AND target = $1 AND file_sha256 = $2`,
    [workflowId, sha256],
  );
  const row = found.rows[0];
  if (!row) return undefined;
  return {
    alreadyImported: true,
    batchId: row.result_id,
    proposedCount: row.row_count,
    sha256,
    uploadId: row.id,
  };
}
