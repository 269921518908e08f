import { Injectable } from '@nestjs/common';
import { DataSource, Like } from 'typeorm';
import { RegionEntity } from './entities/region.entity';

@Injectable()
export class RegionRepository {
  constructor(private readonly dataSource: DataSource) {}

  findKecamatan(code: string): Promise<RegionEntity | null> {
    return this.dataSource.getRepository(RegionEntity).findOneBy({ code, level: 'kecamatan' });
  }

  findKabupatenKota(code: string): Promise<RegionEntity | null> {
    return this.dataSource.getRepository(RegionEntity).findOneBy({ code, level: 'kabupaten_kota' });
  }

  /** Which of these codes are regions (of any level). */
  async existingCodes(codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows: { code: string }[] = await this.dataSource.query(
      'SELECT code FROM region WHERE code = ANY($1::text[])',
      [codes],
    );
    return new Set(rows.map((row) => row.code));
  }

  /** Every kecamatan and kelurahan of a kabupaten/kota in code order: each kecamatan, then its kelurahan. */
  listKecamatanAndKelurahan(kotaCode: string): Promise<RegionEntity[]> {
    return this.dataSource.getRepository(RegionEntity).find({
      where: { code: Like(`${kotaCode}.%`) },
      order: { code: 'ASC' },
    });
  }

  listKelurahan(kecamatanCode: string): Promise<RegionEntity[]> {
    return this.dataSource.getRepository(RegionEntity).find({
      where: { parentCode: kecamatanCode, level: 'kelurahan_desa' },
      order: { code: 'ASC' },
    });
  }
}
