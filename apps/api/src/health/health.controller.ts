import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { type Readiness, ReadinessService } from './readiness.service';

const READINESS_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ready', 'unavailable'] },
    code: { type: 'string', example: 'SERVICE_UNAVAILABLE' },
    message: { type: 'string', example: 'Not ready: temporal is down' },
    checks: {
      type: 'object',
      properties: {
        postgres: { type: 'string', enum: ['up', 'down'] },
        temporal: { type: 'string', enum: ['up', 'down'] },
      },
    },
  },
};

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly terminus: HealthCheckService,
    private readonly readiness: ReadinessService,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Alive: the process answers (no dependency is checked)' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { example: 'alive' } } } })
  async health(): Promise<{ status: 'alive' }> {
    // Liveness checks nothing outside the process: a PostgreSQL outage must not get it restarted.
    await this.terminus.check([]);
    return { status: 'alive' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Ready: PostgreSQL and Temporal are reachable' })
  @ApiOkResponse({
    schema: READINESS_SCHEMA,
    example: { status: 'ready', checks: { postgres: 'up', temporal: 'up' } },
  })
  @ApiServiceUnavailableResponse({ schema: READINESS_SCHEMA, description: 'names what is down' })
  async ready(
    @Res({ passthrough: true }) response: Response,
  ): Promise<Readiness | (Readiness & { code: string; message: string })> {
    const readiness = await this.readiness.check();
    if (readiness.status === 'ready') return readiness;
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    const down = Object.entries(readiness.checks)
      .filter(([, state]) => state === 'down')
      .map(([name]) => name);
    return {
      ...readiness,
      code: 'SERVICE_UNAVAILABLE',
      message: `Not ready: ${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down`,
    };
  }
}
