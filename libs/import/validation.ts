import type { ClientBase } from 'pg';
import { FileRejected, type RowProblem } from './errors';

/**
 * Row checks run in SQL over the staging table in one pass: each check is a CASE that
 * yields a reason or NULL. Reasons name the column and the rule, never the value.
 */
export interface ColumnCheck {
  readonly column: string;
  /** SQL over the staging row `s` that yields a reason text or NULL. */
  readonly sql: string;
}

export const REASONS = {
  required: 'is required',
  digits16: 'must be 16 digits',
  lossy: 'was stored as a number and lost digits; format the column as Text and type it again',
} as const;

const col = (name: string) => `s."${name}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** 16 digits (NIK, No. KK); a number Excel rounded is named as such. */
export function digits16(name: string): ColumnCheck {
  return {
    column: name,
    sql: `CASE WHEN ${col(name)} = '' THEN ${literal(REASONS.required)}
      WHEN ${literal(name)} = ANY (s.lossy) THEN ${literal(REASONS.lossy)}
      WHEN ${col(name)} !~ '^[0-9]{16}$' THEN ${literal(REASONS.digits16)} END`,
  };
}

export function text(name: string, max: number, required: boolean): ColumnCheck {
  return {
    column: name,
    sql: `CASE ${required ? `WHEN ${col(name)} = '' THEN ${literal(REASONS.required)}` : ''}
      WHEN char_length(${col(name)}) > ${max} THEN ${literal(`must be at most ${max} characters`)} END`,
  };
}

export function pattern(
  name: string,
  regex: string,
  reason: string,
  required: boolean,
): ColumnCheck {
  const empty = required
    ? `WHEN ${col(name)} = '' THEN ${literal(REASONS.required)}`
    : `WHEN ${col(name)} = '' THEN NULL`;
  return {
    column: name,
    sql: `CASE ${empty} WHEN ${col(name)} !~ ${literal(regex)} THEN ${literal(reason)} END`,
  };
}

/** The field count must match the header's (a short or long CSV line). */
export function fieldCount(headerLength: number): ColumnCheck {
  return {
    column: '(row)',
    sql: `CASE WHEN s.field_count <> ${headerLength}
      THEN format('has %s fields; the header has ${headerLength}', s.field_count) END`,
  };
}

export interface ProblemReport {
  readonly rows: RowProblem[];
  readonly problems: number;
  readonly badRows: number;
}

/**
 * Every problem of every staged row, in file order; lists at most `maxListed` of them
 * with the totals, so a file that is wrong throughout still gets a bounded answer.
 */
export async function findProblems(
  client: ClientBase,
  stageTable: string,
  checks: readonly ColumnCheck[],
  options: { joins?: string; params?: unknown[]; maxListed: number },
): Promise<ProblemReport> {
  const params = options.params ?? [];
  const values = checks
    .map((check, index) => `(${index}, ${literal(check.column)}, (${check.sql})::text)`)
    .join(',\n');
  const sql = `
    WITH problems AS MATERIALIZED (
      SELECT s.line, p.ord, p.col, p.reason
        FROM ${stageTable} s ${options.joins ?? ''}
        CROSS JOIN LATERAL (VALUES ${values}) AS p(ord, col, reason)
       WHERE p.reason IS NOT NULL)
    SELECT (SELECT count(*) FROM problems)::int AS problems,
           (SELECT count(DISTINCT line) FROM problems)::int AS bad_rows,
           (SELECT coalesce(json_agg(json_build_object('line', line, 'column', col, 'reason', reason)
                                     ORDER BY line, ord), '[]'::json)
              FROM (SELECT * FROM problems ORDER BY line, ord LIMIT $${params.length + 1}) listed) AS rows`;
  const result = await client.query<{ problems: number; bad_rows: number; rows: RowProblem[] }>(
    sql,
    [...params, options.maxListed],
  );
  const row = result.rows[0];
  return { rows: row.rows, problems: row.problems, badRows: row.bad_rows };
}

export function rejectIfProblems(report: ProblemReport): void {
  if (report.problems > 0) {
    throw new FileRejected(report.rows, { problems: report.problems, badRows: report.badRows });
  }
}
