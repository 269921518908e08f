import { isNip } from '../shared';

/**
 * A NIK or No. KK written inside free text, as people write one: 16 contiguous digits
 * ("3374011203850002", also glued to other digits), or 16 digits in groups of 2 to 6 set apart
 * by one separator used throughout — spaces, a dot or a dash ("3374 0112 0385 0002",
 * "3374.0112.0385.0002", "33-74-01-12-03-85-0002", "3374 - 0112 - 0385 - 0002",
 * "33.74.01.120385.0002"). Digits of any script count (a full-width "３３７４..." too).
 *
 * Why not any 16 digits with any separators: ids, codes, times and counts written next to each
 * other reach 16 digits all the time ("allocation-jps-2021-33.74.01 200 12.3ms" in a log line),
 * and reading those as NIKs refused harmless text and masked every such log line. A NIK is
 * written with one kind of separator between short groups; that is what is looked for.
 */
const DIGIT = '\\p{Nd}';
const SEPARATOR = '[\\s.\\-\\u2010-\\u2015]';
/** Digits with up to three separator characters between them: where a NIK may sit. */
const DIGIT_CLUSTER = `${DIGIT}+(?:${SEPARATOR}{1,3}${DIGIT}+)*`;
// A UUID (batch ids, request ids, user ids) has 32 hex digits, never a NIK, but its groups are
// often all decimal digits: it is matched first and left alone.
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const UUID_OR_CLUSTER = new RegExp(`(${UUID})|${DIGIT_CLUSTER}`, 'gu');
const GROUPS_AND_SEPARATORS = new RegExp(`(${DIGIT}+)|(${SEPARATOR}+)`, 'gu');

const NIK_DIGITS = 16;
const MIN_GROUP = 2;
const MAX_GROUP = 6;

/** Code points, not UTF-16 units: digits of some scripts take two units. */
const digitCount = (group: string) => Array.from(group).length;
/** Separators that read alike count as one kind: any run of spaces, any dash. */
const separatorKind = (separator: string) =>
  separator.replace(/\s+/gu, ' ').replace(/[\u2010-\u2015]/gu, '-');

/** Does a run of groups, all set apart by the same separator, hold 16 digits in a row of them? */
function holdsWrittenNik(groups: readonly string[]): boolean {
  for (let start = 0; start < groups.length; start++) {
    let digits = 0;
    for (let i = start; i < groups.length; i++) {
      const size = digitCount(groups[i]);
      if (size < MIN_GROUP || size > MAX_GROUP) break;
      digits += size;
      if (digits === NIK_DIGITS) return true;
      if (digits > NIK_DIGITS) break;
    }
  }
  return false;
}

/**
 * A cluster of digits and separators with each NIK in it replaced by `mask(run)`: a contiguous
 * run of 16 or more digits, or the whole stretch of groups (same separator) that holds one.
 */
function maskCluster(cluster: string, mask: (run: string) => string): string {
  const groups: string[] = [];
  const separators: string[] = [];
  for (const [, group, separator] of cluster.matchAll(GROUPS_AND_SEPARATORS)) {
    if (group !== undefined) groups.push(group);
    else separators.push(separator);
  }
  const masked = new Array<boolean>(groups.length).fill(false);
  // Stretches of groups joined by one kind of separator; the group where the kind changes
  // ends one stretch and starts the next.
  let first = 0;
  while (first < groups.length - 1) {
    const kind = separatorKind(separators[first]);
    let last = first + 1;
    while (last + 1 < groups.length && separatorKind(separators[last]) === kind) last++;
    if (holdsWrittenNik(groups.slice(first, last + 1))) masked.fill(true, first, last + 1);
    first = last;
  }
  let out = '';
  let i = 0;
  while (i < groups.length) {
    if (!masked[i]) {
      const group = groups[i];
      out += digitCount(group) >= NIK_DIGITS ? mask(group) : group;
      if (i < separators.length) out += separators[i];
      i++;
      continue;
    }
    let run = groups[i];
    let j = i + 1;
    while (j < groups.length && masked[j]) run += separators[j - 1] + groups[j++];
    out += mask(run);
    if (j - 1 < separators.length) out += separators[j - 1];
    i = j;
  }
  return out;
}

/** The text with every NIK in it replaced by `mask(run)`; UUIDs stay. */
export function replaceNiks(text: string, mask: (run: string) => string): string {
  return text.replace(UUID_OR_CLUSTER, (match, uuid: string | undefined) =>
    uuid === undefined ? maskCluster(match, mask) : match,
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
  return Object.entries(value).flatMap(([key, item]) => {
    if (containsNik(key)) {
      return [{ field: path, reason: `has a field name that ${NIK_IN_TEXT_REASON}` }];
    }
    // An official's NIP (18 digits) under a signature is no citizen's number: its structure
    // (isNip) is one no NIK or KK number can have.
    if (key === 'nip' && isNip(item)) return [];
    return nikProblemsIn(item, `${path}.${key}`, depth + 1);
  });
}
