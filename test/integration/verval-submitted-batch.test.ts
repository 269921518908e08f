import type { INestApplication } from '@nestjs/common';
import { ProposalRepository, VervalRepository } from '@salur/libs/persistence';
import { as, loginAs } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { outsiderNik, proposedPerson, residents } from '../support/factories';
import { PROPOSAL_HEADER, proposalRows, toCsv } from '../support/import-files';
import { readAllPages } from '../support/pages';
import { eventually } from '../support/sop-driver';
import { allocationAtProposalInput as programmeAtProposalInput } from '../support/programme-api';
import { useSopHarness } from '../support/sop-harness';
import { testProgramId } from '../support/test-app';

const HOME = '33.74.01';
const OTHER = '33.74.02';
const KEL = [`${HOME}.1001`, `${HOME}.1002`];

type Agent = ReturnType<typeof as>;

/**
 * Issue #12: an operator uploads a file, then a corrected one, and submits the second.
 * Verval must review exactly that batch (and later its corrections), never the batch the
 * operator left behind; an unsubmitted batch can be discarded, a submitted one cannot.
 */
describe('verval reviews the submitted batch only; unsubmitted batches can be discarded', () => {
  const h = useSopHarness();
  let app: INestApplication;
  let admin: Agent;
  let tim: Agent;
  let operator: Agent;
  let otherOperator: Agent;

  beforeAll(async () => {
    app = await createTestApi(h.config);
    admin = as(app, await loginAs(app, 'dinsos_admin'));
    tim = as(app, await loginAs(app, 'tim_data'));
    operator = as(app, await loginAs(app, 'kecamatan_operator', HOME));
    otherOperator = as(app, await loginAs(app, 'kecamatan_operator', OTHER));
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A fresh programme with HOME at proposal input (and OTHER waiting for its letter). */
  function allocationAtProposalInput(quota: number): Promise<string> {
    return programmeAtProposalInput(
      { admin, tim, operator },
      [
        { kecamatanCode: HOME, quota },
        { kecamatanCode: OTHER, quota },
      ],
      HOME,
    );
  }

  const importCsv = (allocation: string, rows: string[][]) =>
    operator
      .post(`${allocation}/proposals/import`)
      .field('letterNo', 'L-1')
      .field('letterDate', '2021-07-12')
      .field('acknowledgedByCamat', 'true')
      .attach('file', toCsv([PROPOSAL_HEADER, ...rows]), 'usulan.csv');

  const proposalsOf = async (allocation: string) =>
    (
      await readAllPages<{ recipientId: string; batchId: string; status: string }>(
        tim,
        `${allocation}/proposals`,
        200,
      )
    ).items;

  it('a first upload replaced by a corrected file: verval judges the submitted file only', async () => {
    const allocation = await allocationAtProposalInput(5);
    // The first try: three persons, one of them not a resident.
    const first = await operator
      .post(`${allocation}/proposals`)
      .send({
        persons: [...residents(HOME, KEL, 2), proposedPerson(outsiderNik(), KEL[0])],
      })
      .expect(201);
    // The corrected file, four residents, is the one submitted.
    const second = await importCsv(allocation, proposalRows(HOME, KEL, 4)).expect(201);
    await operator
      .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
      .send({ payload: { batchId: second.body.batchId, proposedCount: 4 } })
      .expect(200);

    const verval = await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
    expect(verval.body).toMatchObject({ step: 'sk', counts: { proposed: 4, accepted: 4 } });

    const persons = await proposalsOf(allocation);
    const firstBatch = persons.filter((p) => p.batchId === first.body.batchId);
    // The first upload was never submitted, so nobody in it was judged.
    expect(firstBatch.map((p) => p.status)).toEqual(['proposed', 'proposed', 'proposed']);
    expect(persons.filter((p) => p.batchId === second.body.batchId).map((p) => p.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);

    // It can be discarded now, and is gone from the list.
    const discarded = await operator
      .post(`${allocation}/batches/${first.body.batchId}/discard`)
      .send({})
      .expect(200);
    expect(discarded.body).toEqual({ batchId: first.body.batchId, discarded: 3 });
    expect((await proposalsOf(allocation)).map((p) => p.batchId)).not.toContain(first.body.batchId);
  });

  it('corrections are reviewed in the next round, not the batches left behind', async () => {
    const allocation = await allocationAtProposalInput(5);
    const outsider = proposedPerson(outsiderNik(), KEL[0]);
    const submitted = await operator
      .post(`${allocation}/proposals`)
      .send({ persons: [...residents(HOME, KEL, 2), outsider] })
      .expect(201);
    await operator
      .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
      .send({ payload: { batchId: submitted.body.batchId, proposedCount: 3 } })
      .expect(200);
    // An upload after submission waits; it is never reviewed by this allocation's verval.
    const late = await operator
      .post(`${allocation}/proposals`)
      .send({ persons: residents(HOME, KEL, 2) })
      .expect(201);

    const round1 = await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
    expect(round1.body).toMatchObject({ counts: { accepted: 2, rejected: 1 } });
    const returned = await operator.get(`${allocation}/returned`).expect(200);
    expect(returned.body).toHaveLength(1);
    await operator
      .post(`${allocation}/returned/${returned.body[0].recipientId}/correct`)
      .send({ nik: residents(HOME, KEL, 1)[0].nik, kelurahanCode: KEL[0] })
      .expect(200);
    await operator.post(`${allocation}/commands/RESUBMIT_CORRECTIONS`).send({}).expect(200);
    const round2 = await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
    expect(round2.body).toMatchObject({ step: 'sk', counts: { accepted: 3, rejected: 0 } });

    const persons = await proposalsOf(allocation);
    expect(persons.filter((p) => p.batchId === late.body.batchId).map((p) => p.status)).toEqual([
      'proposed',
      'proposed',
    ]);
  });

  it('refuses to discard the submitted batch (409), another kecamatan’s batch (404) and a bad id (400)', async () => {
    const allocation = await allocationAtProposalInput(5);
    const submitted = await operator
      .post(`${allocation}/proposals`)
      .send({ persons: residents(HOME, KEL, 2) })
      .expect(201);
    await operator
      .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
      .send({ payload: { batchId: submitted.body.batchId, proposedCount: 2 } })
      .expect(200);

    const refused = await operator
      .post(`${allocation}/batches/${submitted.body.batchId}/discard`)
      .send({})
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'TRANSITION_REFUSED',
      batchId: submitted.body.batchId,
    });
    expect(refused.body.message).toMatch(/submitted/);
    expect((await proposalsOf(allocation)).filter((p) => p.status === 'proposed')).toHaveLength(2);

    // Another kecamatan's operator cannot even see the allocation; HOME's operator cannot
    // reach OTHER's batch through HOME's allocation.
    const otherAllocation = allocation.replace(HOME, OTHER);
    await otherOperator
      .post(`${allocation}/batches/${submitted.body.batchId}/discard`)
      .send({})
      .expect(404);
    await eventually(async () => {
      const res = await otherOperator.get(otherAllocation).expect(200);
      expect(res.body.step).toBe('request-letter');
    });
    const otherBatch = await otherOperator
      .post(`${otherAllocation}/proposals`)
      .send({ persons: residents(OTHER, [`${OTHER}.1001`], 1) })
      .expect(201);
    const notFound = await operator
      .post(`${allocation}/batches/${otherBatch.body.batchId}/discard`)
      .send({})
      .expect(404);
    expect(notFound.body.code).toBe('NOT_FOUND');
    await tim.post(`${allocation}/batches/${otherBatch.body.batchId}/discard`).send({}).expect(403);

    const bad = await operator
      .post(`${allocation}/batches/not-a-batch/discard`)
      .send({})
      .expect(400);
    expect(bad.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'batchId', reason: expect.stringMatching(/uuid/) }],
    });
  });

  it('a discarded file can be imported again as a new batch', async () => {
    const allocation = await allocationAtProposalInput(5);
    const rows = proposalRows(HOME, KEL, 3);
    const first = await importCsv(allocation, rows).expect(201);
    await operator.post(`${allocation}/batches/${first.body.batchId}/discard`).send({}).expect(200);
    const again = await importCsv(allocation, rows).expect(201);
    expect(again.body).toMatchObject({ alreadyImported: false, proposedCount: 3 });
    expect(again.body.batchId).not.toBe(first.body.batchId);
    await operator
      .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
      .send({ payload: { batchId: again.body.batchId, proposedCount: 3 } })
      .expect(200);
    await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
  });

  it('refuses to withdraw the last returned person while nobody is accepted (409), so the allocation can still move', async () => {
    const allocation = await allocationAtProposalInput(5);
    const batch = await operator
      .post(`${allocation}/proposals`)
      .send({ persons: [proposedPerson(outsiderNik(), KEL[0])] })
      .expect(201);
    await operator
      .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
      .send({ payload: { batchId: batch.body.batchId, proposedCount: 1 } })
      .expect(200);
    await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
    const [returned] = (await operator.get(`${allocation}/returned`).expect(200)).body as {
      recipientId: string;
    }[];

    const refused = await operator
      .post(`${allocation}/returned/${returned.recipientId}/withdraw`)
      .send({})
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'TRANSITION_REFUSED' });
    expect(refused.body.message).toMatch(/last returned person.*correct them instead/);

    // The way on is still open: correct, resubmit, verval, SK.
    await operator
      .post(`${allocation}/returned/${returned.recipientId}/correct`)
      .send({ nik: residents(HOME, KEL, 1)[0].nik, kelurahanCode: KEL[0] })
      .expect(200);
    await operator.post(`${allocation}/commands/RESUBMIT_CORRECTIONS`).send({}).expect(200);
    const verval = await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
    expect(verval.body).toMatchObject({ step: 'sk', counts: { accepted: 1 } });
  });

  it('a discard racing the submission of the same batch: one of them wins, and the allocation moves on', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const allocation = await allocationAtProposalInput(5);
      const batch = await operator
        .post(`${allocation}/proposals`)
        .send({ persons: residents(HOME, KEL, 2) })
        .expect(201);
      const [submitted, discarded] = await Promise.all([
        operator
          .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
          .send({ payload: { batchId: batch.body.batchId, proposedCount: 2 } }),
        operator.post(`${allocation}/batches/${batch.body.batchId}/discard`).send({}),
      ]);
      const view = (await operator.get(allocation).expect(200)).body as { step: string };
      if (submitted.status === 200) {
        // The batch was submitted first: it stays, and verval judges it.
        expect(discarded.status).toBe(409);
        expect(view.step).toBe('verval');
        const verval = await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
        expect(verval.body).toMatchObject({ step: 'sk', counts: { accepted: 2 } });
      } else {
        // The discard won: the submission found no batch and nothing moved.
        expect(discarded.status).toBe(200);
        expect(view.step).toBe('proposal-input');
        expect(await proposalsOf(allocation)).toEqual([]);
      }
    }
  });

  it('a verval whose result the allocation would refuse writes nothing and can run again', async () => {
    const programId = testProgramId();
    const workflowId = `allocation-${programId}-${HOME}`;
    const { batchId } = await new ProposalRepository(h.dataSource).createBatch({
      programId,
      kecamatanCode: HOME,
      workflowId,
      persons: residents(HOME, KEL, 2),
    });
    const verval = new VervalRepository(h.dataSource);
    const run = (underReview: number) =>
      verval.run({
        workflowId,
        programId,
        batchId,
        round: 1,
        quota: 5,
        expected: { underReview, accepted: 0 },
      });

    await expect(run(3)).rejects.toMatchObject({
      code: 'TRANSITION_REFUSED',
      message: expect.stringMatching(/found 2 persons under review, but the allocation expects 3/),
    });
    const runs: unknown[] = await h.dataSource.query(
      'SELECT 1 FROM verval_run WHERE workflow_id = $1',
      [workflowId],
    );
    expect(runs).toHaveLength(0);
    const statuses: { status: string }[] = await h.dataSource.query(
      'SELECT status FROM proposed_recipient WHERE batch_id = $1',
      [batchId],
    );
    expect(statuses.map((r) => r.status)).toEqual(['proposed', 'proposed']);

    await expect(run(2)).resolves.toMatchObject({ underReview: 2, accepted: 2, rejected: 0 });
  });
});
