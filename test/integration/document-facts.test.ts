import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DOCUMENT_FACT_EXAMPLES as FACTS } from '@salur/libs/sop/document-fact-examples';
import { as, loginAs } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { eventually } from '../support/sop-driver';
import {
  openTestDataSource,
  startTestWorker,
  testConfig,
  testProgramId,
} from '../support/test-app';

/**
 * The facts the SOP's papers print come with the commands that record them: a command of a
 * programme started now without them is refused naming each missing field, and the facts sent
 * are what the step record keeps for the documents.
 */
describe('document facts on the commands', () => {
  const config = testConfig();
  const KEC = '33.74.05';
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let admin: ReturnType<typeof as>;
  let tim: ReturnType<typeof as>;
  let operator: ReturnType<typeof as>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    app = await createTestApi(config);
    admin = as(app, await loginAs(app, 'dinsos_admin'));
    tim = as(app, await loginAs(app, 'tim_data'));
    operator = as(app, await loginAs(app, 'kecamatan_operator', KEC));
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  /** A programme of one allocation, waiting for its quota letter. */
  async function startedProgramme() {
    const programId = testProgramId();
    await admin
      .post('/programmes')
      .send({ programId, allocations: [{ kecamatanCode: KEC, quota: 3 }] })
      .expect(201);
    const programme = `/programmes/programme-${programId}`;
    await eventually(async () => {
      const res = await tim.get(programme).expect(200);
      expect(res.body.allocations[0].allowed).toContain('SEND_QUOTA_LETTER');
    });
    return { programId, programme };
  }

  it('refuses a request letter without the Camat who acknowledged it, and keeps the one sent', async () => {
    const { programId, programme } = await startedProgramme();
    const allocationId = `allocation-${programId}-${KEC}`;
    await tim
      .post(`${programme}/commands/SEND_QUOTA_LETTER`)
      .send({ payload: { letterNo: `SE-${programId}` } })
      .expect(200);
    const letter = { letterNo: 'L-5', letterDate: '2021-07-12', acknowledgedByCamat: true };

    const missing = await operator
      .post(`/allocations/${allocationId}/commands/SUBMIT_REQUEST_LETTER`)
      .send({ payload: letter })
      .expect(400);
    expect(missing.body.fields).toEqual([
      { field: 'camat', reason: 'must be the official who signs: { name, nip? }' },
    ]);
    const badNip = await operator
      .post(`/allocations/${allocationId}/commands/SUBMIT_REQUEST_LETTER`)
      .send({ payload: { ...letter, camat: { name: 'Drs. Bambang', nip: '19680512' } } })
      .expect(400);
    expect(badNip.body.fields).toEqual([
      {
        field: 'camat.nip',
        reason:
          'must be an NIP: 18 digits (date of birth, appointment, sex, serial), like 19680512 199403 1 007',
      },
    ]);
    // Nothing was written for the refused letters.
    const before = await dataSource.query(
      `SELECT count(*)::int AS n FROM sop_step_record WHERE workflow_id = $1 AND step = 'request-letter'`,
      [allocationId],
    );
    expect(before).toEqual([{ n: 0 }]);

    await operator
      .post(`/allocations/${allocationId}/commands/SUBMIT_REQUEST_LETTER`)
      .send({ payload: { ...letter, ...FACTS.SUBMIT_REQUEST_LETTER } })
      .expect(200);
    const [record] = await dataSource.query(
      `SELECT data FROM sop_step_record WHERE workflow_id = $1 AND step = 'request-letter'`,
      [allocationId],
    );
    expect(record.data).toMatchObject({ camat: FACTS.SUBMIT_REQUEST_LETTER.camat });
  });

  it('refuses a city-wide SK draft or SPK without its facts before anything else', async () => {
    const { programme } = await startedProgramme();
    const draft = await tim
      .post(`${programme}/commands/DRAFT_SK`)
      .send({ payload: { skDraftId: 'SK-DRAFT-1' } })
      .expect(400);
    expect(draft.body.fields).toEqual([
      { field: 'amountPerKpm', reason: 'must be a whole number of rupiah from 1 to 1000000000' },
    ]);
    const procurement = as(app, await loginAs(app, 'tim_pengadaan'));
    const spk = await procurement
      .post(`${programme}/commands/SIGN_SPK`)
      .send({
        payload: {
          spkNo: 'SPK-1',
          vendorId: 'vendor-1',
          ...FACTS.SIGN_SPK,
          items: [{ name: 'Beras', quantity: -10, unit: 'kg' }],
        },
      })
      .expect(400);
    expect(spk.body.fields).toEqual([
      {
        field: 'items[0].quantity',
        reason: 'must be a number above 0, at most 10000, with at most 2 decimals',
      },
    ]);
  });
});
