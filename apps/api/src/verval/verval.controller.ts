import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-docs.decorators';
import type { AuthUser } from '@salur/libs/domain/auth';
import type { ReadScope } from '@salur/libs/domain/read-scope';
import { AreaScope, ReadsOnly, Roles } from '../auth/access.decorators';
import { CurrentReadScope, CurrentUser } from '../auth/current-user.decorator';
import { VervalService } from './verval.service';

/**
 * Verval answers and manual review, for the data team and Dinsos (the auditor reads).
 * The acting member is the signed-in user; requestedBy/approvedBy/rejectedBy in a body
 * are ignored.
 */
@ApiTags('verval')
@ApiBearerAuth()
@Controller('verval')
@Roles('tim_data', 'dinsos_admin')
export class VervalController {
  constructor(private readonly verval: VervalService) {}

  /**
   * POST, so the NIK travels in the body and never in a URL or an access log. The auditor
   * asks it too; a kecamatan operator gets the answers of its own kecamatan's allocations.
   */
  @Post('why')
  @Roles('tim_data', 'dinsos_admin', 'auditor', 'kecamatan_operator')
  @ReadsOnly()
  @AreaScope('city')
  @ApiBody({ schema: { example: { nik: '3374015203850001', date: '2021-07-15' } } })
  @ApiErrors(400, 403)
  @HttpCode(200)
  why(@Body() body: unknown, @CurrentReadScope() scope: ReadScope) {
    return this.verval.why(body, scope);
  }

  @Post('overrides')
  @HttpCode(201)
  requestOverride(@Body() body: unknown, @CurrentUser() user: AuthUser) {
    return this.verval.requestOverride(body, user);
  }

  @Post('overrides/:id/approve')
  @HttpCode(200)
  approve(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ) {
    return this.verval.approve(id, body, user);
  }

  @Post('overrides/:id/reject')
  @HttpCode(200)
  reject(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ) {
    return this.verval.reject(id, body, user);
  }

  @Get('overrides')
  list(@Query('status') status?: string) {
    return this.verval.list(status);
  }
}
