/**
 * Reading spreadsheet cells as text. Pure: no I/O, so it is unit-tested beside this file.
 */

/** What a spreadsheet cell held, reduced to text, and whether it was a number. */
export interface CellText {
  readonly text: string;
  /**
   * The cell held a number, not text. Excel keeps 15 significant digits and no leading
   * 0, so a NIK, No. KK or phone number typed as a number may already be another one.
   */
  readonly numeric: boolean;
}

const ERROR_TEXT = '#ERROR';

/** The text of one exceljs cell value (string, number, date, rich text, formula, link). */
export function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'string') return { text: value.trim(), numeric: false };
  if (typeof value === 'number') {
    const whole = Number.isInteger(value) && !Number.isSafeInteger(value);
    return { text: whole ? BigInt(value).toString() : String(value), numeric: true };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', numeric: false };
  if (value instanceof Date) {
    return {
      text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10),
      numeric: false,
    };
  }
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if (Array.isArray(cell.richText)) {
      const text = (cell.richText as { text?: unknown }[])
        .map((part) => (typeof part.text === 'string' ? part.text : ''))
        .join('');
      return { text: text.trim(), numeric: false };
    }
    if ('result' in cell || 'formula' in cell || 'sharedFormula' in cell) {
      return cellText(cell.result);
    }
    if (typeof cell.text === 'string') return { text: cell.text.trim(), numeric: false };
    if ('error' in cell) return { text: ERROR_TEXT, numeric: false };
  }
  return { text: '', numeric: false };
}
