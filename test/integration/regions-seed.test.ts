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

  const countsByLevel = async (where: string): Promise<Record<string, number>> => {
    const rows: { level: string; n: number }[] = await dataSource.query(
      `SELECT level, count(*)::int AS n FROM region WHERE ${where} GROUP BY level`,
    );
    return Object.fromEntries(rows.map((row) => [row.level, row.n]));
  };

  it('holds every region of Indonesia, each below its parent', async () => {
    expect(await countsByLevel('true')).toEqual({
      provinsi: 38,
      kabupaten_kota: 514,
      kecamatan: 7285,
      kelurahan_desa: 8496 + 75266,
    });
    const orphans: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM region c LEFT JOIN region p ON p.code = c.parent_code
        WHERE (c.level = 'provinsi') <> (p.code IS NULL)
           OR p.level <> CASE c.level WHEN 'kabupaten_kota' THEN 'provinsi'
                                      WHEN 'kecamatan' THEN 'kabupaten_kota'
                                      ELSE 'kecamatan' END`,
    );
    expect(orphans[0].n).toBe(0);
    const [quoted]: { name: string }[] = await dataSource.query(
      `SELECT name FROM region WHERE code = '12.07.28.1007'`,
    );
    expect(quoted.name).toBe('Lubuk Pakam I,II');
  });

  it('holds Kota Semarang, its 16 kecamatan and 177 kelurahan, in Jawa Tengah', async () => {
    expect(await countsByLevel(`code = '33.74' OR code LIKE '33.74.%'`)).toEqual({
      kabupaten_kota: 1,
      kecamatan: 16,
      kelurahan_desa: 177,
    });
    const [semarang]: { parent: string }[] = await dataSource.query(
      `SELECT p.name AS parent FROM region c JOIN region p ON p.code = c.parent_code WHERE c.code = '33.74'`,
    );
    expect(semarang.parent).toBe('Jawa Tengah');
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
