import type { DataSource } from 'typeorm';
import { encodeCursor, type CursorKind, type Page } from '@salur/libs/domain/listing';
import type { ReadScope, ScopedListQuery } from '@salur/libs/domain/read-scope';

/** Numbered parameters of one statement, so conditions compose in any order. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface SortKey {
  readonly sql: string;
  readonly kind: CursorKind;
}

/** One list's statement: what it selects, from where, in which stable order. */
export interface KeysetList {
  readonly select: string;
  readonly from: string;
  /**
   * The kecamatan code of each row, where the caller's read scope applies; null for
   * city-wide documents, which a kecamatan scope never sees.
   */
  readonly kecamatanColumn: string | null;
  /**
   * The allocation (workflow id) of each row, where a rekanan's contracts apply; null for
   * rows of no single allocation, which a contracts scope never sees.
   */
  readonly allocationColumn: string | null;
  /**
   * The kelurahan of each row, for lists of persons: a kelurahan operator sees its own
   * kelurahan's only. Null for rows that are the whole kecamatan's (an allocation's step
   * records, documents), which a kelurahan operator reads as its kecamatan's.
   */
  readonly kelurahanColumn: string | null;
  /** The order of the list; the keys together must be unique, as the cursor is a position in it. */
  readonly order: readonly SortKey[];
  /** Every key descending (newest first); one direction for all, so a row comparison still works. */
  readonly descending?: boolean;
}

const SQL_TYPE: Record<CursorKind, string> = {
  integer: 'bigint',
  uuid: 'uuid',
  timestamp: 'timestamptz',
  code: 'text',
  token: 'text',
};

/** A key as cursor text; timestamps in UTC to the microsecond, so no position is lost. */
function keyText(key: SortKey): string {
  return key.kind === 'timestamp'
    ? `to_char(${key.sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : `(${key.sql})::text`;
}

/**
 * The one condition that keeps an area role to its kecamatan (a kelurahan operator to its
 * kelurahan's persons), and a rekanan to its
 * contracts, in every database read. The switch has no default, so a new kind of scope
 * does not compile until it is handled.
 */
export function scopeCondition(
  scope: ReadScope,
  columns: Pick<KeysetList, 'kecamatanColumn' | 'allocationColumn' | 'kelurahanColumn'>,
  params: SqlParams,
): string | undefined {
  switch (scope.kind) {
    case 'city':
      return undefined;
    case 'kecamatan': {
      if (columns.kecamatanColumn === null) return 'false';
      const inKecamatan = `${columns.kecamatanColumn} = ${params.add(scope.kecamatanCode)}`;
      return scope.kelurahanCode && columns.kelurahanColumn !== null
        ? `${inKecamatan} AND ${columns.kelurahanColumn} = ${params.add(scope.kelurahanCode)}`
        : inKecamatan;
    }
    case 'contracts':
      return columns.allocationColumn === null
        ? 'false'
        : `${columns.allocationColumn} = ANY(${params.add(scope.allocationIds)}::text[])`;
  }
}

const KEY_PREFIX = '__key';

/**
 * One page of a database list by keyset pagination: rows strictly after the cursor's
 * position in a stable order, one more than asked to know whether a next page exists.
 * Stable under inserts (a new row never shifts a page boundary), and no OFFSET to skip.
 */
export async function keysetPage<Row extends object>(
  db: DataSource,
  list: KeysetList,
  query: ScopedListQuery<object>,
  conditions: (params: SqlParams) => readonly string[],
): Promise<Page<Row>> {
  const params = new SqlParams();
  const where = [...conditions(params)];
  const scoped = scopeCondition(query.scope, list, params);
  if (scoped) where.push(scoped);
  if (query.after) {
    const position = query.after.map(
      (value, i) => `${params.add(value)}::${SQL_TYPE[list.order[i].kind]}`,
    );
    const after = list.descending ? '<' : '>';
    where.push(`(${list.order.map((k) => k.sql).join(', ')}) ${after} (${position.join(', ')})`);
  }
  const direction = list.descending ? ' DESC' : '';
  const keys = list.order.map((key, i) => `${keyText(key)} AS "${KEY_PREFIX}${i}"`);
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${list.select}, ${keys.join(', ')} FROM ${list.from}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${list.order.map((k) => `${k.sql}${direction}`).join(', ')}
      LIMIT ${params.add(query.limit + 1)}`,
    params.values,
  );
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(
          query.list,
          list.order.map((_, i) => String(last[`${KEY_PREFIX}${i}`])),
        )
      : null;
  const items = page.map((row) => {
    const item = { ...row };
    list.order.forEach((_, i) => delete item[`${KEY_PREFIX}${i}`]);
    return item as Row;
  });
  return { items, nextCursor };
}
