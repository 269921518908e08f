import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { VervalService } from './verval.service';

/**
 * Verval answers and manual review. Until authentication exists the acting member's id
 * is taken from the body (requestedBy, approvedBy, rejectedBy).
 */
@Controller('verval')
export class VervalController {
  constructor(private readonly verval: VervalService) {}

  /** POST, so the NIK travels in the body and never in a URL or an access log. */
  @Post('why')
  @HttpCode(200)
  why(@Body() body: unknown) {
    return this.verval.why(body);
  }

  @Post('overrides')
  @HttpCode(201)
  requestOverride(@Body() body: unknown) {
    return this.verval.requestOverride(body);
  }

  @Post('overrides/:id/approve')
  @HttpCode(200)
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown) {
    return this.verval.approve(id, body);
  }

  @Post('overrides/:id/reject')
  @HttpCode(200)
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown) {
    return this.verval.reject(id, body);
  }

  @Get('overrides')
  list(@Query('status') status?: string) {
    return this.verval.list(status);
  }
}
