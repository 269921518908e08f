import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import type { AuthUser } from '../../../../libs/domain/auth';
import { AreaScope, Roles, SopCommand } from '../auth/access.decorators';
import { CurrentUser } from '../auth/current-user.decorator';
import { AllocationsService } from './allocations.service';

/** Every route is scoped to the kecamatan of the allocation in `:id` (AuthGuard). */
@Controller('allocations')
@AreaScope('allocation')
export class AllocationsController {
  constructor(private readonly allocations: AllocationsService) {}

  @Get(':id')
  status(@Param('id') id: string) {
    return this.allocations.status(id);
  }

  @Get(':id/returned')
  @Roles('dinsos_admin', 'tim_data', 'kecamatan_operator', 'kelurahan_operator')
  returned(@Param('id') id: string) {
    return this.allocations.returned(id);
  }

  @Post(':id/proposals')
  @Roles('kecamatan_operator')
  @HttpCode(201)
  uploadProposals(@Param('id') id: string, @Body() body: unknown) {
    return this.allocations.uploadProposals(id, body);
  }

  @Post(':id/returned/:recipientId/withdraw')
  @Roles('kecamatan_operator')
  @HttpCode(200)
  withdraw(@Param('id') id: string, @Param('recipientId') recipientId: string) {
    return this.allocations.fixReturned(id, recipientId, 'withdraw', {});
  }

  /** Body: the corrected { nik, kelurahanCode }; the person goes back under review. */
  @Post(':id/returned/:recipientId/correct')
  @Roles('kecamatan_operator')
  @HttpCode(200)
  correct(
    @Param('id') id: string,
    @Param('recipientId') recipientId: string,
    @Body() body: unknown,
  ) {
    return this.allocations.fixReturned(id, recipientId, 'correct', body);
  }

  /** One SOP step's transition; Idempotency-Key makes a retried request apply once. */
  @Post(':id/commands/:command')
  @SopCommand('allocation')
  @HttpCode(200)
  command(
    @Param('id') id: string,
    @Param('command') command: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.allocations.command(id, command, body, user, idempotencyKey);
  }
}
