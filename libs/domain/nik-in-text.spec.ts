import fc from 'fast-check';
import { containsNik, NIK_IN_TEXT_REASON, nikProblemsIn, replaceNiks } from './nik-in-text';
import { textAfter, textBefore, writtenNik } from './nik-in-text.arbitrary';

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
    '3374 - 0112 - 0385 - 0002 12 orang',
    'x 7.3374 0112 0385 0002, 2 KK',
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
    // Ids, codes, counts and times side by side reach 16 digits, but not as a NIK is written.
    'GET /allocations/allocation-jps-2021-1796650837-33.74.01 500 29079.2ms',
    'allocation-jps-2021-33.74.01 200 12.3ms',
    'dikirim 2021-07-12 - 2021-07-13, 5.164 paket',
  ])('lets "%s" through', (text) => {
    expect(containsNik(text)).toBe(false);
  });

  it('finds a NIK however it is written, wherever it sits in any text', () => {
    fc.assert(
      fc.property(textBefore, writtenNik, textAfter, (before, nik, after) => {
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

describe('replaceNiks', () => {
  const bracket = (run: string) => `[${run}]`;

  it.each([
    ['NIK 3374011203850002.', 'NIK [3374011203850002].'],
    ['NIK 3374 0112 0385 0002, 12 orang', 'NIK [3374 0112 0385 0002], 12 orang'],
    // The stretch ends where the separator changes; what follows it stays as written.
    ['3374.0112.0385.0002 - 12 paket', '[3374.0112.0385.0002] - 12 paket'],
    ['x 7.3374 0112 0385 0002, 2 KK', 'x 7.[3374 0112 0385 0002], 2 KK'],
    ['rt 03 - 3374-0112-0385-0002', 'rt 03 - [3374-0112-0385-0002]'],
    ['kelurahan 33.74.01.1001, 140 paket', 'kelurahan 33.74.01.1001, 140 paket'],
  ])('hands the whole written NIK in "%s" to the mask', (text, masked) => {
    expect(replaceNiks(text, bracket)).toBe(masked);
  });
});

describe('nikProblemsIn', () => {
  const nik = '3374 0112 0385 0002';
  /** `{ a: { a: … { note } } }` with the object holding `note` `levels` below the top. */
  const nested = (levels: number, leaf: unknown = { note: nik }): unknown => {
    let value = leaf;
    for (let i = 0; i < levels; i++) value = { a: value };
    return value;
  };

  it('lets an official’s NIP through under nip, and nowhere else', () => {
    expect(
      nikProblemsIn({ camat: { name: 'Drs. Bambang', nip: '196805121994031007' } }, 'payload'),
    ).toEqual([]);
    expect(nikProblemsIn({ camat: { nip: '19680512 199403 1 007' } }, 'payload')).toEqual([]);
    expect(nikProblemsIn({ camat: { nip: '337401410785000100' } }, 'payload')).toEqual([
      { field: 'payload.camat.nip', reason: NIK_IN_TEXT_REASON },
    ]);
    expect(nikProblemsIn({ note: '196805121994031007' }, 'payload')).toEqual([
      { field: 'payload.note', reason: NIK_IN_TEXT_REASON },
    ]);
  });

  it('finds a NIK in a string 21 levels down, naming its path', () => {
    expect(nikProblemsIn(nested(20), 'payload')).toEqual([
      { field: `payload${'.a'.repeat(20)}.note`, reason: NIK_IN_TEXT_REASON },
    ]);
    expect(nikProblemsIn(['x', [nik]], 'payload')).toEqual([
      { field: 'payload[1][0]', reason: NIK_IN_TEXT_REASON },
    ]);
  });

  it('stays bounded on a body nested far deeper, never overflowing the stack', () => {
    expect(nikProblemsIn(nested(100_000), 'payload')).toEqual([]);
    expect(nikProblemsIn(nested(50_000, [nik]), 'payload')).toEqual([]);
  });

  it('names a key holding a NIK by its parent, without the key', () => {
    expect(nikProblemsIn({ ok: { [nik]: 'x' } }, 'payload')).toEqual([
      { field: 'payload.ok', reason: `has a field name that ${NIK_IN_TEXT_REASON}` },
    ]);
    expect(nikProblemsIn(3374011203850002, 'payload')).toEqual([]);
    expect(nikProblemsIn(null, 'payload')).toEqual([]);
  });
});
