import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { loadConfig } from '../../../libs/config';
import { JsonLogger } from '../../../libs/logging';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

const SDK_LOG_LEVEL: Record<string, LogLevel> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
};

async function bootstrap(): Promise<void> {
  // The SDK's own logs follow LOG_LEVEL too; installed before any worker exists.
  const { logLevel } = loadConfig();
  Runtime.install({ logger: new DefaultLogger(SDK_LOG_LEVEL[logLevel]) });
  // Nest's own lines (and the worker service's) as JSON, like the API's.
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(new JsonLogger({ level: logLevel }));
  app.enableShutdownHooks();
  await app.get(TemporalWorkerService).whenStopped();
  await app.close();
}

bootstrap().catch((error: unknown) => {
  // One JSON line like every other, not Nest's coloured text.
  new JsonLogger({ level: 'error' }).error(
    `Worker failed to start: ${error instanceof Error ? error.message : String(error)}`,
    undefined,
    'Bootstrap',
  );
  process.exit(1);
});
