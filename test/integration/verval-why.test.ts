import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { VERVAL_RULESET_VERSION } from '@salur/libs/domain/verval';
import { ProposalRepository } from '@salur/libs/persistence/proposal.repository';
import { VERVAL_RULESET_SHA256, VervalRepository } from '@salur/libs/persistence/verval.repository';
import { holdRegisters, loadRegisterVersion } from '../support/exclusion-registers';
import { listedNik, proposedPerson, semarangNik } from '../support/factories';
import { openTestDataSource, testConfig, testProgramId } from '../support/test-app';
import { as, loginAs } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { bypassingTriggers } from '../support/superuser';

/** "Why was NIK X rejected on that day?", answered from stored runs, through the API. */
describe('the verval "why" answer', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  let tim: ReturnType<typeof as>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    app = await createTestApi(testConfig());
    tim = as(app, await loginAs(app, 'tim_data'));
  });
  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  it('answers for a past day with that day’s run, rules and register versions', async () => {
    const programId = testProgramId();
    const workflowId = `allocation-${programId}-33.74.05`;
    const nik = listedNik('33.74.05');
    const proposals = new ProposalRepository(dataSource);
    const verval = new VervalRepository(dataSource);
    const { batchId } = await proposals.createBatch({
      programId,
      kecamatanCode: '33.74.05',
      workflowId,
      persons: [proposedPerson(nik, '33.74.05.1001')],
    });

    const pkh = (label: string, change: { list?: string[]; unlist?: string[] }) =>
      loadRegisterVersion(dataSource, 'PKH', { ...change, label, source: 'Kemensos' });
    const { july, first, august, second, returnedId } = await holdRegisters(
      dataSource,
      ['PKH'],
      async () => {
        const july = await pkh(`PKH-juli-${programId}`, { list: [nik] });
        const first = await verval.run({ workflowId, programId, batchId, round: 1, quota: 10 });
        // The next register version no longer lists the person; the kecamatan resubmits.
        const august = await pkh(`PKH-agustus-${programId}`, { unlist: [nik] });
        const [{ recipientId: returnedId }] = await proposals.listReturned(workflowId);
        await proposals.correct(returnedId, {});
        const second = await verval.run({ workflowId, programId, batchId, round: 2, quota: 10 });
        return { july, first, august, second, returnedId };
      },
    );
    // Backdated as only a superuser can: verval_run is append-only (docs/audit.md).
    await bypassingTriggers(
      dataSource,
      `UPDATE verval_run SET ran_at = CASE id WHEN $1 THEN '2021-07-10 09:00+07'::timestamptz
                                             ELSE '2021-08-02 09:00+07'::timestamptz END
        WHERE id IN ($1, $2)`,
      [first.vervalRunId, second.vervalRunId],
    );

    const onTheDay = await tim.post('/verval/why').send({ nik, date: '2021-07-12' }).expect(200);
    expect(onTheDay.body).toEqual({
      date: '2021-07-12',
      allocations: [
        expect.objectContaining({
          workflowId,
          programId,
          kecamatanCode: '33.74.05',
          recipientId: returnedId,
          outcome: 'rejected',
          run: expect.objectContaining({
            id: first.vervalRunId,
            round: 1,
            ranAt: '2021-07-10T02:00:00.000Z',
            rulesetVersion: VERVAL_RULESET_VERSION,
            rulesetSha256: VERVAL_RULESET_SHA256,
          }),
          reasons: [
            {
              code: 'EXCLUDED',
              id: 'Terdaftar sebagai penerima bantuan lain',
              en: 'Registered as a recipient of an excluded programme',
              detail: { registers: ['PKH'] },
            },
          ],
          warnings: [],
          overrides: [],
        }),
      ],
    });
    const registers = onTheDay.body.allocations[0].run.exclusionRegisters;
    expect(registers).toContainEqual(expect.objectContaining({ id: july, register: 'PKH' }));

    const later = await tim.post('/verval/why').send({ nik, date: '2021-08-03' }).expect(200);
    expect(later.body.allocations[0]).toMatchObject({
      outcome: 'accepted',
      reasons: [],
      run: { id: second.vervalRunId, round: 2 },
    });
    expect(later.body.allocations[0].run.exclusionRegisters).toContainEqual(
      expect.objectContaining({ id: august }),
    );

    // Before any run, and for an unknown NIK, there is nothing to explain.
    const before = await tim.post('/verval/why').send({ nik, date: '2021-07-09' }).expect(200);
    expect(before.body.allocations).toEqual([]);
    const unknown = await tim.post('/verval/why').send({ nik: '0000000000000000' }).expect(200);
    expect(unknown.body.allocations).toEqual([]);
  });

  it('answers per allocation and keeps the NIK as judged after a correction', async () => {
    const programId = testProgramId();
    const nik = semarangNik('33.74.06');
    const proposals = new ProposalRepository(dataSource);
    const verval = new VervalRepository(dataSource);
    const workflowA = `allocation-${programId}-33.74.06`;
    const workflowB = `allocation-${programId}-33.74.07`;
    const batchA = await proposals.createBatch({
      programId,
      kecamatanCode: '33.74.06',
      workflowId: workflowA,
      persons: [proposedPerson(nik, '33.74.06.1001')],
    });
    await verval.run({
      workflowId: workflowA,
      programId,
      batchId: batchA.batchId,
      round: 1,
      quota: 10,
    });
    const batchB = await proposals.createBatch({
      programId,
      kecamatanCode: '33.74.07',
      workflowId: workflowB,
      persons: [proposedPerson(nik, '33.74.07.1001')],
    });
    await verval.run({
      workflowId: workflowB,
      programId,
      batchId: batchB.batchId,
      round: 1,
      quota: 10,
    });
    // Kecamatan B corrects the NIK: the old judgement still answers for the old NIK.
    const [returned] = await proposals.listReturned(workflowB);
    const corrected = semarangNik('33.74.07');
    await proposals.correct(returned.recipientId, { nik: corrected });
    await verval.run({
      workflowId: workflowB,
      programId,
      batchId: batchB.batchId,
      round: 2,
      quota: 10,
    });
    // The corrected NIK is answered by the run that judged it, not by the old one's.
    const now = await tim.post('/verval/why').send({ nik: corrected }).expect(200);
    expect(now.body.allocations).toEqual([
      expect.objectContaining({
        workflowId: workflowB,
        recipientId: returned.recipientId,
        outcome: 'accepted',
        run: expect.objectContaining({ round: 2 }),
      }),
    ]);

    const answer = await tim.post('/verval/why').send({ nik }).expect(200);
    const byWorkflow = Object.fromEntries(
      answer.body.allocations.map((a: { workflowId: string }) => [a.workflowId, a]),
    );
    expect(byWorkflow[workflowA]).toMatchObject({ outcome: 'accepted' });
    expect(byWorkflow[workflowB]).toMatchObject({
      outcome: 'rejected',
      run: { round: 1 },
      reasons: [
        expect.objectContaining({
          code: 'DUPLICATE_OTHER_KECAMATAN',
          detail: expect.objectContaining({ kecamatanCode: '33.74.06' }),
        }),
      ],
    });
  });

  it('answers the auditor, and a kecamatan operator for its own kecamatan only, warnings too', async () => {
    const programId = testProgramId();
    const proposals = new ProposalRepository(dataSource);
    const verval = new VervalRepository(dataSource);
    // Issued in 33.74.08, living in 33.74.09 (a warning there), proposed again by 33.74.10.
    const nik = semarangNik('33.74.08');
    const judge = async (kecamatanCode: string) => {
      const workflowId = `allocation-${programId}-${kecamatanCode}`;
      const { batchId } = await proposals.createBatch({
        programId,
        kecamatanCode,
        workflowId,
        persons: [proposedPerson(nik, `${kecamatanCode}.1001`)],
      });
      await verval.run({ workflowId, programId, batchId, round: 1, quota: 10 });
      return workflowId;
    };
    const home = await judge('33.74.09');
    const other = await judge('33.74.10');

    const auditor = as(app, await loginAs(app, 'auditor'));
    const all = await auditor.post('/verval/why').send({ nik }).expect(200);
    expect(all.body.allocations.map((a: { workflowId: string }) => a.workflowId).sort()).toEqual(
      [home, other].sort(),
    );

    const kec09 = as(app, await loginAs(app, 'kecamatan_operator', '33.74.09'));
    const own = await kec09.post('/verval/why').send({ nik }).expect(200);
    expect(own.body.allocations).toEqual([
      expect.objectContaining({
        workflowId: home,
        outcome: 'accepted',
        warnings: expect.arrayContaining([
          expect.objectContaining({
            code: 'NIK_KECAMATAN_MISMATCH',
            id: expect.stringMatching(/^Kecamatan pada NIK/),
          }),
        ]),
      }),
    ]);
    const kec10 = as(app, await loginAs(app, 'kecamatan_operator', '33.74.10'));
    const rejected = await kec10.post('/verval/why').send({ nik }).expect(200);
    expect(rejected.body.allocations).toEqual([
      expect.objectContaining({
        workflowId: other,
        outcome: 'rejected',
        reasons: [expect.objectContaining({ code: 'DUPLICATE_OTHER_KECAMATAN' })],
      }),
    ]);
    // A kecamatan that never proposed the person learns nothing about it.
    const kec01 = as(app, await loginAs(app, 'kecamatan_operator', '33.74.01'));
    expect((await kec01.post('/verval/why').send({ nik }).expect(200)).body.allocations).toEqual(
      [],
    );
  });

  it('refuses a body without a NIK or with an impossible day', async () => {
    await tim.post('/verval/why').send({}).expect(400);
    await tim.post('/verval/why').send({ nik: 'x', date: '2021-02-30' }).expect(400);
  });
});
