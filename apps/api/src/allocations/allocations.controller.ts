import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@salur/libs/domain/auth';
import { AreaScope, Roles } from '../auth/access.decorators';
import { ApiErrors, ApiExample, SopCommandRoute } from '../http/api-docs.decorators';
import { ALLOCATION_VIEW_EXAMPLE } from '../http/openapi-examples';
import { CurrentUser } from '../auth/current-user.decorator';
import { AllocationsService } from './allocations.service';

/** Every route is scoped to the kecamatan of the allocation in `:id` (AuthGuard). */
@ApiTags('allocations')
@ApiBearerAuth()
@Controller('allocations')
@AreaScope('allocation')
export class AllocationsController {
  constructor(private readonly allocations: AllocationsService) {}

  @Get(':id')
  @ApiExample(
    'Where the allocation stands: step, phase, allowed events, counts, stuck flag, and who must act (users) since when',
    ALLOCATION_VIEW_EXAMPLE,
  )
  @ApiErrors(401, 404, 503)
  status(@Param('id') id: string) {
    return this.allocations.statusWithMustAct(id);
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

  /**
   * A batch uploaded and never submitted (a first try replaced by a corrected file) is
   * removed with its persons; a submitted batch is under verval: 409.
   */
  @Post(':id/batches/:batchId/discard')
  @Roles('kecamatan_operator')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  discardBatch(@Param('id') id: string, @Param('batchId') batchId: string) {
    return this.allocations.discardBatch(id, batchId);
  }

  @Post(':id/returned/:recipientId/withdraw')
  @Roles('kecamatan_operator')
  @HttpCode(200)
  withdraw(@Param('id') id: string, @Param('recipientId') recipientId: string) {
    return this.allocations.fixReturned(id, recipientId, 'withdraw', {});
  }

  /**
   * Body: the corrected { nik, kelurahanCode, noKk?, covidImpact? } (a No. KK or impact left
   * out is kept); the person goes back under review.
   */
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
  @SopCommandRoute('allocation')
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
