import { ALLOCATION_ID, KECAMATAN_CODE, KELURAHAN_CODE, PROGRAMME_REF, UUID } from './patterns';

describe('shared patterns', () => {
  it('reads the programme and the kecamatan out of an allocation id', () => {
    expect(ALLOCATION_ID.exec('allocation-jps-2021-33.74.01')?.slice(1)).toEqual([
      'jps-2021',
      '33.74.01',
    ]);
    expect(ALLOCATION_ID.exec('allocation-t-1a2b-33.74.16')?.slice(1)).toEqual([
      't-1a2b',
      '33.74.16',
    ]);
    for (const bad of [
      'programme-jps-2021',
      'x-allocation-jps-2021-33.74.05',
      'allocation-x-33.74.05/../33.74.01',
      'allocation-jps-2021-33.74.01.1001',
      `allocation-${'a'.repeat(64)}-33.74.01`,
    ]) {
      expect([bad, ALLOCATION_ID.test(bad)]).toEqual([bad, false]);
    }
  });

  it('tells kecamatan from kelurahan codes, and a programme from its workflow id', () => {
    expect([KECAMATAN_CODE.test('33.74.01'), KECAMATAN_CODE.test('33.74.01.1001')]).toEqual([
      true,
      false,
    ]);
    expect([KELURAHAN_CODE.test('33.74.01.1001'), KELURAHAN_CODE.test('33.74.01')]).toEqual([
      true,
      false,
    ]);
    expect(
      ['jps-2021', 'programme-jps-2021', 'x', 'Jps'].map((t) => PROGRAMME_REF.test(t)),
    ).toEqual([true, true, false, false]);
    expect(UUID.test('0B8E0C2A-5F1D-4E7A-9C3B-2D6F8A1E4C70')).toBe(true);
    expect(UUID.test('0b8e0c2a-5f1d-4e7a-9c3b-2d6f8a1e4c7')).toBe(false);
  });
});
