import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { as, loginAs } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { eventually } from '../support/sop-driver';
import {
  openTestDataSource,
  startTestWorker,
  testConfig,
  testProgramId,
} from '../support/test-app';
import { DOCUMENT_FACT_EXAMPLES } from '@salur/libs/sop/document-fact-examples';

const HOME = '33.74.05';
const OTHER = '33.74.06';

/**
 * A client whose answer was lost (a dropped connection, a timeout) sends the same command
 * again with the same Idempotency-Key and body, as apps/cli's client does. The retry must
 * answer like the first send, and the step must happen once. A new key is a new command,
 * which the SOP refuses once the step has moved on: so it is the key that makes the repeat
 * succeed. Bad and reused keys (400, 422): api-client-mistakes.test.ts.
 */
describe('a command retried with its Idempotency-Key after a lost answer', () => {
  const config = testConfig();
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  const programId = testProgramId();
  const programme = `/programmes/programme-${programId}`;
  const allocationId = (kec: string) => `allocation-${programId}-${kec}`;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    app = await createTestApi(config);
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  /** How many times the step's activity recorded it for this allocation. */
  async function stepRecords(kec: string, step: string): Promise<number> {
    const rows: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM sop_step_record WHERE workflow_id = $1 AND step = $2`,
      [allocationId(kec), step],
    );
    return rows[0].n;
  }

  it('applies a city-wide decision and then an allocation step once, answering the retry alike', async () => {
    const admin = as(app, await loginAs(app, 'dinsos_admin'));
    const tim = as(app, await loginAs(app, 'tim_data'));
    const operator = as(app, await loginAs(app, 'kecamatan_operator', HOME));
    await admin
      .post('/programmes')
      .send({
        programId,
        allocations: [
          { kecamatanCode: HOME, quota: 3 },
          { kecamatanCode: OTHER, quota: 3 },
        ],
      })
      .expect(201);
    await eventually(async () => {
      const res = await tim.get(programme).expect(200);
      expect(res.body.allocations).toHaveLength(2);
      for (const a of res.body.allocations) expect(a.allowed).toContain('SEND_QUOTA_LETTER');
    });

    // Step 1, city-wide: the quota letter.
    const quotaKey = randomUUID();
    const sendQuotaLetter = (key: string) =>
      tim
        .post(`${programme}/commands/SEND_QUOTA_LETTER`)
        .set('Idempotency-Key', key)
        .send({ payload: { letterNo: 'SE-RETRY-1' } });
    const letter = await sendQuotaLetter(quotaKey);
    expect(letter.status).toBe(200);
    expect(letter.body.documents).toEqual({ quotaLetterNo: 'SE-RETRY-1' });
    const steps = (body: { allocations: { kecamatanCode: string; step: string }[] }) =>
      body.allocations.map((a) => [a.kecamatanCode, a.step]).sort();
    expect(steps(letter.body)).toEqual([
      [HOME, 'request-letter'],
      [OTHER, 'request-letter'],
    ]);
    const letterAgain = await sendQuotaLetter(quotaKey);
    expect({ status: letterAgain.status, body: letterAgain.body }).toEqual({
      status: 200,
      body: letter.body,
    });
    // Sent once: one transition and one quota-letter record in every allocation.
    const view = await tim.get(programme).expect(200);
    expect(view.body.allocations.map((a: { transitions: number }) => a.transitions)).toEqual([
      1, 1,
    ]);
    expect([
      await stepRecords(HOME, 'quota-letter'),
      await stepRecords(OTHER, 'quota-letter'),
    ]).toEqual([1, 1]);
    // Another key is another letter, which the SOP refuses now that every kecamatan has one.
    const anotherLetter = await sendQuotaLetter(randomUUID());
    expect(anotherLetter.status).toBe(409);
    expect(anotherLetter.body).toMatchObject({
      code: 'TRANSITION_REFUSED',
      refusal: 'EVENT_NOT_ALLOWED',
      message: expect.stringMatching(
        /SEND_QUOTA_LETTER is city-wide and waits for every kecamatan/,
      ),
    });

    // Step 2, one allocation: the request letter. The retry's JSON may order its keys otherwise.
    const allocation = `/allocations/${allocationId(HOME)}`;
    const requestKey = randomUUID();
    const sendRequestLetter = (key: string, payload: Record<string, unknown>) =>
      operator
        .post(`${allocation}/commands/SUBMIT_REQUEST_LETTER`)
        .set('Idempotency-Key', key)
        .send({ payload });
    const request = await sendRequestLetter(requestKey, {
      letterNo: `460/${HOME}/2021`,
      letterDate: '2021-07-12',
      acknowledgedByCamat: true,
      ...DOCUMENT_FACT_EXAMPLES.SUBMIT_REQUEST_LETTER,
    });
    expect(request.status).toBe(200);
    expect(request.body).toMatchObject({ step: 'proposal-input', transitions: 2 });
    const requestAgain = await sendRequestLetter(requestKey, {
      ...DOCUMENT_FACT_EXAMPLES.SUBMIT_REQUEST_LETTER,
      acknowledgedByCamat: true,
      letterDate: '2021-07-12',
      letterNo: `460/${HOME}/2021`,
    });
    expect({ status: requestAgain.status, body: requestAgain.body }).toEqual({
      status: 200,
      body: request.body,
    });
    expect((await operator.get(allocation).expect(200)).body).toMatchObject({
      step: 'proposal-input',
      transitions: 2,
    });
    expect(await stepRecords(HOME, 'request-letter')).toBe(1);
    // Another key is another letter: refused at the next step, as any command out of order.
    const anotherRequest = await sendRequestLetter(randomUUID(), {
      letterNo: `460/${HOME}/2021`,
      letterDate: '2021-07-12',
      acknowledgedByCamat: true,
      ...DOCUMENT_FACT_EXAMPLES.SUBMIT_REQUEST_LETTER,
    });
    expect(anotherRequest.status).toBe(409);
    expect(anotherRequest.body).toMatchObject({
      code: 'TRANSITION_REFUSED',
      refusal: 'EVENT_NOT_ALLOWED',
      step: 'proposal-input',
    });
  });
});
