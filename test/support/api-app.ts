import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { securityHeaders } from '../../apps/api/src/auth/security-headers';
import { APP_CONFIG, type AppConfig } from '../../libs/config';

/**
 * The whole API on a test configuration: initialised for supertest, or listening on a free
 * port for tests that call it over real HTTP. Close it in afterAll.
 */
export async function createTestApi(
  config: AppConfig,
  options: { listen?: boolean } = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.use(securityHeaders());
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  return app;
}
