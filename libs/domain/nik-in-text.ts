/**
 * A NIK or No. KK written inside free text: 16 digits, contiguous or split by up to three
 * spaces, dots or dashes between two digits, as people write them ("3374 0112 0385 0002",
 * "3374.0112.0385.0002", "33-74-01-12-03-85-0002", "3374 - 0112 - 0385 - 0002"). Digits of any script count (a
 * full-width "３３７４..." too). The price: 16 digits that happen to be written close together
 * with such separators (a kelurahan code followed by a date) read as a NIK; free text is refused
 * rather than risk one in workflow history.
 */
const DIGIT = '\\p{Nd}';
const SEPARATOR = '[\\s.\\-\\u2010-\\u2015]';
const NIK_RUN = `${DIGIT}(?:${SEPARATOR}{0,3}${DIGIT}){15,}`;
// A UUID (batch ids, request ids, user ids) has 32 hex digits, never a NIK, but its groups are
// often all decimal digits: it is matched first and left alone.
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const NIK_OR_UUID = new RegExp(`(${UUID})|${NIK_RUN}`, 'gu');

/** The text with every NIK-like run (longest match) replaced by `mask(run)`; UUIDs stay. */
export function replaceNiks(text: string, mask: (run: string) => string): string {
  return text.replace(NIK_OR_UUID, (match, uuid: string | undefined) =>
    uuid === undefined ? mask(match) : match,
  );
}

/** Does this free text hold a NIK or No. KK number in any of the ways people write one? */
export function containsNik(text: string): boolean {
  let found = false;
  replaceNiks(text, (run) => {
    found = true;
    return run;
  });
  return found;
}

/** The reason a free-text field holding one is refused (never the value itself). */
export const NIK_IN_TEXT_REASON =
  'must not contain a NIK or No. KK number (16 digits, also when written with spaces, dots or dashes)';

/**
 * Every string in a JSON value (keys included) that holds a NIK, named by its path
 * (`payload.followUp`, `payload.items[2]`); a key that holds one is named by its parent, so
 * no answer repeats it. Depth is bounded: a body nested deeper is refused by its parser anyway.
 */
export function nikProblemsIn(
  value: unknown,
  path: string,
  depth = 0,
): { field: string; reason: string }[] {
  if (typeof value === 'string') {
    return containsNik(value) ? [{ field: path, reason: NIK_IN_TEXT_REASON }] : [];
  }
  if (depth > 20 || typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => nikProblemsIn(item, `${path}[${i}]`, depth + 1));
  }
  return Object.entries(value).flatMap(([key, item]) =>
    containsNik(key)
      ? [{ field: path, reason: `has a field name that ${NIK_IN_TEXT_REASON}` }]
      : nikProblemsIn(item, `${path}.${key}`, depth + 1),
  );
}
