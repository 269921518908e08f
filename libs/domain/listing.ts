import { UUID } from '../shared';
import { ValidationFailed, type FieldProblem } from './errors';

/**
 * The one pagination contract of every list endpoint:
 * `?limit=` (default 50, at most 200) and an opaque `?cursor=` taken from the previous
 * page's `nextCursor`; the answer is `{ items, nextCursor }`, `nextCursor` null on the last
 * page. Filters are named query parameters; an unknown parameter or a bad value is a 400
 * naming the field and why, never silently ignored (a typo would otherwise list everything).
 */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export interface Page<Item> {
  readonly items: Item[];
  /** Pass as `?cursor=` for the next page; null when this page is the last. */
  readonly nextCursor: string | null;
}

/** What one filter accepts: its parser and what the OpenAPI document says about it. */
export interface FilterDef<Value> {
  readonly description: string;
  readonly example: string;
  /** The accepted values, when there is a closed set (shown as an enum in the docs). */
  readonly values?: readonly string[];
  /** The value, or why the text is not one. */
  parse(text: string): { readonly value: Value } | { readonly reason: string };
}

/**
 * The kinds of values a cursor position holds. Each is checked before it reaches a query,
 * so a tampered cursor is a 400, never a database error.
 */
export type CursorKind = 'integer' | 'uuid' | 'timestamp' | 'code' | 'token';

const CURSOR_VALUE: Record<CursorKind, RegExp> = {
  integer: /^\d{1,19}$/,
  uuid: UUID,
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/,
  code: /^[0-9.]{2,13}$/,
  token: /^[A-Za-z0-9+/_=-]{1,8192}$/,
};

/** A list's name (so a cursor of one list is refused by another), filters and sort key. */
export interface ListSpec<Filters extends object> {
  readonly name: string;
  readonly filters: { readonly [K in keyof Filters]-?: FilterDef<Filters[K]> };
  /** The kinds of the values that make up a position in this list's stable order. */
  readonly cursor: readonly CursorKind[];
}

export interface ListQuery<Filters extends object> {
  readonly list: string;
  readonly limit: number;
  /** The position after which this page starts (decoded cursor), or undefined for the first page. */
  readonly after?: readonly string[];
  readonly filters: Partial<Filters>;
}

const PAGING_PARAMS = ['limit', 'cursor'];

/** Reads `limit`, `cursor` and the list's filters from a query string; every problem at once. */
export function parseListQuery<Filters extends object>(
  spec: ListSpec<Filters>,
  query: Readonly<Record<string, unknown>>,
): ListQuery<Filters> {
  const problems: FieldProblem[] = [];
  const known = Object.keys(spec.filters);
  const text = (field: string): string | undefined => {
    const value = query[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problems.push({ field, reason: 'must be given once, as plain text' });
      return undefined;
    }
    return value;
  };

  for (const field of Object.keys(query)) {
    if (!PAGING_PARAMS.includes(field) && !known.includes(field)) {
      problems.push({
        field,
        reason: `is not a parameter of this list; use ${[...PAGING_PARAMS, ...known].join(', ')}`,
      });
    }
  }

  let limit = DEFAULT_LIMIT;
  const limitText = text('limit');
  if (limitText !== undefined) {
    if (!/^\d{1,4}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT) {
      problems.push({ field: 'limit', reason: `must be a whole number from 1 to ${MAX_LIMIT}` });
    } else {
      limit = Number(limitText);
    }
  }

  let after: readonly string[] | undefined;
  const cursorText = text('cursor');
  if (cursorText !== undefined) {
    after = decodeCursor(spec.name, spec.cursor, cursorText);
    if (!after) {
      problems.push({
        field: 'cursor',
        reason: 'is not a cursor of this list; pass a nextCursor it returned, or none to start',
      });
    }
  }

  const filters: Partial<Record<string, unknown>> = {};
  for (const field of known) {
    const raw = text(field);
    if (raw === undefined) continue;
    const parsed = (spec.filters as Record<string, FilterDef<unknown>>)[field].parse(raw);
    if ('reason' in parsed) problems.push({ field, reason: parsed.reason });
    else filters[field] = parsed.value;
  }

  if (problems.length > 0) throw new ValidationFailed(problems);
  return {
    list: spec.name,
    limit,
    ...(after ? { after } : {}),
    filters: filters as Partial<Filters>,
  };
}

/** An opaque cursor: the list's name and a position in its order, base64url-encoded JSON. */
export function encodeCursor(list: string, position: readonly string[]): string {
  return Buffer.from(JSON.stringify({ l: list, p: position }), 'utf8').toString('base64url');
}

/** The position a cursor holds, or undefined when it is not a well-formed cursor of this list. */
export function decodeCursor(
  list: string,
  kinds: readonly CursorKind[],
  cursor: string,
): readonly string[] | undefined {
  if (cursor.length === 0 || cursor.length > 12_000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    return undefined;
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof decoded !== 'object' || decoded === null) return undefined;
  const { l, p } = decoded as { l?: unknown; p?: unknown };
  if (l !== list || !Array.isArray(p) || p.length !== kinds.length) return undefined;
  const valid = p.every(
    (value: unknown, index) => typeof value === 'string' && CURSOR_VALUE[kinds[index]].test(value),
  );
  return valid ? (p as string[]) : undefined;
}

/** A filter with a closed set of values. */
export function oneOf<Value extends string>(
  values: readonly Value[],
  description: string,
): FilterDef<Value> {
  return {
    description,
    example: values[0],
    values,
    parse: (text) =>
      (values as readonly string[]).includes(text)
        ? { value: text as Value }
        : { reason: `must be one of ${values.join(', ')}` },
  };
}

/** A filter whose text must match a pattern; `normalise` turns accepted text into the value. */
export function matching(
  pattern: RegExp,
  what: string,
  description: string,
  example: string,
  normalise: (text: string) => string = (text) => text,
): FilterDef<string> {
  return {
    description,
    example,
    parse: (text) =>
      pattern.test(text) ? { value: normalise(text) } : { reason: `must be ${what}` },
  };
}

export function booleanFilter(description: string): FilterDef<boolean> {
  return {
    description,
    example: 'true',
    values: ['true', 'false'],
    parse: (text) =>
      text === 'true' || text === 'false'
        ? { value: text === 'true' }
        : { reason: 'must be true or false' },
  };
}
