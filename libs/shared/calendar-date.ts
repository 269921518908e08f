/** The shape alone (YYYY-MM-DD); a schema publishes it as its pattern. */
export const CALENDAR_DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * True for a real calendar date written YYYY-MM-DD (2024-02-29 yes, 2021-02-29 no).
 * Plain arithmetic, no Date: it also runs in Temporal's workflow sandbox.
 */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE_SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}
