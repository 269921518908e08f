import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../../../libs/config';
import { AppModule } from './app.module';
import { JsonLogger } from '../../../libs/logging';
import { setUpOpenApi } from './openapi';
import { configureHttp } from './http/configure-http';

async function bootstrap(): Promise<void> {
  // Nest's start-up lines wait for the JSON logger instead of going to its console logger.
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(JsonLogger));
  app.enableShutdownHooks();
  configureHttp(app);
  setUpOpenApi(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.api.port, '127.0.0.1');
  app.get(JsonLogger).log(`API listening on http://127.0.0.1:${config.api.port}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // One JSON line like every other, not Nest's coloured text.
  new JsonLogger({ level: 'error' }).error(
    `API failed to start: ${error instanceof Error ? error.message : String(error)}`,
    undefined,
    'Bootstrap',
  );
  process.exit(1);
});
