import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ProgrammesService } from './programmes.service';

@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Post()
  @HttpCode(201)
  start(@Body() body: unknown) {
    return this.programmes.start(body);
  }

  @Get(':id')
  status(@Param('id') id: string) {
    return this.programmes.status(id);
  }

  /** A city-wide decision; Idempotency-Key makes a retried request apply once. */
  @Post(':id/commands/:command')
  @HttpCode(200)
  command(
    @Param('id') id: string,
    @Param('command') command: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.programmes.command(id, command, body, idempotencyKey);
  }
}
