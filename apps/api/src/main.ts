import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import { AppModule } from './app.module';
import { createLogger } from '@salur/libs/logging';
import { setUpOpenApi } from './openapi';
import { configureHttp } from './http/configure-http';

async function bootstrap(): Promise<void> {
  // Nest's start-up lines wait for the pino logger instead of going to its console logger.
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  configureHttp(app);
  setUpOpenApi(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.api.port, '127.0.0.1');
  logger.log(`API listening on http://127.0.0.1:${config.api.port}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // One JSON line like every other, not Nest's coloured text.
  createLogger({ level: 'error' }).error(
    { context: 'Bootstrap' },
    `API failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
