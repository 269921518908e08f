import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { createLogger } from '@salur/libs/logging';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // Nest's own lines (and the worker service's) as JSON through pino, like the API's; the
  // Temporal SDK's go through the same logger (TemporalRuntimeLog).
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.get(TemporalWorkerService).whenStopped();
  await app.close();
}

bootstrap().catch((error: unknown) => {
  // One JSON line like every other, not Nest's coloured text.
  createLogger({ level: 'error' }).error(
    { context: 'Bootstrap' },
    `Worker failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
