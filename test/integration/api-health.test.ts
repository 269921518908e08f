import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '@salur/apps/api/src/app.module';
import { Logger } from 'nestjs-pino';
import { setUpOpenApi } from '@salur/apps/api/src/openapi';
import { configureHttp } from '@salur/apps/api/src/http/configure-http';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import { buildDataSourceOptions } from '@salur/libs/persistence/data-source-options';
import { closedPort } from '../support/services';
import { testConfig } from '../support/test-app';
import { TEST_TEMPORAL_ADDRESS } from '../support/services';
import { eventually } from '../support/sop-driver';
import { captureLogLines } from '../support/log-lines';
import { as, loginAs } from '../support/auth';
import { TemporalClientProvider } from '@salur/libs/temporal';
import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const NIK = '3374014107850001';

/** The API as main.ts builds it, logging at debug into `lines`. */
async function bootApi(
  config: AppConfig,
  lines: Record<string, unknown>[] = [],
  dataSource?: DataSource,
): Promise<INestApplication> {
  let builder = captureLogLines(
    Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(APP_CONFIG)
      .useValue({ ...config, logLevel: 'debug' }),
    lines,
  );
  if (dataSource) builder = builder.overrideProvider(DataSource).useValue(dataSource);
  const app = (await builder.compile()).createNestApplication({ logger: false });
  app.useLogger(app.get(Logger));
  configureHttp(app);
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

  it("logs the route, the caller's id and role, and neither query string nor token", async () => {
    const session = await loginAs(app, 'auditor');
    const res = await as(app, session)
      .get(`/allocations/allocation-t-none-33.74.01?kelurahan=${NIK}`)
      .set('x-request-id', 'route-and-user');
    expect(res.status).toBe(404);
    const line = lines.find((entry) => entry.requestId === 'route-and-user');
    expect(line).toMatchObject({
      level: 'warn',
      context: 'HTTP',
      method: 'GET',
      route: '/allocations/:id',
      path: '/allocations/allocation-t-none-33.74.01',
      status: 404,
      userId: session.userId,
      role: 'auditor',
    });
    expect(JSON.stringify(lines)).not.toContain(NIK);
    expect(JSON.stringify(lines)).not.toContain(session.token);
  });

  it('answers 50 clients polling /ready with 200, probing Temporal once, not 50 times', async () => {
    const client = await app.get(TemporalClientProvider).get();
    const probes = jest.spyOn(client.workflowService, 'getSystemInfo');
    try {
      const answers = await Promise.all(Array.from({ length: 50 }, () => http().get('/ready')));
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      expect(probes.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      probes.mockRestore();
    }
  });

  it('logs a pool warning after the requests that opened its connections with no request id', async () => {
    await loginAs(app, 'auditor');
    const pool = (app.get(DataSource).driver as PostgresDriver).master as Pool & {
      _clients: { processID: number }[];
    };
    const terminate = async (pids: number[]): Promise<void> => {
      const admin = new DataSource(buildDataSourceOptions(testConfig().databaseUrl));
      await admin.initialize();
      try {
        // An idle connection dropped by the server: pg raises it on the pool, TypeORM warns.
        await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
      } finally {
        await admin.destroy();
      }
    };
    // Empty the pool first, so that every connection below is opened while serving a request
    // (the connections of the app's start-up carry no request context to leak).
    await terminate(pool._clients.map((c) => c.processID));
    await eventually(() => {
      expect(pool._clients).toHaveLength(0);
      return Promise.resolve();
    }, 10_000);
    const seen = lines.length;
    // Parallel logins make the pool open connections while serving them.
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        http()
          .post('/auth/login')
          .set('x-request-id', `pool-${i}`)
          .send({ username: 'nobody', password: 'wrong-password' }),
      ),
    );
    const pids = pool._clients.map((c) => c.processID);
    expect(pids.length).toBeGreaterThan(1);
    await terminate(pids);
    const poolWarnings = () =>
      lines.slice(seen).filter((l) => l.context === 'TypeORM' && l.level === 'warn');
    await eventually(() => {
      expect(poolWarnings().length).toBeGreaterThan(0);
      return Promise.resolve();
    }, 10_000);
    expect(poolWarnings().map((w) => w.requestId)).toEqual(poolWarnings().map(() => undefined));
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

  it('answers a read 503 within a couple of seconds while Temporal is unreachable', async () => {
    const config = testConfig();
    const lines: Record<string, unknown>[] = [];
    app = await bootApi(
      {
        ...config,
        temporal: { ...config.temporal, address: `127.0.0.1:${await closedPort()}` },
      },
      lines,
    );
    const session = await loginAs(app, 'auditor');
    const started = Date.now();
    const res = await as(app, session).get('/allocations/allocation-t-gone-33.74.01');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'temporal' });
    expect(Date.now() - started).toBeLessThan(4_000);
    // The filter's warning, written while serving, names the request and the caller.
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        context: 'HTTP',
        message: expect.stringMatching(/^Temporal unreachable/),
        requestId: res.headers['x-request-id'],
        userId: session.userId,
        role: 'auditor',
      }),
    );
  });

  it('answers a read 503 within a couple of seconds when Temporal goes away after it connected', async () => {
    // A TCP relay in front of the test server: closing it is Temporal going away mid-life.
    const sockets = new Set<Socket>();
    const relay = createServer((inbound) => {
      const outbound = createConnection(Number(TEST_TEMPORAL_ADDRESS.split(':')[1]), '127.0.0.1');
      for (const socket of [inbound, outbound]) {
        sockets.add(socket);
        socket.on('error', () => socket.destroy());
        socket.on('close', () => sockets.delete(socket));
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const { port } = relay.address() as { port: number };
    const config = testConfig();
    app = await bootApi({
      ...config,
      temporal: { ...config.temporal, address: `127.0.0.1:${port}` },
    });
    const auditor = as(app, await loginAs(app, 'auditor'));
    // Connected: an unknown allocation is Temporal's own "not found".
    expect((await auditor.get('/allocations/allocation-t-gone-33.74.01')).status).toBe(404);

    await new Promise<void>((resolve) => {
      relay.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    const started = Date.now();
    const res = await auditor.get('/allocations/allocation-t-gone-33.74.01');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'temporal' });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('starts while PostgreSQL is down, reports it on /ready, and connects when it returns', async () => {
    const config = testConfig();
    const port = await closedPort();
    const target = new URL(config.databaseUrl);
    const viaPort = new URL(config.databaseUrl);
    viaPort.port = String(port);
    app = await bootApi({ ...config, databaseUrl: viaPort.toString() });
    await request(app.getHttpServer()).get('/health').expect(200);
    const res = await request(app.getHttpServer()).get('/ready').expect(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      checks: { postgres: 'down', temporal: 'up' },
    });
    expect(res.body.message).toContain('postgres');

    // PostgreSQL "comes back": a TCP relay to it opens on the port the API was given.
    const relay: Server = createServer((socket) => {
      const upstream = createConnection(Number(target.port || 5432), target.hostname);
      socket.pipe(upstream).pipe(socket);
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
    try {
      await eventually(async () => {
        await request(app!.getHttpServer()).get('/ready').expect(200);
      }, 15_000);
    } finally {
      await app.close();
      app = undefined;
      relay.close();
    }
  });
});
