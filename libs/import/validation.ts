import type { ClientBase } from 'pg';
import {
  ID_NUMBER_PATTERN,
  ID_NUMBER_REASONS,
  TEXT_MARK,
  WRITTEN_AS_NUMBER_PATTERN,
} from '../domain/id-number-text';
import { FileRejected, type RowProblem } from './errors';
import type { RecordNotes } from './record-notes';

/**
 * Row checks run in SQL over the staging table, set-based. Each check renders twice: a
 * CASE that yields a reason or NULL, used to list the problems of a file that has some,
 * and a cheap test that the value is fine, run over every row of every file (no counted
 * regex repetition, lengths in bytes first, one regex for all digit-only columns).
 * Reasons name the column and the rule, never the value.
 */
export interface ColumnCheck {
  readonly column: string;
  /**
   * SQL yielding a reason text or NULL, over the staged row `s`, its record's note `n`
   * (`field_count`, `numeric`: NULL unless the record has such a problem) and the joins.
   */
  readonly reason: string;
  /**
   * SQL over `s` and the joins, true only when `reason` is NULL for a record without
   * notes (when stricter, the listing simply finds nothing). Default: `reason IS NULL`.
   */
  readonly ok?: string;
  /**
   * With `ok`: the column must also match this regex of digits (no anchors, no counted
   * repetition); tested for all such columns in one go.
   */
  readonly digitsPattern?: string;
}

export const REASONS = ID_NUMBER_REASONS;

const col = (name: string) => `s."${name}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const regexChars = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** The record had a number cell (XLSX) in this text-only column: its digits may be altered. */
const numberCell = (name: string) =>
  `WHEN ${literal(name)} = ANY (n.numeric) THEN ${literal(REASONS.numberCell)}`;

interface DigitsRule {
  readonly min: number;
  readonly max: number;
  readonly reason: string;
  readonly required: boolean;
  /** A leading + is allowed (phone numbers). */
  readonly plus?: boolean;
}

function digitsCheck(name: string, rule: DigitsRule, numberCheck: string): ColumnCheck {
  const value = col(name);
  const pattern = rule.plus ? '\\+?[0-9]*' : '[0-9]*';
  // Once the value matches the pattern, only a leading + is not a digit.
  const digitCount = rule.plus
    ? `octet_length(${value}) - (${value} LIKE '+%')::int`
    : `octet_length(${value})`;
  const inRange = `${digitCount} BETWEEN ${rule.min} AND ${rule.max}`;
  return {
    column: name,
    reason: `CASE WHEN ${value} = '' THEN ${rule.required ? literal(REASONS.required) : 'NULL'} ${numberCheck}
      WHEN ${value} !~ ${literal(`^${pattern}$`)} OR NOT (${inRange}) THEN ${literal(rule.reason)} END`,
    ok: rule.required ? inRange : `(${value} = '' OR ${inRange})`,
    digitsPattern: pattern,
  };
}

/**
 * Only digits, as many as the rule says; empty is "required" or fine. A text-only column
 * (the phone number, whose leading 0 a number cell drops) refuses number cells.
 */
export function digits(name: string, rule: DigitsRule & { textOnly?: boolean }): ColumnCheck {
  return digitsCheck(name, rule, rule.textOnly ? numberCell(name) : '');
}

/**
 * A NIK or No. KK, read as libs/domain/id-number-text.ts says for every way in: 16
 * digits, after one optional leading apostrophe (Excel's text mark, dropped by
 * `idNumberValue`). A number cell, or digits written as a number, are named as such.
 */
export function digits16(name: string): ColumnCheck {
  const value = col(name);
  const mark = literal(TEXT_MARK);
  const unmarked = `CASE WHEN left(${value}, 1) = ${mark} THEN substr(${value}, 2) ELSE ${value} END`;
  const markPattern = `${regexChars(TEXT_MARK)}?[0-9]*`;
  return {
    column: name,
    reason: `CASE WHEN ${value} = '' THEN ${literal(REASONS.required)} ${numberCell(name)}
      WHEN ${unmarked} ~ ${literal(ID_NUMBER_PATTERN)} THEN NULL
      WHEN ${unmarked} ~ ${literal(WRITTEN_AS_NUMBER_PATTERN)} THEN ${literal(REASONS.writtenAsNumber)}
      ELSE ${literal(REASONS.digits16)} END`,
    // With the pattern matched, only a leading mark is not a digit.
    ok: `octet_length(${value}) - (left(${value}, 1) = ${mark})::int = 16`,
    digitsPattern: markPattern,
  };
}

/** The value of a column `digits16` accepted, as it is stored: without the text mark. */
export function idNumberValue(name: string): string {
  return `ltrim(${col(name)}, ${literal(TEXT_MARK)})`;
}

export function text(name: string, max: number, required: boolean): ColumnCheck {
  // Bytes bound characters from above: count characters only when the bytes could be too many.
  return {
    column: name,
    reason: `CASE ${required ? `WHEN ${col(name)} = '' THEN ${literal(REASONS.required)}` : ''}
      WHEN octet_length(${col(name)}) > ${max} AND char_length(${col(name)}) > ${max}
      THEN ${literal(`must be at most ${max} characters`)} END`,
    ok: `octet_length(${col(name)}) BETWEEN ${required ? 1 : 0} AND ${max}`,
  };
}

/** The field count must match the header's (a short or long CSV line, extra XLSX cells). */
export function fieldCount(headerLength: number): ColumnCheck {
  return {
    column: '(row)',
    reason: `CASE WHEN n.field_count IS NOT NULL
      THEN format('has %s fields; the header has ${headerLength}', n.field_count) END`,
    // Known from the notes alone: a file with such a record skips the quick test.
    ok: 'true',
  };
}

/**
 * True for a row every check passes; false for any other (and, rarely, for one that only
 * looks suspicious). Never NULL: a missing join row must count as suspicious.
 */
function rowLooksFine(checks: readonly ColumnCheck[]): string {
  const tests = checks.map((check) => check.ok ?? `(${check.reason}) IS NULL`);
  // One regex call per row: values joined by commas, which no digit pattern matches.
  const digitChecks = checks.filter((check) => check.digitsPattern !== undefined);
  if (digitChecks.length > 0) {
    const values = digitChecks.map((check) => col(check.column)).join(` || ',' || `);
    const patterns = digitChecks.map((check) => check.digitsPattern).join(',');
    tests.push(`(${values}) ~ ${literal(`^${patterns}$`)}`);
  }
  return `(${tests.join('\n AND ')}) IS TRUE`;
}

export interface ProblemReport {
  readonly rows: RowProblem[];
  readonly problems: number;
  readonly badRows: number;
}

export interface ProblemQuery {
  /** Joins after the staged row `s`, e.g. the region of a code. */
  readonly joins?: string;
  readonly params?: unknown[];
  readonly maxListed: number;
}

const NO_PROBLEMS: ProblemReport = { rows: [], problems: 0, badRows: 0 };

/**
 * Every problem of every staged row, in file order; lists at most `maxListed` of them
 * with the totals, so a file that is wrong throughout still gets a bounded answer. A
 * well-formed file costs one pass that finds nothing; only a file with problems pays for
 * numbering its rows and listing them.
 */
export async function findProblems(
  client: ClientBase,
  stageTable: string,
  notes: RecordNotes,
  checks: readonly ColumnCheck[],
  query: ProblemQuery,
): Promise<ProblemReport> {
  const params = query.params ?? [];
  const looksFine = rowLooksFine(checks);
  if (!notes.hasProblems) {
    // A count, not EXISTS: the planner would go for the first row with a nested loop,
    // while a well-formed file has to be read to the end anyway.
    const found = await client.query<{ suspects: number }>(
      `SELECT count(*)::int AS suspects FROM ${stageTable} s ${query.joins ?? ''}
        WHERE NOT (${looksFine})`,
      params,
    );
    if (found.rows[0].suspects === 0) return NO_PROBLEMS;
  }

  const reasons = checks.map((check, i) => `(${check.reason})::text AS r${i}`).join(',\n');
  const anyReason = `num_nonnulls(${checks.map((_, i) => `r${i}`).join(', ')}) > 0`;
  await loadNotes(client, notes);
  const unpivot = checks.map((check, i) => `(${i}, ${literal(check.column)}, j.r${i})`).join(',\n');
  // Rows are numbered as the table is read, which is file order (see stageFile); the
  // notes turn a record's number into its line.
  const result = await client.query<{ problems: number; bad_rows: number; rows: RowProblem[] }>(
    `WITH judged AS MATERIALIZED (
       SELECT * FROM (
         SELECT s.ord, ${reasons}
           FROM (SELECT row_number() OVER () AS ord, * FROM ${stageTable}) s
           LEFT JOIN import_note n ON n.ord = s.ord
           ${query.joins ?? ''}
          WHERE n.ord IS NOT NULL OR NOT (${looksFine})) j
        WHERE ${anyReason}),
     problems AS MATERIALIZED (
       SELECT j.ord, p.check_ord, p.col, p.reason
         FROM judged j CROSS JOIN LATERAL (VALUES ${unpivot}) AS p(check_ord, col, reason)
        WHERE p.reason IS NOT NULL)
     SELECT (SELECT count(*) FROM problems)::int AS problems,
            (SELECT count(*) FROM judged)::int AS bad_rows,
            (SELECT coalesce(json_agg(json_build_object(
                      'line', a.line + (p.ord - a.ord), 'column', p.col, 'reason', p.reason)
                      ORDER BY p.ord, p.check_ord), '[]'::json)
               FROM (SELECT * FROM problems ORDER BY ord, check_ord LIMIT $${params.length + 1}) p
               CROSS JOIN LATERAL (SELECT l.ord, l.line FROM import_line l WHERE l.ord <= p.ord
                                    ORDER BY l.ord DESC LIMIT 1) a) AS rows`,
    [...params, query.maxListed],
  );
  const row = result.rows[0];
  return { rows: row.rows, problems: row.problems, badRows: row.bad_rows };
}

/** The notes as two temporary tables: line anchors, and per-record problems. */
async function loadNotes(client: ClientBase, notes: RecordNotes): Promise<void> {
  const anchors = notes.anchors();
  const problems = notes.recordProblems();
  await client.query(
    `CREATE TEMP TABLE import_line (ord int PRIMARY KEY, line int NOT NULL) ON COMMIT DROP`,
  );
  await client.query(`INSERT INTO import_line SELECT * FROM unnest($1::int[], $2::int[])`, [
    anchors.ord,
    anchors.line,
  ]);
  await client.query(
    `CREATE TEMP TABLE import_note (ord int PRIMARY KEY, field_count int, numeric text[])
     ON COMMIT DROP`,
  );
  await client.query(
    `INSERT INTO import_note
     SELECT ord, field_count, string_to_array(numeric, ',')
       FROM unnest($1::int[], $2::int[], $3::text[]) AS t(ord, field_count, numeric)`,
    [problems.ord, problems.fieldCount, problems.numeric],
  );
}

export function rejectIfProblems(report: ProblemReport): void {
  if (report.problems > 0) {
    throw new FileRejected(report.rows, { problems: report.problems, badRows: report.badRows });
  }
}
