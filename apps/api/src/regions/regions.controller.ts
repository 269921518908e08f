import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  DomainError,
  isKecamatanCodeFormat,
  KABUPATEN_KOTA_CODE,
  KOTA_SEMARANG_CODE,
  ValidationFailed,
} from '@salur/libs/domain';
import { RegionRepository } from '@salur/libs/persistence';
import type { RegionEntity } from '@salur/libs/persistence/entities/region.entity';
import { AreaScope } from '../auth/access.decorators';

const regionView = ({ code, name, level, parentCode }: RegionEntity) => ({
  code,
  name,
  level,
  parentCode,
});

/** Reference data (Kepmendagri codes and names), the same for everyone signed in. */
@ApiTags('regions')
@ApiBearerAuth()
@Controller()
@AreaScope('city')
export class RegionsController {
  constructor(private readonly regions: RegionRepository) {}

  @Get('kecamatan/:code/kelurahan')
  async kelurahan(@Param('code') code: string) {
    const kecamatan = await this.regions.findKecamatan(code);
    if (!kecamatan) throw new DomainError('NOT_FOUND', `No kecamatan with code ${code}`);
    const list = await this.regions.listKelurahan(code);
    return list.map(({ code: kelurahanCode, name }) => ({ code: kelurahanCode, name }));
  }

  /**
   * The codes an operator types into `kode_kelurahan` (docs/import.md). A list like every
   * other, `{ items, nextCursor }`; one kabupaten/kota's regions (at most a few thousand)
   * fit one page, so the cursor is always null.
   */
  @Get('regions')
  @ApiOperation({
    summary:
      'Kecamatan and kelurahan codes of one kabupaten/kota (Kota Semarang unless asked), in code order',
  })
  @ApiQuery({
    name: 'kota',
    required: false,
    example: '33.74',
    description: 'the kabupaten/kota whose kecamatan and kelurahan to list (default 33.74)',
  })
  @ApiQuery({
    name: 'kecamatan',
    required: false,
    example: '33.74.14',
    description: 'only this kecamatan and its kelurahan (the codes its import file may use)',
  })
  @ApiResponse({
    status: 200,
    schema: {
      example: {
        items: [
          { code: '33.74.14', name: 'Mijen', level: 'kecamatan', parentCode: '33.74' },
          {
            code: '33.74.14.1001',
            name: 'Cangkiran',
            level: 'kelurahan_desa',
            parentCode: '33.74.14',
          },
        ],
        nextCursor: null,
      },
    },
  })
  async list(@Query('kecamatan') kecamatan?: unknown, @Query('kota') kota?: unknown) {
    if (kecamatan === undefined) {
      const kotaCode = kota ?? KOTA_SEMARANG_CODE;
      if (typeof kotaCode !== 'string' || !KABUPATEN_KOTA_CODE.test(kotaCode)) {
        throw new ValidationFailed([
          { field: 'kota', reason: 'must be a kabupaten/kota code like 33.74' },
        ]);
      }
      if (!(await this.regions.findKabupatenKota(kotaCode))) {
        throw new DomainError('NOT_FOUND', `No kabupaten/kota with code ${kotaCode}`);
      }
      const all = await this.regions.listKecamatanAndKelurahan(kotaCode);
      return { items: all.map(regionView), nextCursor: null };
    }
    if (typeof kecamatan !== 'string' || !isKecamatanCodeFormat(kecamatan)) {
      throw new ValidationFailed([
        { field: 'kecamatan', reason: 'must be a kecamatan code like 33.74.01' },
      ]);
    }
    const found = await this.regions.findKecamatan(kecamatan);
    if (!found) throw new DomainError('NOT_FOUND', `No kecamatan with code ${kecamatan}`);
    const kelurahan = await this.regions.listKelurahan(kecamatan);
    return { items: [found, ...kelurahan].map(regionView), nextCursor: null };
  }
}
