import { DomainError, type FieldProblem } from '../domain/errors';

/** A problem in one row of an import file. `line` is the file line (the header is line 1). */
export interface RowProblem {
  readonly line: number;
  readonly column: string;
  readonly reason: string;
}

/**
 * The whole upload was refused and nothing was written. Lists the row problems (up to a
 * cap, with the totals) and never the values themselves: a NIK must not reach a log.
 */
export class FileRejected extends DomainError {
  constructor(
    readonly rows: readonly RowProblem[],
    readonly totals: { problems: number; badRows: number } = {
      problems: rows.length,
      badRows: new Set(rows.map((r) => r.line)).size,
    },
    extraFields: readonly FieldProblem[] = [],
  ) {
    const first = rows[0];
    const fields: FieldProblem[] = [
      ...extraFields,
      {
        field: 'file',
        reason: `${totals.badRows} row(s) have ${totals.problems} problem(s); nothing was imported`,
      },
    ];
    super(
      'VALIDATION_FAILED',
      `The file was not imported: ${totals.badRows} row(s) have problems` +
        (first ? ` (first: line ${first.line}, column ${first.column}: ${first.reason})` : ''),
      {
        fields,
        rows,
        problemCount: totals.problems,
        badRowCount: totals.badRows,
        listedCount: rows.length,
      },
    );
    this.name = 'FileRejected';
  }
}
