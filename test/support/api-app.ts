import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '@salur/apps/api/src/app.module';
import { configureHttp } from '@salur/apps/api/src/http/configure-http';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import { captureLogLines } from './log-lines';

/**
 * The whole API on a test configuration: initialised for supertest, or listening on a free
 * port for tests that call it over real HTTP. Close it in afterAll. With `logLines`, its log
 * lines land there (parsed) instead of on stdout.
 */
export async function createTestApi(
  config: AppConfig,
  options: { listen?: boolean; logLines?: Record<string, unknown>[] } = {},
): Promise<INestApplication> {
  let builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config);
  if (options.logLines) builder = captureLogLines(builder, options.logLines);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttp(app);
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  return app;
}
