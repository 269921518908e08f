import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@salur/libs/domain/auth';
import { Roles } from '../auth/access.decorators';
import { CurrentUser } from '../auth/current-user.decorator';
import { SkService } from './sk.service';

/**
 * The Walikota's SK of a programme, its verification and its amendments. City-wide
 * documents: not for area roles. Who requests or decides is the signed-in user.
 */
@ApiTags('sk')
@ApiBearerAuth()
@Controller()
@Roles('dinsos_admin', 'tim_data', 'sk_approver')
export class SkController {
  constructor(private readonly sk: SkService) {}

  @Get('programmes/:programId/sk')
  list(@Param('programId') programId: string) {
    return this.sk.list(programId);
  }

  /** Counts per kecamatan and kelurahan; recipients by record id only, never by NIK. */
  @Get('sk/:id')
  get(@Param('id') id: string) {
    return this.sk.get(id);
  }

  @Get('sk/:id/verify')
  verify(@Param('id') id: string) {
    return this.sk.verify(id);
  }

  /** Body: { reason, add?: recipientId[], remove?: recipientId[] }. */
  @Post('sk/:id/amendments')
  @Roles('dinsos_admin', 'tim_data')
  @HttpCode(201)
  requestAmendment(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthUser) {
    return this.sk.requestAmendment(id, body, user);
  }

  /** Body: { skNo? }; the approver must not be who requested it. */
  @Post('sk-amendments/:id/approve')
  @Roles('dinsos_admin', 'sk_approver')
  @HttpCode(200)
  approveAmendment(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthUser) {
    return this.sk.approveAmendment(id, body, user);
  }

  /** Body: { reason }; the amending SK is kept, marked rejected. */
  @Post('sk-amendments/:id/reject')
  @Roles('dinsos_admin', 'sk_approver')
  @HttpCode(200)
  rejectAmendment(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthUser) {
    return this.sk.rejectAmendment(id, body, user);
  }
}
