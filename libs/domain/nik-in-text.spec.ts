import fc from 'fast-check';
import { containsNik } from './nik-in-text';

const digits = (length: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length })
    .map((d) => d.join(''));
const separator = fc
  .array(fc.constantFrom(' ', '.', '-', '\u00a0', '\u2013', '\t'), { maxLength: 3 })
  .map((s) => s.join(''));

/** A 16-digit number written with any single separator (or none) between any digits. */
const writtenNik = fc
  .tuple(digits(16), fc.array(separator, { minLength: 15, maxLength: 15 }))
  .map(([nik, seps]) => [...nik].map((d, i) => d + (seps[i] ?? '')).join(''));

describe('containsNik', () => {
  it.each([
    '3374011203850002',
    'NIK 3374 0112 0385 0002 reported twice',
    'see 3374.0112.0385.0002',
    '33-74-01-12-03-85-0002',
    '33.74.01.120385.0002',
    'kk:3374011203850002x',
    '３３７４０１１２０３８５０００２',
    '3374  0112  0385  0002',
    '3374 - 0112 - 0385 - 0002',
  ])('finds the NIK in "%s"', (text) => {
    expect(containsNik(text)).toBe(true);
  });

  it.each([
    'parcel 12 damaged, replaced on 2021-07-14',
    'kelurahan 33.74.01.1001, 140 parcels',
    'phone 0812 3456 7890',
    'SPK 027/PPK/2021 of 12 July',
    '3374 0112 0385 000',
    '3374 0112 / 0385 0002',
  ])('lets "%s" through', (text) => {
    expect(containsNik(text)).toBe(false);
  });

  it('finds a NIK however it is written, wherever it sits in any text', () => {
    fc.assert(
      fc.property(fc.string(), writtenNik, fc.string(), (before, nik, after) => {
        expect(containsNik(before + nik + after)).toBe(true);
      }),
    );
  });

  it('never takes a UUID (batch, request or user id) for one, even one of mostly digits', () => {
    expect(containsNik('batch 12345678-1234-4234-8234-123456789012 submitted')).toBe(false);
    expect(containsNik('f3bc2379-8812-4603-9571-36812f22bf44')).toBe(false);
    fc.assert(
      fc.property(fc.uuid(), (uuid) => {
        expect(containsNik(`batchId ${uuid}`)).toBe(false);
      }),
    );
  });

  it('never finds one in text with fewer than 16 digits', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre((text.match(/\p{Nd}/gu) ?? []).length < 16);
        expect(containsNik(text)).toBe(false);
      }),
    );
  });
});
