/**
 * How a NIK is shown outside PostgreSQL: twelve asterisks and its last four digits
 * (`************0001`). The last four are the serial within a region and birth date, so
 * they tell nothing about the person on their own, yet let a kecamatan operator match a
 * row to the person in their own files. The first twelve (region and date of birth) are
 * never shown. A stored value too short to be a NIK is masked whole.
 */
export const NIK_VISIBLE_DIGITS = 4;
/** Shorter stored values (not a NIK at all) show no digit. */
export const NIK_SHORTEST_WITH_TAIL = 12;
const MASKED_LENGTH = 16;

/** The masked form, from the last digits of a NIK (null or anything else: show none). */
export function maskedNik(tail: string | null): string {
  const shown = tail?.length === NIK_VISIBLE_DIGITS ? tail : '';
  return '*'.repeat(MASKED_LENGTH - shown.length) + shown;
}

/** The masked form of a full NIK, for code that holds one. */
export function maskNik(nik: string): string {
  return maskedNik(nik.length >= NIK_SHORTEST_WITH_TAIL ? nik.slice(-NIK_VISIBLE_DIGITS) : null);
}
