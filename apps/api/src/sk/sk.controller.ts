import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { SkService } from './sk.service';

/** The Walikota's SK of a programme, its verification and its amendments. */
@Controller()
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

  /** Body: { reason, add?: recipientId[], remove?: recipientId[], requestedBy }. */
  @Post('sk/:id/amendments')
  @HttpCode(201)
  requestAmendment(@Param('id') id: string, @Body() body: unknown) {
    return this.sk.requestAmendment(id, body);
  }

  /** Body: { approvedBy, skNo? }; approvedBy must not be who requested it. */
  @Post('sk-amendments/:id/approve')
  @HttpCode(200)
  approveAmendment(@Param('id') id: string, @Body() body: unknown) {
    return this.sk.approveAmendment(id, body);
  }

  /** Body: { rejectedBy, reason }; the amending SK is kept, marked rejected. */
  @Post('sk-amendments/:id/reject')
  @HttpCode(200)
  rejectAmendment(@Param('id') id: string, @Body() body: unknown) {
    return this.sk.rejectAmendment(id, body);
  }
}
