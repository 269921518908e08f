import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { DomainError } from '../domain/errors';
import type { ExclusionRegister } from '../domain/verval';
import { EXCLUSION_COLUMNS } from './columns';
import { inTransaction, type ConnectImportDb } from './db';
import { DEFAULT_MAX_LISTED_PROBLEMS } from './proposal-import';
import { stageFile, STAGE_TABLE, type ImportFile } from './stage';
import type { ExclusionVersionInput } from './target';
import {
  digits16,
  fieldCount,
  findProblems,
  idNumberValue,
  rejectIfProblems,
  text,
} from './validation';

export interface ExclusionImportInput {
  readonly version: ExclusionVersionInput;
  readonly file: ImportFile;
  readonly maxListedProblems?: number;
}

export interface ExclusionImportResult {
  readonly alreadyImported: boolean;
  readonly versionId: string;
  readonly register: string;
  readonly versionLabel: string;
  /** Data rows in the file. */
  readonly rowCount: number;
  /** Distinct NIKs stored (a register may list a person twice). */
  readonly entryCount: number;
  /** The version that stopped being current, if any. */
  readonly previousVersionId: string | null;
  readonly sha256: string;
}

/**
 * One import per register at a time, so exactly one version ends up current. Held until the
 * caller's transaction ends; meanwhile no other import makes a version of it current.
 */
export async function lockExclusionRegister(
  db: { query(sql: string, params: unknown[]): Promise<unknown> },
  register: ExclusionRegister,
): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('salur:exclusion:' || $1))`, [register]);
}

/**
 * Loads one dated version of an exclusion register and makes it the current one; the
 * previous version stays, no longer current, for answering "why, on that day?". All in
 * one transaction.
 */
export async function importExclusionRegister(
  connect: ConnectImportDb,
  input: ExclusionImportInput,
): Promise<ExclusionImportResult> {
  const { version, file } = input;
  return inTransaction(connect, async (client) => {
    const staged = await stageFile(client, EXCLUSION_COLUMNS, file);
    await lockExclusionRegister(client, version.register);

    const previous = await findUpload(client, version.register, staged.sha256);
    if (previous) return previous;
    const elsewhere = await client.query<{ register: string; version_label: string }>(
      `SELECT register, version_label FROM exclusion_register_version WHERE file_sha256 = $1`,
      [staged.sha256],
    );
    if (elsewhere.rows[0]) {
      const other = elsewhere.rows[0];
      throw new DomainError(
        'ALREADY_EXISTS',
        `This file was already loaded as ${other.register} version "${other.version_label}"`,
        { register: other.register, versionLabel: other.version_label },
      );
    }

    rejectIfProblems(
      await findProblems(
        client,
        STAGE_TABLE,
        staged.notes,
        [fieldCount(EXCLUSION_COLUMNS.length), digits16('nik'), text('nama', 200, false)],
        { maxListed: input.maxListedProblems ?? DEFAULT_MAX_LISTED_PROBLEMS },
      ),
    );

    const versionId = randomUUID();
    const demoted = await client.query<{ id: string }>(
      `UPDATE exclusion_register_version SET is_current = false
        WHERE register = $1 AND is_current RETURNING id`,
      [version.register],
    );
    await client.query(
      `INSERT INTO exclusion_register_version
         (id, register, version_label, valid_on, source, file_sha256, row_count, is_current)
       VALUES ($1, $2, $3, $4, $5, $6, 0, true)`,
      [
        versionId,
        version.register,
        version.versionLabel,
        version.validOn,
        version.source,
        staged.sha256,
      ],
    );
    const entries = await client.query(
      `INSERT INTO exclusion_entry (version_id, nik)
       SELECT DISTINCT $1::uuid, ${idNumberValue('nik')} FROM ${STAGE_TABLE} s`,
      [versionId],
    );
    const entryCount = entries.rowCount ?? 0;
    await client.query(`UPDATE exclusion_register_version SET row_count = $2 WHERE id = $1`, [
      versionId,
      entryCount,
    ]);
    await client.query(
      `INSERT INTO import_upload (id, kind, target, file_sha256, file_name, row_count, result_id)
       VALUES ($1, 'exclusion', $2, $3, $4, $5, $6)`,
      [
        randomUUID(),
        version.register,
        staged.sha256,
        file.fileName.slice(0, 255),
        staged.rowCount,
        versionId,
      ],
    );
    return {
      alreadyImported: false,
      versionId,
      register: version.register,
      versionLabel: version.versionLabel,
      rowCount: staged.rowCount,
      entryCount,
      previousVersionId: demoted.rows[0]?.id ?? null,
      sha256: staged.sha256,
    };
  });
}

async function findUpload(
  client: ClientBase,
  register: string,
  sha256: string,
): Promise<ExclusionImportResult | undefined> {
  const found = await client.query<{
    version_id: string;
    version_label: string;
    rows: number;
    entries: number;
  }>(
    `SELECT v.id AS version_id, v.version_label, u.row_count AS rows, v.row_count AS entries
       FROM import_upload u JOIN exclusion_register_version v ON v.id = u.result_id
      WHERE u.kind = 'exclusion' AND u.target = $1 AND u.file_sha256 = $2`,
    [register, sha256],
  );
  const row = found.rows[0];
  if (!row) return undefined;
  return {
    alreadyImported: true,
    versionId: row.version_id,
    register,
    versionLabel: row.version_label,
    rowCount: row.rows,
    entryCount: row.entries,
    previousVersionId: null,
    sha256,
  };
}
