import type { DataSource } from 'typeorm';
import { RegionRepository } from '@salur/libs/persistence/region.repository';
import { openTestDataSource } from '../support/test-app';

describe('region seed migration', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('holds Kota Semarang, its 16 kecamatan and 177 kelurahan', async () => {
    const counts: { level: string; n: number }[] = await dataSource.query(
      'SELECT level, count(*)::int AS n FROM region GROUP BY level ORDER BY level',
    );
    expect(counts).toEqual([
      { level: 'kabupaten_kota', n: 1 },
      { level: 'kecamatan', n: 16 },
      { level: 'kelurahan_desa', n: 177 },
    ]);
  });

  it('links each kelurahan to its kecamatan', async () => {
    const regions = new RegionRepository(dataSource);
    const tengah = await regions.findKecamatan('33.74.01');
    expect(tengah?.name).toBe('Semarang Tengah');
    const kelurahan = await regions.listKelurahan('33.74.01');
    expect(kelurahan[0]).toMatchObject({ code: '33.74.01.1001', name: 'Miroto' });
    expect(kelurahan.every((k) => k.parentCode === '33.74.01')).toBe(true);
  });
});
