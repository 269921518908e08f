import fc from 'fast-check';
import { readNationalKecamatanSeed, readRegionSeed } from '../persistence/seed/regions';
import {
  checkPerson,
  daysInMonth,
  isValidDdmmyy,
  isValidKk,
  isValidNik,
  kkProblems,
  nikProblems,
  splitNik,
} from './nik';

const prefixes = readNationalKecamatanSeed().map((k) => k.code.replace(/\./g, ''));
const known = new Set(prefixes);
const isKecamatan = (prefix: string) => known.has(prefix);
const semarangKelurahan = readRegionSeed()
  .filter((r) => r.level === 'kelurahan_desa')
  .map((r) => r.code);
const semarangKelurahanSet = new Set(semarangKelurahan);
const lookups = {
  isKecamatan,
  kotaCode: '33.74',
  isKotaKelurahan: (c: string) => semarangKelurahanSet.has(c),
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const realPrefix = fc.constantFrom(...prefixes);
const semarangPrefix = fc.constantFrom(...prefixes.filter((p) => p.startsWith('3374')));
const otherPrefix = fc.constantFrom(...prefixes.filter((p) => !p.startsWith('3374')));
const validDate = fc
  .record({ month: fc.integer({ min: 1, max: 12 }), yy: fc.integer({ min: 0, max: 99 }) })
  .chain(({ month, yy }) =>
    fc.integer({ min: 1, max: daysInMonth(month, yy) }).map((day) => ({ day, month, yy })),
  );
const serial = fc.integer({ min: 1, max: 9999 }).map((s) => pad(s, 4));

const nikFrom = (prefix: fc.Arbitrary<string>) =>
  fc
    .record({ prefix, date: validDate, female: fc.boolean(), serial })
    .map(
      ({ prefix: p, date, female, serial: s }) =>
        `${p}${pad(date.day + (female ? 40 : 0))}${pad(date.month)}${pad(date.yy)}${s}`,
    );
const validNik = nikFrom(realPrefix);
const kkFrom = (prefix: fc.Arbitrary<string>) =>
  fc
    .record({ prefix, date: validDate, serial })
    .map(
      ({ prefix: p, date, serial: s }) =>
        `${p}${pad(date.day)}${pad(date.month)}${pad(date.yy)}${s}`,
    );
const validKk = kkFrom(realPrefix);

/** Six digits that are not a kecamatan code anywhere in Indonesia. */
const unknownPrefix = fc
  .integer({ min: 0, max: 999_999 })
  .map((n) => pad(n, 6))
  .filter((p) => !known.has(p));
/** A DD (for men) and MM that never make a date. */
const badDayMonth = fc.oneof(
  fc.record({ dd: fc.constantFrom(0, 32, 35, 40, 72, 99), mm: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ dd: fc.integer({ min: 1, max: 28 }), mm: fc.constantFrom(0, 13, 50, 99) }),
  fc.record({ dd: fc.constantFrom(31, 71), mm: fc.constantFrom(4, 6, 9, 11) }),
  fc.record({ dd: fc.constantFrom(30, 70), mm: fc.constant(2) }),
);

describe('NIK', () => {
  it('accepts every structurally valid NIK, for men and women', () => {
    fc.assert(
      fc.property(validNik, (nik) => {
        expect(nikProblems(nik, isKecamatan)).toEqual([]);
      }),
    );
  });

  it('reads the women’s day (DD + 40) back as the real day of birth', () => {
    fc.assert(
      fc.property(realPrefix, validDate, serial, (prefix, date, s) => {
        const nik = `${prefix}${pad(date.day + 40)}${pad(date.month)}${pad(date.yy)}${s}`;
        expect(splitNik(nik)).toMatchObject({ female: true, day: date.day, month: date.month });
      }),
    );
    // Women's days start at 41: a raw 40 is a man's (invalid) day 40, not a woman's day 0.
    expect(splitNik('3374014007850002')).toMatchObject({ female: false, day: 40 });
    expect(splitNik('3374014107850002')).toMatchObject({ female: true, day: 1 });
  });

  it('rejects anything that is not exactly 16 digits', () => {
    const notSixteen = fc.oneof(
      fc.string({ maxLength: 24 }).filter((s) => !/^[0-9]{16}$/.test(s)),
      validNik.map((n) => n.slice(0, 15)),
      validNik.map((n) => `${n}1`),
      fc
        .tuple(validNik, fc.integer({ min: 0, max: 15 }), fc.constantFrom('a', ' ', '-', '.'))
        .map(([n, at, ch]) => `${n.slice(0, at)}${ch}${n.slice(at + 1)}`),
    );
    fc.assert(
      fc.property(notSixteen, (nik) => {
        expect(nikProblems(nik, isKecamatan)).toEqual(['NOT_16_DIGITS']);
      }),
    );
  });

  it('rejects a region prefix that is no kecamatan of Indonesia', () => {
    fc.assert(
      fc.property(validNik, unknownPrefix, (nik, prefix) => {
        expect(nikProblems(`${prefix}${nik.slice(6)}`, isKecamatan)).toEqual(['UNKNOWN_REGION']);
      }),
    );
  });

  it('rejects a date of birth that does not exist, with or without the +40', () => {
    fc.assert(
      fc.property(validNik, badDayMonth, fc.integer({ min: 0, max: 99 }), (nik, bad, yy) => {
        const candidate = `${nik.slice(0, 6)}${pad(bad.dd)}${pad(bad.mm)}${pad(yy)}${nik.slice(12)}`;
        expect(nikProblems(candidate, isKecamatan)).toEqual(['BAD_DATE']);
      }),
    );
  });

  it('takes a date only as whole numbers with a two-digit year', () => {
    expect(isValidDdmmyy(1, 1, 0)).toBe(true);
    expect(isValidDdmmyy(31, 12, 99)).toBe(true);
    for (const [day, month, yy] of [
      [1.5, 1, 21],
      [1, 1.5, 21],
      [1, 1, 21.5],
      [1, 1, 100],
      [1, 1, -4],
    ]) {
      expect(isValidDdmmyy(day, month, yy)).toBe(false);
    }
  });

  it('accepts 29 February only in years divisible by four', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), (yy) => {
        expect(isValidDdmmyy(29, 2, yy)).toBe(yy % 4 === 0);
      }),
    );
  });

  it('rejects serial 0000', () => {
    fc.assert(
      fc.property(validNik, (nik) => {
        expect(nikProblems(`${nik.slice(0, 12)}0000`, isKecamatan)).toEqual(['ZERO_SERIAL']);
      }),
    );
  });
});

describe('No. KK', () => {
  it('accepts every structurally valid No. KK', () => {
    fc.assert(fc.property(validKk, (kk) => expect(isValidKk(kk, isKecamatan)).toBe(true)));
  });

  it('has no +40 rule: a KK issue day above 40 is not a date', () => {
    fc.assert(
      fc.property(validKk, (kk) => {
        const shifted = `${kk.slice(0, 6)}${pad(Number(kk.slice(6, 8)) + 40)}${kk.slice(8)}`;
        expect(kkProblems(shifted, isKecamatan)).toEqual(['BAD_DATE']);
        // The same digits are a valid woman's NIK.
        expect(isValidNik(shifted, isKecamatan)).toBe(true);
      }),
    );
  });

  it('rejects wrong length, unknown region and serial 0000', () => {
    fc.assert(
      fc.property(validKk, unknownPrefix, (kk, prefix) => {
        expect(kkProblems(kk.slice(1), isKecamatan)).toEqual(['NOT_16_DIGITS']);
        expect(kkProblems(`${prefix}${kk.slice(6)}`, isKecamatan)).toEqual(['UNKNOWN_REGION']);
        expect(kkProblems(`${kk.slice(0, 12)}0000`, isKecamatan)).toEqual(['ZERO_SERIAL']);
      }),
    );
  });
});

describe('checkPerson (residency and warnings)', () => {
  const kelurahan = fc.constantFrom(...semarangKelurahan);

  it('accepts a Semarang NIK at a Semarang address, warning only on a kecamatan mismatch', () => {
    fc.assert(
      fc.property(nikFrom(semarangPrefix), kelurahan, (nik, kelurahanCode) => {
        const result = checkPerson({ nik, kelurahanCode }, lookups);
        expect(result.rejections).toEqual([]);
        const sameKecamatan = nik.slice(0, 6) === kelurahanCode.split('.').slice(0, 3).join('');
        expect(result.warnings).toEqual(sameKecamatan ? [] : ['NIK_KECAMATAN_MISMATCH']);
      }),
    );
  });

  it('rejects a NIK from elsewhere without a KK as not resident', () => {
    fc.assert(
      fc.property(nikFrom(otherPrefix), kelurahan, (nik, kelurahanCode) => {
        expect(checkPerson({ nik, kelurahanCode }, lookups).rejections).toEqual(['NOT_RESIDENT']);
      }),
    );
  });

  it('accepts a NIK from elsewhere with a Semarang KK (moved in), with a warning', () => {
    fc.assert(
      fc.property(
        nikFrom(otherPrefix),
        kkFrom(semarangPrefix),
        kelurahan,
        (nik, noKk, kelurahanCode) => {
          const result = checkPerson({ nik, noKk, kelurahanCode }, lookups);
          expect(result.rejections).toEqual([]);
          expect(result.warnings).toContain('NIK_ISSUED_ELSEWHERE');
        },
      ),
    );
  });

  it('rejects an address outside Kota Semarang whatever the numbers say', () => {
    fc.assert(
      fc.property(validNik, (nik) => {
        expect(checkPerson({ nik, kelurahanCode: '33.21.01.2001' }, lookups).rejections).toContain(
          'NOT_RESIDENT',
        );
      }),
    );
  });

  it('rejects an invalid NIK or KK structurally, never as a mismatch', () => {
    fc.assert(
      fc.property(validNik, kelurahan, (nik, kelurahanCode) => {
        const bad = `${nik.slice(0, 12)}0000`;
        expect(checkPerson({ nik: bad, kelurahanCode }, lookups).rejections).toEqual([
          'NIK_INVALID',
        ]);
        expect(checkPerson({ nik, noKk: '12', kelurahanCode }, lookups).rejections).toContain(
          'KK_INVALID',
        );
      }),
    );
  });

  it('rejects a Semarang NIK whose valid KK is from elsewhere (the family moved away)', () => {
    fc.assert(
      fc.property(nikFrom(semarangPrefix), kkFrom(otherPrefix), kelurahan, (nik, noKk, code) => {
        expect(checkPerson({ nik, noKk, kelurahanCode: code }, lookups).rejections).toEqual([
          'NOT_RESIDENT',
        ]);
      }),
    );
  });

  it('reads an empty or null No. KK as no KK, deciding on the NIK', () => {
    fc.assert(
      fc.property(
        nikFrom(semarangPrefix),
        kelurahan,
        fc.constantFrom('', null),
        (nik, code, kk) => {
          expect(checkPerson({ nik, noKk: kk, kelurahanCode: code }, lookups).rejections).toEqual(
            [],
          );
        },
      ),
    );
  });

  it('warns when the KK names another kecamatan than the stated address', () => {
    const address = '33.74.01.1001';
    const nik = '3374011006830236';
    const result = (noKk: string) => checkPerson({ nik, noKk, kelurahanCode: address }, lookups);
    expect(result('3374020101200001')).toEqual({
      rejections: [],
      warnings: ['KK_KECAMATAN_MISMATCH'],
    });
    expect(result('3374010101200001')).toEqual({ rejections: [], warnings: [] });
  });

  it('warns that a NIK was issued elsewhere only when it is a valid NIK', () => {
    const kk = '3374010101200001';
    const address = '33.74.01.1001';
    expect(
      checkPerson({ nik: '3374011006830000', noKk: kk, kelurahanCode: address }, lookups),
    ).toEqual({ rejections: ['NIK_INVALID'], warnings: [] });
  });

  it('gives no mismatch warning for an address outside the city: it is refused anyway', () => {
    expect(
      checkPerson(
        { nik: '3374011006830236', noKk: '3374020101200001', kelurahanCode: '33.21.01.2001' },
        lookups,
      ),
    ).toEqual({ rejections: ['NOT_RESIDENT'], warnings: [] });
  });
});
