/**
 * How a NIK or No. KK is read from what a person typed, the same for every way in: CSV,
 * XLSX and JSON (docs/import.md, "NIK and No. KK"). Pure; the file import applies the
 * same rules in SQL from the patterns below (libs/import/validation.ts), and
 * test/integration/import-id-numbers.test.ts checks that every way in agrees.
 *
 * - Spaces around the value are dropped.
 * - One leading apostrophe, Excel's "keep this as text" mark, is dropped: the digits
 *   after it are exactly what was typed.
 * - A value written as a number (scientific notation such as `3.37401E+15`, or a decimal
 *   part such as `.0`) is refused: the number it came from kept only 15 digits, so the
 *   NIK may be someone else's. Never repaired, since the lost digits cannot be known.
 */

/** Excel's mark for "keep this as text", typed before the value. */
export const TEXT_MARK = "'";

/** A NIK or No. KK after the mark: exactly 16 digits. */
export const ID_NUMBER_PATTERN = '^[0-9]{16}$';

/**
 * Digits written as a number: a decimal part (`.0`, `,0` under a decimal-comma locale),
 * an exponent, or both; plain digits do not match. PostgreSQL and JavaScript read it alike.
 */
export const WRITTEN_AS_NUMBER_PATTERN = '^[0-9]+([.,][0-9]+([eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)$';

export const ID_NUMBER_REASONS = {
  required: 'is required',
  digits16: 'must be 16 digits',
  writtenAsNumber:
    'was written as a number (scientific notation or a decimal part) and may have lost digits; format the column as Text and type it again',
  numberCell:
    'was stored as a number, which keeps only 15 digits and drops a leading 0; format the column as Text and type it again',
} as const;

export type IdNumberReading =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

const ID_NUMBER = new RegExp(ID_NUMBER_PATTERN);
const WRITTEN_AS_NUMBER = new RegExp(WRITTEN_AS_NUMBER_PATTERN);

/** The value without spaces around it and without one leading text mark. */
export function normaliseIdNumber(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.startsWith(TEXT_MARK) ? trimmed.slice(TEXT_MARK.length) : trimmed;
}

/** A NIK or No. KK as typed: its 16 digits, or why it is refused (never quoting it). */
export function readIdNumber(raw: string): IdNumberReading {
  if (raw.trim() === '') return { ok: false, reason: ID_NUMBER_REASONS.required };
  const value = normaliseIdNumber(raw);
  if (ID_NUMBER.test(value)) return { ok: true, value };
  if (WRITTEN_AS_NUMBER.test(value)) {
    return { ok: false, reason: ID_NUMBER_REASONS.writtenAsNumber };
  }
  return { ok: false, reason: ID_NUMBER_REASONS.digits16 };
}
