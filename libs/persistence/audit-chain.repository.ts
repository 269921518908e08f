import type { DataSource, EntityManager } from 'typeorm';
import type { AuditRow, ChainEntry, Checkpoint } from '../domain/audit-chain';

/** What a verifier reads of one programme: its chain, its audit rows as they are, its checkpoints. */
export interface ChainSnapshot {
  readonly entries: ChainEntry[];
  readonly rows: AuditRow[];
  readonly checkpoints: Checkpoint[];
}

const ENTRY_COLUMNS = `programme_id AS "programmeId", seq::int AS seq, table_name AS "table",
  row_id AS "rowId", content::text AS content, content_sha256 AS "contentSha256",
  prev_hash AS "prevHash", hash`;

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * Reads the audit chain (docs/audit.md) and appends signed checkpoints. Rows are read as
 * `to_jsonb(row)` in UTC, the form the chain's trigger hashed them in.
 */
export class AuditChainRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every programme with a chain or with audit rows, the system chain ('*') included. */
  async programmes(): Promise<string[]> {
    return this.inUtc(async (tx) => {
      const ids = new Set<string>();
      const chained: { id: string }[] = await tx.query(
        `SELECT DISTINCT programme_id AS id FROM audit_chain`,
      );
      chained.forEach((r) => ids.add(r.id));
      for (const table of await this.tables(tx)) {
        const found: { id: string }[] = await tx.query(
          `SELECT DISTINCT audit_row_programme($1, to_jsonb(t)) AS id FROM "${table}" t`,
          [table],
        );
        found.forEach((r) => ids.add(r.id));
      }
      return [...ids].sort();
    });
  }

  async snapshot(programmeId: string): Promise<ChainSnapshot> {
    return this.inUtc(async (tx) => {
      const entries: ChainEntry[] = await tx.query(
        `SELECT ${ENTRY_COLUMNS} FROM audit_chain WHERE programme_id = $1 ORDER BY seq`,
        [programmeId],
      );
      const rows: AuditRow[] = [];
      for (const table of await this.tables(tx)) {
        const found: { rowId: string; content: string }[] = await tx.query(
          `SELECT audit_row_id($1, r.c) AS "rowId", r.c::text AS content
             FROM (SELECT to_jsonb(t) AS c FROM "${table}" t) r
            WHERE audit_row_programme($1, r.c) = $2`,
          [table, programmeId],
        );
        rows.push(...found.map((r) => ({ table, ...r })));
      }
      const checkpoints: Checkpoint[] = await tx.query(
        `SELECT programme_id AS "programmeId", seq::int AS seq, hash, key_id AS "keyId",
                to_char(signed_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS "signedAt", hmac
           FROM audit_checkpoint WHERE programme_id = $1 ORDER BY seq`,
        [programmeId],
      );
      return { entries, rows, checkpoints };
    });
  }

  /** The chain's last entry, or undefined for a programme without one. */
  async head(programmeId: string): Promise<{ seq: number; hash: string } | undefined> {
    const rows: { seq: number; hash: string }[] = await this.dataSource.query(
      `SELECT seq::int AS seq, hash FROM audit_chain WHERE programme_id = $1 ORDER BY seq DESC LIMIT 1`,
      [programmeId],
    );
    return rows[0];
  }

  /** The time a checkpoint is signed at, as its signature covers it. */
  async now(): Promise<string> {
    const [{ now }]: { now: string }[] = await this.dataSource.query(
      `SELECT to_char(date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC'), ${ISO_UTC}) AS now`,
    );
    return now;
  }

  /** False when this head was checkpointed already. */
  async addCheckpoint(c: Checkpoint): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO audit_checkpoint (programme_id, seq, hash, key_id, signed_at, hmac)
       VALUES ($1, $2, $3, $4, $5::timestamptz, $6) ON CONFLICT ON CONSTRAINT uq_audit_checkpoint_head DO NOTHING
       RETURNING id`,
      [c.programmeId, c.seq, c.hash, c.keyId, c.signedAt, c.hmac],
    );
    return rows.length > 0;
  }

  /**
   * The chained tables: those with the chain's trigger, and those the chain names (so a
   * table whose trigger was dropped is still checked).
   */
  private async tables(tx: EntityManager): Promise<string[]> {
    const rows: { name: string }[] = await tx.query(
      `SELECT c.relname AS name FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
        WHERE tg.tgname = 'audit_chain'
       UNION SELECT DISTINCT table_name FROM audit_chain ORDER BY 1`,
    );
    // Names come from the catalogue and the chain; only plain ones are put into SQL.
    return rows.map((r) => r.name).filter((name) => /^[a-z_][a-z0-9_]*$/.test(name));
  }

  private inUtc<T>(read: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await tx.query(`SET LOCAL timezone TO 'UTC'`);
      return read(tx);
    });
  }
}
