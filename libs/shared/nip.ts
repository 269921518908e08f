import { isCalendarDate } from './calendar-date';

/** An NIP as typed (18 digits) or as printed under a signature ("19680512 199403 1 007"). */
const NIP_SHAPE = /^(\d{4})(\d{2})(\d{2}) ?(\d{4})(\d{2}) ?([12]) ?(\d{3})$/;

/**
 * A civil servant's NIP (PP 11/2017): date of birth, year and month of appointment, sex (1 or
 * 2), serial. Checked by its structure, which no NIK or KK number with digits added can pass:
 * their first digits are a province code (11-94), never a birth year of 19xx/20xx followed by
 * an appointment year of 19xx/20xx where a NIK has a month.
 */
export function isNip(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = NIP_SHAPE.exec(value);
  if (!match) return false;
  // Written apart, it is written as printed: all four groups, one space each.
  if (value.includes(' ') && value.split(' ').length !== 4) return false;
  const [, year, month, day, appointedYear, appointedMonth] = match;
  const born = Number(year);
  const appointed = Number(appointedYear);
  return (
    born >= 1900 &&
    isCalendarDate(`${year}-${month}-${day}`) &&
    appointed >= born + 15 &&
    appointed <= 2100 &&
    Number(appointedMonth) >= 1 &&
    Number(appointedMonth) <= 12
  );
}

/**
 * An NIP as it is printed under a signature: its four groups apart ("19680512 199403 1 007"),
 * however it was typed. Anything else is returned as it is.
 */
export function printedNip(nip: string): string {
  const match = NIP_SHAPE.exec(nip);
  if (!match) return nip;
  const [, year, month, day, appointedYear, appointedMonth, sex, serial] = match;
  return `${year}${month}${day} ${appointedYear}${appointedMonth} ${sex} ${serial}`;
}
