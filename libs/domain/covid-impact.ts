/**
 * The SOP's criterion "warga terdampak Covid-19": the proposal's `dampak_covid` column names
 * how the household was hit, as one or more of these values, separated by commas
 * ("Kehilangan pekerjaan, Usaha tutup"). The SOP lists no values; these are the ones the
 * kecamatan use (and the synthetic generator writes). Adding one changes the verval ruleset
 * (docs/verval.md).
 */
export const COVID_IMPACTS = [
  { id: 'Kehilangan pekerjaan', en: 'Lost their job' },
  { id: 'Usaha tutup', en: 'Business closed' },
  { id: 'Penghasilan turun', en: 'Income fell' },
  { id: 'Isolasi mandiri', en: 'In self-isolation' },
] as const;

export type CovidImpact = (typeof COVID_IMPACTS)[number]['id'];

/** Separates the values of one cell. */
export const COVID_IMPACT_SEPARATOR = ',';

/**
 * Trimmed around each value: spaces, tabs, line breaks and the no-break space. A named set,
 * not String.prototype.trim, so that verval's SQL (btrim with these characters) trims alike.
 */
export const COVID_IMPACT_BLANKS = ' \t\n\r\u00a0';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/**
 * One value as it is compared: trimmed, ASCII letters lower-cased (the allowed values are
 * ASCII, so no other letter could match; SQL's translate() does the same in any locale).
 * Only for comparing: the stored value is never changed.
 */
export function covidImpactKey(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && COVID_IMPACT_BLANKS.includes(value[start])) start++;
  while (end > start && COVID_IMPACT_BLANKS.includes(value[end - 1])) end--;
  return value.slice(start, end).replace(/[A-Z]/g, (c) => LOWER[UPPER.indexOf(c)]);
}

/** The allowed values as they are compared (covidImpactKey), for verval's SQL too. */
export const COVID_IMPACT_KEYS: readonly string[] = COVID_IMPACTS.map((i) => covidImpactKey(i.id));

/**
 * The allowed values a stated `dampak_covid` names, in the table's spelling; undefined when
 * it is missing or any of its values is not allowed (verval's COVID_IMPACT_INVALID).
 */
export function readCovidImpacts(value: string | null | undefined): CovidImpact[] | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const impacts: CovidImpact[] = [];
  for (const part of value.split(COVID_IMPACT_SEPARATOR)) {
    const index = COVID_IMPACT_KEYS.indexOf(covidImpactKey(part));
    if (index < 0) return undefined;
    impacts.push(COVID_IMPACTS[index].id);
  }
  return impacts;
}

/** The allowed values as a list for messages: "Kehilangan pekerjaan, Usaha tutup, ...". */
export const COVID_IMPACT_CHOICES = COVID_IMPACTS.map((i) => i.id).join(', ');
