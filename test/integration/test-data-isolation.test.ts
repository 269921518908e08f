import fc from 'fast-check';
import { kkProblems, nikProblems, splitNik } from '@salur/libs/domain/nik';
import {
  LISTED,
  MAX_TEST_FILES,
  numbersPerFile,
  RESIDENTS,
  semarangNik,
  testIdNumber,
  type IdRange,
} from '../support/factories';

/**
 * Test files run in parallel on one database and each loads the factories afresh: the NIKs
 * and No. KKs of two files must never be the same, nor a resident's be a listed person's.
 */
describe('test data of parallel test files', () => {
  const regions = [
    ...Array.from({ length: 16 }, (_, i) => `3374${String(i + 1).padStart(2, '0')}`),
    '332101',
  ];
  const isKecamatan = (prefix: string) => regions.includes(prefix);
  const capacity = (range: IdRange) => numbersPerFile(range) - 1;
  const fileIndex = fc.integer({ min: 0, max: MAX_TEST_FILES - 1 });
  // Serials near the start and the end of a file's block, where neighbours would meet.
  const serial = (range: IdRange) =>
    fc.oneof(
      fc.integer({ min: 0, max: 30_000 }),
      fc.integer({ min: capacity(range) - 30_000, max: capacity(range) }),
    );

  it('gives two files, or a resident and a listed person, different numbers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(RESIDENTS, LISTED),
        fc.constantFrom(RESIDENTS, LISTED),
        fileIndex,
        // The other file: the same, the next one or any.
        fc.oneof(fc.constant(0), fc.constant(1), fileIndex),
        serial(LISTED),
        // The other serial: often the same, else near it.
        fc.oneof(fc.constant(0), fc.integer({ min: -20_000, max: 20_000 })),
        fc.boolean(),
        fc.boolean(),
        (rangeA, rangeB, fileA, offset, n, delta, femaleA, femaleB) => {
          const fileB = (fileA + offset) % MAX_TEST_FILES;
          const m = Math.max(0, Math.min(n + delta, capacity(rangeB)));
          const a = testIdNumber('337401', rangeA, n, { fileIndex: fileA, female: femaleA });
          const b = testIdNumber('337401', rangeB, m, { fileIndex: fileB, female: femaleB });
          const same = rangeA === rangeB && fileA === fileB && n === m && femaleA === femaleB;
          expect(a === b).toBe(same);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('makes valid NIKs, and valid No. KKs for men, with residents born in 00-39', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...regions),
        fc.constantFrom(RESIDENTS, LISTED),
        fileIndex,
        serial(LISTED),
        fc.boolean(),
        (region, range, file, n, female) => {
          const value = testIdNumber(region, range, n, { fileIndex: file, female });
          expect(nikProblems(value, isKecamatan)).toEqual([]);
          if (!female) expect(kkProblems(value, isKecamatan)).toEqual([]);
          const year = splitNik(value)!.yy;
          expect(range === RESIDENTS ? year < 40 : year >= 90).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses to repeat a file’s numbers once its block is used up', () => {
    expect(() => testIdNumber('337401', LISTED, capacity(LISTED) + 1, { fileIndex: 0 })).toThrow(
      /used more than/,
    );
  });

  it('counts within this file: no number twice', () => {
    const niks = Array.from({ length: 30_000 }, () => semarangNik('33.74.01'));
    expect(new Set(niks).size).toBe(niks.length);
  });
});
