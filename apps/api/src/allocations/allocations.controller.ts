import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AllocationsService } from './allocations.service';

@Controller('allocations')
export class AllocationsController {
  constructor(private readonly allocations: AllocationsService) {}

  @Post()
  @HttpCode(201)
  start(@Body() body: unknown) {
    return this.allocations.start(body);
  }

  @Get(':id')
  status(@Param('id') id: string) {
    return this.allocations.status(id);
  }
}
