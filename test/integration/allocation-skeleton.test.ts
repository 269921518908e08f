import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { APP_CONFIG } from '../../libs/config';
import { KecamatanAttr, ProgramIdAttr } from '../../libs/temporal';
import {
  openTestDataSource,
  startTestWorker,
  testConfig,
  testProgramId,
} from '../support/test-app';

/** The walking skeleton: HTTP → workflow → activity → row in PostgreSQL → query. */
describe('allocation skeleton through every layer', () => {
  const config = testConfig();
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let temporal: Client;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(config)
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    temporal = new Client({
      connection: await Connection.connect({ address: config.temporal.address }),
    });
  });

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await temporal?.connection.close();
    await dataSource?.destroy();
  });

  it('starts an allocation, records the quota letter in PostgreSQL and answers its state', async () => {
    const programId = testProgramId();
    const created = await request(app.getHttpServer())
      .post('/allocations')
      .send({ programId, kecamatanCode: '33.74.01', quota: 1200 })
      .expect(201);
    const id = created.body.id as string;
    expect(id).toBe(`allocation-${programId}-33.74.01`);

    const status = await eventually(async () => {
      const res = await request(app.getHttpServer()).get(`/allocations/${id}`).expect(200);
      expect(res.body.quotaLetterRecordId).toBeDefined();
      return res.body;
    });
    expect(status).toMatchObject({ id, programId, kecamatanCode: '33.74.01', quota: 1200 });

    const rows: { step: string; data: { quota: number } }[] = await dataSource.query(
      'SELECT step, data FROM sop_step_record WHERE workflow_id = $1',
      [id],
    );
    expect(rows).toEqual([
      { step: 'quota-letter', data: expect.objectContaining({ quota: 1200 }) },
    ]);

    const description = await temporal.workflow.getHandle(id).describe();
    expect(description.typedSearchAttributes.get(KecamatanAttr)).toBe('33.74.01');
    expect(description.typedSearchAttributes.get(ProgramIdAttr)).toBe(programId);
  });

  it('refuses an unknown kecamatan code with 400 naming the field', async () => {
    const res = await request(app.getHttpServer())
      .post('/allocations')
      .send({ programId: testProgramId(), kecamatanCode: '33.74.99', quota: 10 })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fields).toEqual([
      { field: 'kecamatanCode', reason: expect.stringContaining('33.74.99') },
    ]);
  });

  it('refuses a malformed body with every bad field named', async () => {
    const res = await request(app.getHttpServer())
      .post('/allocations')
      .send({ kecamatanCode: 'Tembalang', quota: 'many' })
      .expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'programId',
      'kecamatanCode',
      'quota',
    ]);
  });

  it('answers 409 for the same allocation started twice and runs only one workflow', async () => {
    const programId = testProgramId();
    const body = { programId, kecamatanCode: '33.74.10', quota: 50 };
    const [first, second] = await Promise.all([
      request(app.getHttpServer()).post('/allocations').send(body),
      request(app.getHttpServer()).post('/allocations').send(body),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const conflict = first.status === 409 ? first : second;
    expect(conflict.body.code).toBe('ALREADY_EXISTS');

    const runs = [];
    for await (const run of temporal.workflow.list({
      query: `WorkflowId = 'allocation-${programId}-33.74.10'`,
    })) {
      runs.push(run);
    }
    expect(runs).toHaveLength(1);
  });

  it('answers 404 for an allocation that does not exist', async () => {
    const res = await request(app.getHttpServer())
      .get(`/allocations/allocation-${testProgramId()}-33.74.01`)
      .expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});

async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
