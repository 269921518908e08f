import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@salur/libs/domain/auth';
import type { ReadScope } from '@salur/libs/domain/read-scope';
import { AreaScope, Roles } from '../auth/access.decorators';
import { ApiErrors, SopCommandRoute } from '../http/api-docs.decorators';
import { CurrentReadScope, CurrentUser } from '../auth/current-user.decorator';
import { ProgrammesService } from './programmes.service';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Post()
  @ApiBody({
    schema: {
      example: {
        programId: 'jps-2021',
        kotaCode: '33.74',
        allocations: [
          { kecamatanCode: '33.74.01', quota: 5600 },
          { kecamatanCode: '33.74.02', quota: 5600 },
        ],
        settings: {
          stepSla: '72h',
          slaByStep: { inspection: '4h' },
          deliveryGrace: '24h',
          amountPerKpm: 600000,
          exclusionRegisters: ['PKH', 'BPNT', 'BST'],
        },
      },
    },
    description:
      '`kotaCode`: the kabupaten/kota (default 33.74, Kota Semarang); every kecamatan must be ' +
      'one of it. `settings` (each optional; the server config fills the rest): durations ' +
      'like 90s, 30m, 72h or 3d, `slaByStep` keyed by step slug, `amountPerKpm` in rupiah, ' +
      '`exclusionRegisters` in force.',
  })
  @ApiResponse({
    status: 201,
    description: 'The programme and one allocation workflow per kecamatan started',
    content: {
      'application/json': {
        example: {
          id: 'programme-jps-2021',
          allocationIds: ['allocation-jps-2021-33.74.01', 'allocation-jps-2021-33.74.02'],
        },
      },
    },
  })
  @ApiErrors(400, 403, 409, 503)
  @Roles('dinsos_admin', 'tim_data')
  @HttpCode(201)
  start(@Body() body: unknown) {
    return this.programmes.start(body);
  }

  /** Area roles and the rekanan may read it: the service keeps only their own allocations. */
  @Get(':id')
  @AreaScope('city')
  status(@Param('id') id: string, @CurrentReadScope() scope: ReadScope) {
    return this.programmes.status(id, scope);
  }

  /** A city-wide decision; Idempotency-Key makes a retried request apply once. */
  @SopCommandRoute('programme')
  command(
    @Param('id') id: string,
    @Param('command') command: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.programmes.command(id, command, body, user, idempotencyKey);
  }
}
