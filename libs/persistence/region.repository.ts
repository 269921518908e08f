import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RegionEntity } from './entities/region.entity';

@Injectable()
export class RegionRepository {
  constructor(private readonly dataSource: DataSource) {}

  findKecamatan(code: string): Promise<RegionEntity | null> {
    return this.dataSource.getRepository(RegionEntity).findOneBy({ code, level: 'kecamatan' });
  }

  listKelurahan(kecamatanCode: string): Promise<RegionEntity[]> {
    return this.dataSource.getRepository(RegionEntity).find({
      where: { parentCode: kecamatanCode, level: 'kelurahan_desa' },
      order: { code: 'ASC' },
    });
  }
}
