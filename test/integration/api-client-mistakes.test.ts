import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ProposalRepository, RegionRepository } from '@salur/libs/persistence';
import { residents } from '../support/factories';
import { eventually, SopDriver } from '../support/sop-driver';
import { openTestDataSource, startTestWorker, testConfig } from '../support/test-app';
import { as, loginAs } from '../support/auth';
import { createTestApi } from '../support/api-app';

const NIK = '3374011006830236';

/** A client's mistake answers 4xx with a reason, never a 500 (issue 12). */
describe("the API answers a client's mistakes with 4xx", () => {
  const config = testConfig();
  let app: INestApplication;
  const logLines: Record<string, unknown>[] = [];
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let tim: ReturnType<typeof as>;
  let operator: ReturnType<typeof as>;
  let sop: SopDriver;
  const kec = '33.74.02';

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    sop = await SopDriver.connect(config, dataSource);
    app = await createTestApi(config, { logLines });
    tim = as(app, await loginAs(app, 'tim_data'));
    operator = as(app, await loginAs(app, 'kecamatan_operator', kec));
  });
  afterAll(async () => {
    await app?.close();
    await sop?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  const allocationPath = () => `/allocations/${sop.allocationId(kec)}`;

  /** An allocation at step 3 with a batch of `count` persons uploaded, not yet submitted. */
  async function atProposals(count: number): Promise<{ batchId: string }> {
    await sop.startProgramme([{ kecamatanCode: kec, quota: count }]);
    await sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-12' });
    await sop.act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', {
      letterNo: `460/${kec}/2021`,
      letterDate: '2021-07-12',
      acknowledgedByCamat: true,
    });
    const kelurahan = (await new RegionRepository(dataSource).listKelurahan(kec)).map(
      (k) => k.code,
    );
    return new ProposalRepository(dataSource).createBatch({
      programId: sop.programId,
      kecamatanCode: kec,
      workflowId: sop.allocationId(kec),
      persons: residents(kec, kelurahan, count),
    });
  }

  describe('a body the parsers refuse', () => {
    it('answers 413 for a JSON body over the limit, and logs it with request id, path and status', async () => {
      const persons = Array.from({ length: 120_000 }, () => ({
        nik: NIK,
        kelurahanCode: '33.74.02.1001',
      }));
      const res = await operator
        .post(`${allocationPath()}/proposals`)
        .set('x-request-id', 'too-large-1')
        .send({ persons })
        .expect(413);
      expect(res.body).toEqual({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringMatching(/larger than the 5 MB limit/),
      });
      expect(res.headers['x-request-id']).toBe('too-large-1');
      // pino-http runs before the body parsers, so the refused request has its line too.
      await eventually(() => {
        expect(logLines).toContainEqual(
          expect.objectContaining({
            requestId: 'too-large-1',
            context: 'HTTP',
            method: 'POST',
            path: `${allocationPath()}/proposals`,
            status: 413,
          }),
        );
        return Promise.resolve();
      });
      expect(JSON.stringify(logLines)).not.toContain(NIK);
    });

    it('answers 415 for a body in latin1', async () => {
      const res = await tim
        .post('/programmes')
        .set('Content-Type', 'application/json; charset=latin1')
        .send(JSON.stringify({ programId: 'kota-ü', allocations: [] }))
        .expect(415);
      expect(res.body).toEqual({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.stringMatching(/UTF-8/),
      });
    });

    it('answers 400 for broken JSON without quoting the body', async () => {
      const res = await tim
        .post('/programmes')
        .set('Content-Type', 'application/json')
        .send(`{"programId": "x", "nik": "${NIK}",`)
        .expect(400);
      expect(res.body).toEqual({ code: 'BAD_REQUEST', message: 'The body is not valid JSON' });
      expect(JSON.stringify(res.body)).not.toContain(NIK);
    });
  });

  describe('SOP commands', () => {
    it("answers an activity's own refusal with 400 naming the field, an overlong Idempotency-Key with 400, a reused one with 422", async () => {
      const { batchId } = await atProposals(4);
      const submit = `${allocationPath()}/commands/SUBMIT_PROPOSALS`;

      const wrongCount = await operator
        .post(submit)
        .send({ payload: { batchId, proposedCount: 5 } })
        .expect(400);
      expect(wrongCount.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'proposedCount', reason: expect.stringMatching(/holds 4 persons/) }],
      });

      // A batch of another allocation is not this allocation's.
      const other = await new ProposalRepository(dataSource).createBatch({
        programId: sop.programId,
        kecamatanCode: '33.74.03',
        workflowId: `allocation-${sop.programId}-33.74.03`,
        persons: residents('33.74.03', ['33.74.03.1001'], 4),
      });
      const foreign = await operator
        .post(submit)
        .send({ payload: { batchId: other.batchId, proposedCount: 4 } })
        .expect(400);
      expect(foreign.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'batchId', reason: expect.stringMatching(/no proposal batch/) }],
      });

      const overlong = await operator
        .post(submit)
        .set('Idempotency-Key', 'k'.repeat(5000))
        .send({ payload: { batchId, proposedCount: 4 } })
        .expect(400);
      expect(overlong.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'Idempotency-Key', reason: expect.any(String) }],
      });
      expect(JSON.stringify(overlong.body)).not.toContain('kkkk');

      const key = `submit-${sop.programId}`;
      const first = await operator
        .post(submit)
        .set('Idempotency-Key', key)
        .send({ payload: { batchId, proposedCount: 4 } })
        .expect(200);
      expect(first.body).toMatchObject({ step: 'verval', counts: { proposed: 4 } });
      // The same key with another payload is refused, and applies nothing. (The same
      // request again is a retry: api-command-retry.test.ts.)
      const reused = await operator
        .post(submit)
        .set('Idempotency-Key', key)
        .send({ payload: { batchId, proposedCount: 3 } })
        .expect(422);
      expect(reused.body).toEqual({
        code: 'IDEMPOTENCY_KEY_REUSED',
        field: 'Idempotency-Key',
        message: expect.stringMatching(/already used for another command or payload/),
      });
      const records: { n: number }[] = await dataSource.query(
        `SELECT count(*)::int AS n FROM sop_step_record WHERE workflow_id = $1 AND step = 'proposal-input'`,
        [sop.allocationId(kec)],
      );
      expect(records[0].n).toBe(1);
      expect((await tim.get(allocationPath()).expect(200)).body).toMatchObject({
        transitions: first.body.transitions,
      });
    });
  });
});

/** A finished allocation still answers GET; a command on it says why it is refused. */
describe('commands on a completed allocation', () => {
  const config = testConfig();
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let sop: SopDriver;
  const kec = '33.74.01';

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    sop = await SopDriver.connect(config, dataSource);
    app = await createTestApi(config);
  });
  afterAll(async () => {
    await app?.close();
    await sop?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('answers 409 saying it is completed, while a GET answers 200', async () => {
    await sop.startProgramme([{ kecamatanCode: kec, quota: 3 }]);
    await sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-1' });
    await sop.propose(kec, 3);
    await sop.act(kec, 'RUN_VERVAL', 'tim_data');
    await sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-DRAFT-1' });
    await sop.city('APPROVE_SK', 'sk_approver', { skNo: '463/1/2021' });
    await sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data');
    await sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-1/2021', vendorId: 'vendor-1' });
    await sop.packAndInspect(kec);
    await sop.act(kec, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-25' });
    await sop.act(kec, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 3 });
    await sop.distributeAndClose(kec);
    const handle = sop.client.workflow.getHandle(sop.allocationId(kec));
    await eventually(async () => {
      expect((await handle.describe()).status.name).toBe('COMPLETED');
    });

    const tim = as(app, await loginAs(app, 'tim_data'));
    const path = `/allocations/${sop.allocationId(kec)}`;
    expect((await tim.get(path).expect(200)).body).toMatchObject({ done: true, stepNo: 17 });
    const refused = await tim
      .post(`${path}/commands/COMPLETE_COLLECTION`)
      .send({ payload: { recapId: 'REKAP-2' } })
      .expect(409);
    expect(refused.body).toEqual({
      code: 'TRANSITION_REFUSED',
      message: `${sop.allocationId(kec)} is completed: it takes no more commands`,
      refusal: 'COMPLETED',
      status: 'completed',
      allowed: [],
    });
    // The same for a command that never was allowed there.
    await tim.post(`${path}/commands/RUN_VERVAL`).send({}).expect(409);
  });
});
