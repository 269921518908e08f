import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ProposalRepository } from '@salur/libs/persistence/proposal.repository';
import { VervalRepository } from '@salur/libs/persistence/verval.repository';
import { outsiderNik, proposedPerson, semarangNik } from '../support/factories';
import { openTestDataSource, testConfig, testProgramId } from '../support/test-app';
import { as, loginAsNew, type Session } from '../support/auth';
import { createTestApi } from '../support/api-app';

/** Maker-checker overrides through HTTP: a second member must approve, within the quota. */
describe('verval overrides (maker-checker)', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  // Four members of the data team: maker-checker needs a second person.
  const users: Record<'ana' | 'budi' | 'citra' | 'dewi', Session> = {} as never;
  const by: Record<keyof typeof users, ReturnType<typeof as>> = {} as never;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    app = await createTestApi(testConfig());
    for (const name of ['ana', 'budi', 'citra', 'dewi'] as const) {
      users[name] = await loginAsNew(app, 'tim_data', `verval-${name}`);
      by[name] = as(app, users[name]);
    }
  });
  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  /** An allocation with quota 2 after verval: two accepted residents and one rejected outsider. */
  async function judgedAllocation() {
    const programId = testProgramId();
    const workflowId = `allocation-${programId}-33.74.01`;
    const niks = [semarangNik('33.74.01'), semarangNik('33.74.01'), outsiderNik()];
    const { batchId } = await new ProposalRepository(dataSource).createBatch({
      programId,
      kecamatanCode: '33.74.01',
      workflowId,
      persons: niks.map((nik) => proposedPerson(nik, '33.74.01.1001')),
    });
    await new VervalRepository(dataSource).run({
      workflowId,
      programId,
      batchId,
      round: 1,
      quota: 2,
    });
    const rows: { id: string; status: string }[] = await dataSource.query(
      `SELECT r.id, r.status FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
        WHERE b.workflow_id = $1 ORDER BY r.seq`,
      [workflowId],
    );
    expect(rows.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
    return { workflowId, niks, ids: rows.map((r) => r.id) };
  }

  const statusOf = async (id: string) =>
    (
      await dataSource.query(`SELECT status, reasons FROM proposed_recipient WHERE id = $1`, [id])
    )[0];

  it('takes effect only when a different member approves, and refuses to exceed the quota', async () => {
    const { ids, niks } = await judgedAllocation();
    const [a, b, outsider] = ids;

    const asked = await by.ana
      .post('/verval/overrides')
      .send({
        recipientId: outsider,
        outcome: 'accepted',
        reason: 'KK baru, pindah datang',
      })
      .expect(201);
    expect(asked.body).toMatchObject({
      status: 'pending',
      fromOutcome: 'rejected',
      requestedBy: users.ana.userId,
    });
    const id: string = asked.body.id;
    expect((await statusOf(outsider)).status).toBe('rejected');

    const pending = await by.ana.get('/verval/overrides?status=pending').expect(200);
    expect(pending.body.map((o: { id: string }) => o.id)).toContain(id);

    const self = await by.ana.post(`/verval/overrides/${id}/approve`).send({}).expect(403);
    expect(self.body.code).toBe('SELF_APPROVAL_REFUSED');

    const full = await by.budi.post(`/verval/overrides/${id}/approve`).send({}).expect(409);
    expect(full.body).toMatchObject({ code: 'TRANSITION_REFUSED', quota: 2, accepted: 2 });
    expect((await statusOf(outsider)).status).toBe('rejected');

    // Make room: reject an accepted person through a second override, approved by someone else.
    const drop = await by.citra
      .post('/verval/overrides')
      .send({
        recipientId: b,
        outcome: 'rejected',
        reason: 'Meninggal dunia',
      })
      .expect(201);
    await by.budi.post(`/verval/overrides/${drop.body.id}/approve`).send({}).expect(200);
    expect(await statusOf(b)).toEqual({ status: 'rejected', reasons: ['MANUAL_REVIEW'] });

    const approved = await by.budi.post(`/verval/overrides/${id}/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: users.budi.userId,
      requestedBy: users.ana.userId,
    });
    expect(await statusOf(outsider)).toEqual({ status: 'accepted', reasons: [] });
    expect((await statusOf(a)).status).toBe('accepted');

    // Decided once: approving again is refused.
    await by.dewi.post(`/verval/overrides/${id}/approve`).send({}).expect(409);

    // The "why" answer shows the override with who, when and why.
    const why = await by.ana.post('/verval/why').send({ nik: niks[2] }).expect(200);
    expect(why.body.allocations[0]).toMatchObject({
      outcome: 'rejected',
      reasons: [expect.objectContaining({ code: 'NOT_RESIDENT' })],
      overrides: [
        expect.objectContaining({
          outcome: 'accepted',
          reason: 'KK baru, pindah datang',
          requestedBy: users.ana.userId,
          status: 'approved',
          decidedBy: users.budi.userId,
        }),
      ],
    });
  });

  it('keeps a rejected request with who turned it down and why; the person is unchanged', async () => {
    const { ids } = await judgedAllocation();
    const asked = await by.ana
      .post('/verval/overrides')
      .send({
        recipientId: ids[0],
        outcome: 'rejected',
        reason: 'Alamat diragukan',
      })
      .expect(201);
    const duplicate = await by.dewi
      .post('/verval/overrides')
      .send({ recipientId: ids[0], outcome: 'rejected', reason: 'lagi' })
      .expect(409);
    expect(duplicate.body.code).toBe('ALREADY_EXISTS');
    await by.budi.post(`/verval/overrides/${asked.body.id}/reject`).send({}).expect(400);
    const rejected = await by.budi
      .post(`/verval/overrides/${asked.body.id}/reject`)
      .send({ reason: 'Sudah diverifikasi lapangan' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decidedBy: users.budi.userId,
      decisionReason: 'Sudah diverifikasi lapangan',
    });
    expect((await statusOf(ids[0])).status).toBe('accepted');
    await by.citra.post(`/verval/overrides/${asked.body.id}/approve`).send({}).expect(409);
    const all = await by.ana.get('/verval/overrides').expect(200);
    expect(all.body.find((o: { id: string }) => o.id === asked.body.id)).toMatchObject({
      status: 'rejected',
    });
  });

  it('refuses requests without a written reason, for an unknown person, or to the same outcome', async () => {
    const { ids } = await judgedAllocation();
    const noReason = await by.ana
      .post('/verval/overrides')
      .send({ recipientId: ids[0], outcome: 'rejected', reason: ' ' })
      .expect(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    await by.ana
      .post('/verval/overrides')
      .send({
        recipientId: '00000000-0000-4000-8000-000000000000',
        outcome: 'rejected',
        reason: 'x',
      })
      .expect(404);
    await by.ana
      .post('/verval/overrides')
      .send({ recipientId: ids[0], outcome: 'accepted', reason: 'x' })
      .expect(409);
    await by.ana.get('/verval/overrides?status=open').expect(400);
  });
});
