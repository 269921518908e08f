import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The audit hash chain (docs/audit.md), checked in plain TypeScript from what PostgreSQL
 * stores. The database appends the entries (migration 1764500000000); this module
 * recomputes them, so a verifier need not trust the database's own functions for hashing.
 */

/** The chain of rows that belong to no programme (users, verval rulesets). */
export const SYSTEM_CHAIN = '*';

export interface ChainEntry {
  readonly programmeId: string;
  readonly seq: number;
  readonly table: string;
  readonly rowId: string;
  /** The row as `to_jsonb(row)::text`, timestamps in UTC, as it was when the entry was made. */
  readonly content: string;
  readonly contentSha256: string;
  readonly prevHash: string | null;
  readonly hash: string;
}

/** A row of an audit table as it is now, in the same JSON form as an entry's content. */
export interface AuditRow {
  readonly table: string;
  readonly rowId: string;
  readonly content: string;
}

export interface Checkpoint {
  readonly programmeId: string;
  readonly seq: number;
  readonly hash: string;
  readonly keyId: string;
  readonly signedAt: string;
  readonly hmac: string;
}

export type BreakKind = 'altered' | 'removed' | 'inserted' | 'checkpoint';

export interface ChainBreak {
  readonly kind: BreakKind;
  readonly table: string;
  readonly rowId: string;
  /** The chain entry concerned; undefined for a row the chain never recorded. */
  readonly seq: number | undefined;
  readonly detail: string;
}

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** The entry's hash: its place, its row, its content's hash and the previous entry's hash. */
export function entryHash(entry: Omit<ChainEntry, 'content' | 'hash'>): string {
  return sha256Hex(
    [
      entry.programmeId,
      entry.seq,
      entry.table,
      entry.rowId,
      entry.contentSha256,
      entry.prevHash ?? '',
    ].join('|'),
  );
}

const checkpointMessage = (c: Omit<Checkpoint, 'hmac' | 'keyId'>): string =>
  [c.programmeId, c.seq, c.hash, c.signedAt].join('|');

export function signCheckpoint(c: Omit<Checkpoint, 'hmac' | 'keyId'>, key: Buffer): string {
  return createHmac('sha256', key).update(checkpointMessage(c), 'utf8').digest('hex');
}

function checkpointSigned(c: Checkpoint, key: Buffer): boolean {
  const expected = Buffer.from(signCheckpoint(c, key), 'hex');
  const given = Buffer.from(c.hmac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const rowKey = (table: string, rowId: string): string => `${table}/${rowId}`;

/** The top-level fields whose values differ, as "field: before → now". */
export function differences(before: string, now: string): string {
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(now) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return fields
    .filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]))
    .map((f) => `${f}: ${JSON.stringify(a[f])} → ${JSON.stringify(b[f])}`)
    .join('; ');
}

/**
 * Every break in one programme's chain, in chain order; rows the chain never recorded come
 * last. `entries` sorted by seq; `rows` the programme's audit rows as they are now;
 * `key` undefined skips the checkpoints' signatures (their hashes are still compared).
 */
export function findBreaks(
  entries: readonly ChainEntry[],
  rows: readonly AuditRow[],
  checkpoints: readonly Checkpoint[] = [],
  key?: Buffer,
): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  const current = new Map(rows.map((r) => [rowKey(r.table, r.rowId), r.content]));
  const lastSeqOfRow = new Map(entries.map((e) => [rowKey(e.table, e.rowId), e.seq]));
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  let previous: ChainEntry | undefined;
  for (const entry of entries) {
    const at = { table: entry.table, rowId: entry.rowId, seq: entry.seq };
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) {
      breaks.push({
        kind: 'removed',
        ...at,
        seq: expectedSeq,
        detail: `chain entries ${expectedSeq}..${entry.seq - 1} are missing`,
      });
    }
    if (sha256Hex(entry.content) !== entry.contentSha256) {
      breaks.push({ kind: 'altered', ...at, detail: 'the chain entry’s content was changed' });
    } else if (entry.prevHash !== (previous?.hash ?? null) || entryHash(entry) !== entry.hash) {
      breaks.push({ kind: 'altered', ...at, detail: 'the chain entry’s hash does not follow' });
    }
    if (lastSeqOfRow.get(rowKey(entry.table, entry.rowId)) === entry.seq) {
      const now = current.get(rowKey(entry.table, entry.rowId));
      if (now === undefined) {
        breaks.push({ kind: 'removed', ...at, detail: 'the row is gone' });
      } else if (sha256Hex(now) !== entry.contentSha256) {
        breaks.push({ kind: 'altered', ...at, detail: differences(entry.content, now) });
      }
    }
    previous = entry;
  }
  for (const c of checkpoints) {
    const entry = bySeq.get(c.seq);
    const at = { table: entry?.table ?? 'audit_chain', rowId: entry?.rowId ?? '-', seq: c.seq };
    if (key && !checkpointSigned(c, key)) {
      breaks.push({
        kind: 'checkpoint',
        ...at,
        detail: `checkpoint of ${c.signedAt} is not signed by key ${c.keyId}`,
      });
    } else if (!entry) {
      breaks.push({
        kind: 'removed',
        ...at,
        detail: `checkpoint of ${c.signedAt} names an entry that is gone`,
      });
    } else if (entry.hash !== c.hash) {
      breaks.push({
        kind: 'altered',
        ...at,
        detail: `the chain was rewritten since the checkpoint of ${c.signedAt}`,
      });
    }
  }
  const recorded = new Set(lastSeqOfRow.keys());
  const sorted = breaks.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  for (const row of rows) {
    if (!recorded.has(rowKey(row.table, row.rowId))) {
      sorted.push({
        kind: 'inserted',
        table: row.table,
        rowId: row.rowId,
        seq: undefined,
        detail: 'the row is not in the chain',
      });
    }
  }
  return sorted;
}

/** One line a break, for people: which entry, which row, what differs. */
export function describeBreak(programmeId: string, b: ChainBreak): string {
  const where = b.seq === undefined ? 'not in the chain' : `seq ${b.seq}`;
  return `${programmeId}: ${b.kind} — ${b.table} ${b.rowId} (${where}): ${b.detail}`;
}
