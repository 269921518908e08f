import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import { ROOT_LOGGER, temporalLogger } from '@salur/libs/logging';

/**
 * The Temporal SDK's lines (its own, and workflow and activity logs) through the process's pino
 * logger, at LOG_LEVEL. Installed on module init: before the worker service, on bootstrap,
 * makes the first connection (which would install the SDK's default runtime).
 */
@Injectable()
export class TemporalRuntimeLog implements OnModuleInit {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  onModuleInit(): void {
    Runtime.install({ logger: temporalLogger(this.logger) });
  }
}
