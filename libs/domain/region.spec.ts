import { parentRegionCode, regionLevelOf } from './region';

describe('region codes', () => {
  it.each([
    ['33', 'provinsi'],
    ['33.74', 'kabupaten_kota'],
    ['33.74.01', 'kecamatan'],
    ['33.74.01.1001', 'kelurahan_desa'],
    ['3374', undefined],
    ['x33.74', undefined],
    ['33.741', undefined],
    ['133.74.01', undefined],
    ['33.74.01.10011', undefined],
    ['33.74.01.1001.1', undefined],
  ])('%s is a %s code', (code, level) => {
    expect(regionLevelOf(code)).toBe(level);
  });

  it('finds the parent of a kelurahan, a kecamatan and a kabupaten/kota', () => {
    expect(parentRegionCode('33.74.01.1001')).toBe('33.74.01');
    expect(parentRegionCode('33.74.01')).toBe('33.74');
    expect(parentRegionCode('33.74')).toBe('33');
    expect(parentRegionCode('33')).toBeUndefined();
  });
});
