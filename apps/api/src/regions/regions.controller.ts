import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../../../../libs/domain';
import { RegionRepository } from '../../../../libs/persistence';
import { AreaScope } from '../auth/access.decorators';

/** Reference data, the same for everyone signed in. */
@ApiTags('regions')
@ApiBearerAuth()
@Controller('kecamatan')
@AreaScope('city')
export class RegionsController {
  constructor(private readonly regions: RegionRepository) {}

  @Get(':code/kelurahan')
  async kelurahan(@Param('code') code: string) {
    const kecamatan = await this.regions.findKecamatan(code);
    if (!kecamatan) throw new DomainError('NOT_FOUND', `No kecamatan with code ${code}`);
    const list = await this.regions.listKelurahan(code);
    return list.map(({ code: kelurahanCode, name }) => ({ code: kelurahanCode, name }));
  }
}
