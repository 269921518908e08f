import fc from 'fast-check';

/** Test data only (kept out of the build): NIKs written the ways people write them. */
export const digits = (length: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length })
    .map((d) => d.join(''));

/** Sizes of 3 to 8 groups of 2 to 6 digits that add up to 16. */
const groupSizes = fc
  .array(fc.integer({ min: 2, max: 6 }), { minLength: 3, maxLength: 8 })
  .filter((sizes) => sizes.reduce((a, b) => a + b, 0) === 16);

/**
 * A 16-digit number written contiguous, or in groups of 2 to 6 digits with one separator used
 * throughout (spaces, a dot, a dash, with or without spaces around it).
 */
export const writtenNik = fc.oneof(
  digits(16),
  fc
    .tuple(
      digits(16),
      groupSizes,
      fc.constantFrom(' ', '  ', '.', '-', '\u00a0', '\u2013', ' - ', '\t', ' . '),
    )
    .map(([nik, sizes, separator]) => {
      const groups: string[] = [];
      let at = 0;
      for (const size of sizes) {
        groups.push(nik.slice(at, at + size));
        at += size;
      }
      return groups.join(separator);
    }),
);

/** Text around a written NIK that does not glue more digits to it. */
export const textBefore = fc.string().filter((s) => !/\p{Nd}$/u.test(s));
export const textAfter = fc.string().filter((s) => !/^\p{Nd}/u.test(s));
