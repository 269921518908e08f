import { createServer } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { JsonLogger } from '../../libs/logging';
import { setUpOpenApi } from '../../apps/api/src/openapi';
import { APP_CONFIG, type AppConfig } from '../../libs/config';
import { buildDataSourceOptions } from '../../libs/persistence/data-source-options';
import { testConfig } from '../support/test-app';

const NIK = '3374014107850001';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The API as main.ts builds it, with the JSON logger writing into `lines`. */
async function bootApi(
  config: AppConfig,
  lines: Record<string, unknown>[] = [],
  dataSource?: DataSource,
): Promise<INestApplication> {
  const logger = new JsonLogger({
    level: 'debug',
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  let builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(JsonLogger)
    .useValue(logger);
  if (dataSource) builder = builder.overrideProvider(DataSource).useValue(dataSource);
  const app = (await builder.compile()).createNestApplication({ logger: false });
  app.useLogger(logger);
  setUpOpenApi(app);
  await app.init();
  return app;
}

describe('health, readiness, request ids and logs', () => {
  const lines: Record<string, unknown>[] = [];
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await bootApi(testConfig(), lines);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers /health without touching any dependency', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'alive' });
  });

  it('answers /ready 200 when PostgreSQL and Temporal are both up', async () => {
    const res = await http().get('/ready').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { postgres: 'up', temporal: 'up' } });
  });

  it('returns a request id on every answer, keeping a safe incoming one', async () => {
    const fresh = await http().get('/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await http().get('/ready').set('x-request-id', 'trace-42');
    expect(kept.headers['x-request-id']).toBe('trace-42');
    const unsafe = await http().get('/no-such-route').set('x-request-id', `id-${NIK}`);
    expect(unsafe.status).toBe(404);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one JSON line per request, with the NIK in its path masked', async () => {
    const res = await http().get(`/persons/${NIK}/bast`).set('x-request-id', 'nik-in-path');
    expect(res.status).toBe(404);
    const line = lines.find((entry) => entry.requestId === 'nik-in-path');
    expect(line).toMatchObject({
      level: 'warn',
      context: 'HTTP',
      method: 'GET',
      path: '/persons/3374************/bast',
      status: 404,
    });
    expect(typeof line?.durationMs).toBe('number');
    expect(typeof line?.time).toBe('string');
    expect(JSON.stringify(lines)).not.toContain(NIK);
  });

  it('serves a valid OpenAPI 3 document listing health and programmes', async () => {
    const res = await http().get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.info).toMatchObject({ title: 'Salur API', version: expect.any(String) });
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/ready', '/programmes']),
    );
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    await http().get('/docs').expect(200);
  });
});

describe('readiness when a backing service is down', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers /ready 503 naming temporal when its address is a closed port', async () => {
    const config = testConfig();
    app = await bootApi({
      ...config,
      temporal: { ...config.temporal, address: `127.0.0.1:${await closedPort()}` },
    });
    const res = await request(app.getHttpServer()).get('/ready').expect(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      code: 'SERVICE_UNAVAILABLE',
      checks: { postgres: 'up', temporal: 'down' },
    });
    expect(res.body.message).toContain('temporal');
  });

  // TypeORM retries and then fails the whole boot when PostgreSQL is down; this stands in
  // for that with a DataSource that never connected (what the API holds in that case).
  it('answers /ready 503 naming postgres when the data source is not connected', async () => {
    const deadUrl = `postgres://postgres@127.0.0.1:${await closedPort()}/salur`;
    app = await bootApi(testConfig(), [], new DataSource(buildDataSourceOptions(deadUrl)));
    const res = await request(app.getHttpServer()).get('/ready').expect(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      checks: { postgres: 'down', temporal: 'up' },
    });
    expect(res.body.message).toContain('postgres');
  });
});
