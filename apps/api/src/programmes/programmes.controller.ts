import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import type { AuthUser } from '../../../../libs/domain/auth';
import { AreaScope, Roles, SopCommand } from '../auth/access.decorators';
import { CurrentUser } from '../auth/current-user.decorator';
import { ProgrammesService } from './programmes.service';

@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Post()
  @Roles('dinsos_admin', 'tim_data')
  @HttpCode(201)
  start(@Body() body: unknown) {
    return this.programmes.start(body);
  }

  /** Area roles may read it: the service keeps only their own kecamatan's allocation. */
  @Get(':id')
  @AreaScope('city')
  status(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.programmes.status(id, user);
  }

  /** A city-wide decision; Idempotency-Key makes a retried request apply once. */
  @Post(':id/commands/:command')
  @SopCommand('programme')
  @HttpCode(200)
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
