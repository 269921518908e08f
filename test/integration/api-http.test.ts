import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { KecamatanAttr } from '@salur/libs/temporal';
import { outsiderNik, residents } from '../support/factories';
import { eventually, SopDriver } from '../support/sop-driver';
import {
  openTestDataSource,
  startTestWorker,
  testConfig,
  testProgramId,
} from '../support/test-app';
import { as, loginAs } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { DOCUMENT_FACT_EXAMPLES } from '@salur/libs/sop/document-fact-examples';

/** Through every layer: HTTP → workflow update → activity → rows in PostgreSQL → query. */
describe('the API drives the SOP', () => {
  const config = testConfig();
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let sop: SopDriver;
  let tim: ReturnType<typeof as>;
  let operator: ReturnType<typeof as>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    sop = await SopDriver.connect(config, dataSource);
    app = await createTestApi(config);
    tim = as(app, await loginAs(app, 'tim_data'));
    operator = as(app, await loginAs(app, 'kecamatan_operator', '33.74.11'));
  });
  afterAll(async () => {
    await app?.close();
    await sop?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('starts a programme, takes steps 1-4 over HTTP and returns rejected persons without their NIK', async () => {
    const programId = testProgramId();
    const kec = '33.74.11';
    const created = await tim
      .post('/programmes')
      .send({ programId, allocations: [{ kecamatanCode: kec, quota: 4 }] })
      .expect(201);
    expect(created.body).toEqual({
      id: `programme-${programId}`,
      allocationIds: [`allocation-${programId}-${kec}`],
    });
    const allocation = `/allocations/allocation-${programId}-${kec}`;

    await eventually(async () => {
      const res = await tim.get(`/programmes/programme-${programId}`).expect(200);
      expect(res.body.allocations[0].allowed).toContain('SEND_QUOTA_LETTER');
    });

    // Out of order: 409 with the current step and what is allowed.
    const early = await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(409);
    expect(early.body).toMatchObject({
      code: 'TRANSITION_REFUSED',
      stepNo: 1,
      step: 'quota-letter',
    });
    expect(early.body.allowed.map((e: { type: string }) => e.type)).toEqual(['SEND_QUOTA_LETTER']);

    await tim
      .post(`/programmes/programme-${programId}/commands/SEND_QUOTA_LETTER`)
      .send({ payload: { letterNo: 'SE-001' } })
      .expect(200);
    const bad = await operator
      .post(`${allocation}/commands/SUBMIT_REQUEST_LETTER`)
      .send({
        payload: { letterNo: 'L-1', letterDate: '12-07-2021' },
      })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['letterDate', 'acknowledgedByCamat']),
    );
    await operator
      .post(`${allocation}/commands/SUBMIT_REQUEST_LETTER`)
      .send({
        payload: {
          letterNo: 'L-1',
          letterDate: '2021-07-12',
          acknowledgedByCamat: true,
          ...DOCUMENT_FACT_EXAMPLES.SUBMIT_REQUEST_LETTER,
        },
      })
      .expect(200);

    const persons = [
      ...residents(kec, ['33.74.11.1001', '33.74.11.1002'], 4),
      { nik: outsiderNik(), kelurahanCode: '33.74.11.1001' },
    ];
    const badUpload = await operator
      .post(`${allocation}/proposals`)
      .send({ persons: [{ nik: '1', kelurahanCode: '33.74.01.1001' }] })
      .expect(400);
    expect(badUpload.body.fields).toEqual([
      { field: 'persons[0].nik', reason: 'must be 16 digits' },
      {
        field: 'persons[0].kelurahanCode',
        reason: 'must be a kelurahan code of kecamatan 33.74.11',
      },
    ]);
    const batch = await operator.post(`${allocation}/proposals`).send({ persons }).expect(201);
    await operator
      .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
      .send({ payload: { ...batch.body } })
      .expect(200);
    // The role comes from the token: naming another role in the body changes nothing.
    const wrongRole = await operator
      .post(`${allocation}/commands/RUN_VERVAL`)
      .send({ role: 'tim_data', actorId: 'u-1' })
      .expect(403);
    expect(wrongRole.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    expect(wrongRole.body.message).toMatch(/tim_data/);
    const verval = await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
    expect(verval.body).toMatchObject({
      phase: 'verval.returned-to-kecamatan',
      counts: { accepted: 4, rejected: 1 },
    });

    const returned = await operator.get(`${allocation}/returned`).expect(200);
    expect(returned.body).toEqual([
      {
        recipientId: expect.any(String),
        kelurahanCode: '33.74.11.1001',
        reasons: ['NOT_RESIDENT'],
      },
    ]);
    expect(JSON.stringify(returned.body)).not.toMatch(/\d{16}/);
    await operator
      .post(`${allocation}/returned/${returned.body[0].recipientId}/withdraw`)
      .expect(200);
    await operator.post(`${allocation}/commands/RESUBMIT_CORRECTIONS`).send({}).expect(200);

    const status = await tim.get(allocation).expect(200);
    expect(status.body).toMatchObject({
      stepNo: 5,
      step: 'sk',
      stuck: false,
      counts: { accepted: 4, withdrawn: 1 },
    });
    const runs: { n: number }[] = await dataSource.query(
      'SELECT count(*)::int AS n FROM verval_run WHERE workflow_id = $1',
      [`allocation-${programId}-${kec}`],
    );
    expect(runs[0].n).toBe(1);
    const description = await sop.client.workflow
      .getHandle(`allocation-${programId}-${kec}`)
      .describe();
    expect(description.typedSearchAttributes.get(KecamatanAttr)).toBe(kec);
  });

  it('answers 400 naming the field for an unknown kecamatan, and 409 for a programme started twice', async () => {
    const unknown = await tim
      .post('/programmes')
      .send({ programId: testProgramId(), allocations: [{ kecamatanCode: '33.74.99', quota: 5 }] })
      .expect(400);
    expect(unknown.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        { field: 'allocations[0].kecamatanCode', reason: expect.stringContaining('33.74.99') },
      ],
    });

    const body = {
      programId: testProgramId(),
      allocations: [{ kecamatanCode: '33.74.12', quota: 5 }],
    };
    const answers = await Promise.all([
      tim.post('/programmes').send(body),
      tim.post('/programmes').send(body),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  it('answers 404 for an allocation that does not exist', async () => {
    const res = await tim.get(`/allocations/allocation-${testProgramId()}-33.74.01`).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
