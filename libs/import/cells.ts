/**
 * Reading spreadsheet cells as text. Pure: no I/O, so it is unit-tested beside this file.
 */

/** What a spreadsheet cell held, reduced to text, and whether digits were lost. */
export interface CellText {
  readonly text: string;
  /** A number too large to keep every digit (a NIK typed as a number in Excel). */
  readonly lossy: boolean;
}

const ERROR_TEXT = '#ERROR';

/** The text of one exceljs cell value (string, number, date, rich text, formula, link). */
export function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return { text: '', lossy: false };
  if (typeof value === 'string') return { text: value.trim(), lossy: false };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return { text: BigInt(value).toString(), lossy: true };
    }
    return { text: String(value), lossy: false };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', lossy: false };
  if (value instanceof Date) {
    return {
      text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10),
      lossy: false,
    };
  }
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if (Array.isArray(cell.richText)) {
      const text = (cell.richText as { text?: unknown }[])
        .map((part) => (typeof part.text === 'string' ? part.text : ''))
        .join('');
      return { text: text.trim(), lossy: false };
    }
    if ('result' in cell || 'formula' in cell || 'sharedFormula' in cell) {
      return cellText(cell.result);
    }
    if (typeof cell.text === 'string') return { text: cell.text.trim(), lossy: false };
    if ('error' in cell) return { text: ERROR_TEXT, lossy: false };
  }
  return { text: '', lossy: false };
}
