import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Response } from 'supertest';
import { as, loginAs, loginAsNew } from '../support/auth';
import { eventually, SopDriver } from '../support/sop-driver';
import { useSopHarness } from '../support/sop-harness';
import { createTestApi } from '../support/api-app';

const KEC = '33.74.01';
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1024)]);
const ids = (res: Response) => (res.body.items as { id: string }[]).map((item) => item.id);

/**
 * A rekanan sees and acts only on allocations whose signed SPK names its vendor: programme
 * A's SPK goes to vendor A, programme B's to vendor B, both for the same kecamatan. Before
 * the SPK, and for the other vendor's allocation, every route under the allocation answers
 * 404 as if it did not exist; lists hold its own allocations only.
 */
describe('a rekanan and its own contracts', () => {
  const h = useSopHarness();
  const vendorA = `vendor-a-${randomUUID().slice(0, 8)}`;
  const vendorB = `vendor-b-${randomUUID().slice(0, 8)}`;
  let app: INestApplication;
  let programmeB: SopDriver;
  let rekananA: ReturnType<typeof as>;
  let rekananB: ReturnType<typeof as>;
  let timData: ReturnType<typeof as>;
  const allocationA = () => `/allocations/${h.sop.allocationId(KEC)}`;
  const allocationB = () => `/allocations/${programmeB.allocationId(KEC)}`;
  const upload = (session: ReturnType<typeof as>, allocation: string) =>
    session
      .post(`${allocation}/evidence`)
      .field('kind', 'photo_packing')
      .attach('file', jpeg(), { filename: 'packing.jpg', contentType: 'image/jpeg' });

  /** Steps 1-6 for one kecamatan: the allocation then waits for the SPK. */
  async function walkToContract(sop: SopDriver): Promise<void> {
    await sop.startProgramme([{ kecamatanCode: KEC, quota: 3 }]);
    await sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: `SE-${sop.programId}` });
    await sop.propose(KEC, 3);
    await sop.act(KEC, 'RUN_VERVAL', 'tim_data');
    await sop.city('DRAFT_SK', 'tim_data', { skDraftId: `SK-DRAFT-${sop.programId}` });
    await sop.city('APPROVE_SK', 'sk_approver', { skNo: `463/${sop.programId}` });
    const view = await sop.act(KEC, 'PRINT_BAST_BNBA', 'tim_data');
    expect(view.step).toBe('contract');
  }

  const signSpk = (sop: SopDriver, vendorId: string) =>
    sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: `SPK-${sop.programId}`, vendorId });

  beforeAll(async () => {
    app = await createTestApi(h.config);
    rekananA = as(
      app,
      await loginAsNew(app, 'rekanan', `rekanan-${vendorA}`, { vendorId: vendorA }),
    );
    rekananB = as(
      app,
      await loginAsNew(app, 'rekanan', `rekanan-${vendorB}`, { vendorId: vendorB }),
    );
    timData = as(app, await loginAs(app, 'tim_data'));
    programmeB = await SopDriver.connect(h.config, h.dataSource);
    await Promise.all([walkToContract(h.sop), walkToContract(programmeB)]);
  });
  afterAll(async () => {
    await programmeB?.close();
    await app?.close();
  });

  it('answers 404 before the SPK is signed, for reads, commands and evidence', async () => {
    const refused = [
      await rekananA.get(allocationA()),
      await rekananA.post(`${allocationA()}/commands/REPORT_PACKING`).send({ payload: {} }),
      await rekananA.get(`${allocationA()}/packing`),
      await rekananA.get(`${allocationA()}/evidence`),
      await upload(rekananA, allocationA()),
    ];
    for (const res of refused) expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    const list = await rekananA.get(`/allocations?programme=${h.sop.programId}`).expect(200);
    expect(list.body).toEqual({ items: [], nextCursor: null });
    const view = await rekananA.get(`/programmes/${h.sop.programmeId}`).expect(200);
    expect(view.body.allocations).toEqual([]);
    // Everyone else still sees it.
    await timData.get(allocationA()).expect(200);
  });

  describe('once each programme’s SPK names its vendor', () => {
    beforeAll(async () => {
      await Promise.all([signSpk(h.sop, vendorA), signSpk(programmeB, vendorB)]);
    });

    it('lets the vendor read and act on its own allocation', async () => {
      const status = await rekananA.get(allocationA()).expect(200);
      expect(status.body.step).toBe('packing');
      await rekananA
        .post(`${allocationA()}/commands/REPORT_PACKING`)
        .send({ payload: { packedCount: 3 } })
        .expect(200);
      const packed = await rekananA
        .post(`${allocationA()}/commands/DECLARE_PACKED`)
        .send({})
        .expect(200);
      expect(packed.body.step).toBe('packed');
      const records = await rekananA.get(`${allocationA()}/packing`).expect(200);
      expect(records.body.items.map((r: { event: string }) => r.event)).toEqual([
        'REPORT_PACKING',
        'DECLARE_PACKED',
      ]);

      const photo = await upload(rekananA, allocationA()).expect(201);
      const listed = await rekananA.get(`${allocationA()}/evidence`).expect(200);
      expect(listed.body.items.map((e: { id: string }) => e.id)).toContain(photo.body.id);
      await rekananA.get(photo.body.contentUrl).expect(200);
    });

    it('answers the other vendor 404 on it, as if it did not exist', async () => {
      const photo = await upload(rekananA, allocationA()).expect(201);
      const refused = [
        await rekananB.get(allocationA()),
        await rekananB.post(`${allocationA()}/commands/REPORT_PACKING`).send({ payload: {} }),
        await rekananB.post(`${allocationA()}/commands/VENDOR_READY`).send({ payload: {} }),
        await rekananB.get(`${allocationA()}/packing`),
        await rekananB.get(`${allocationA()}/evidence`),
        await rekananB.get(`${allocationA()}/evidence/${photo.body.id}`),
        await rekananB.get(photo.body.contentUrl),
        await upload(rekananB, allocationA()),
        await rekananA.get(allocationB()),
        await rekananA.post(`${allocationB()}/commands/REPORT_PACKING`).send({ payload: {} }),
      ];
      for (const res of refused) expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
      // Its own answers.
      await rekananB.get(allocationB()).expect(200);
    });

    it('shows in a programme view only its own SPK and SK numbers', async () => {
      const own = await rekananA.get(`/programmes/${h.sop.programmeId}`).expect(200);
      expect(own.body.documents).toMatchObject({
        spkNo: `SPK-${h.sop.programId}`,
        skNo: `463/${h.sop.programId}`,
      });
      const other = await rekananB.get(`/programmes/${h.sop.programmeId}`).expect(200);
      expect(other.body).toMatchObject({ allocations: [], completed: 0, documents: {} });
      expect(JSON.stringify(other.body)).not.toContain(`SPK-${h.sop.programId}`);
      expect(JSON.stringify(other.body)).not.toContain(`463/${h.sop.programId}`);
    });

    it('lists only its own allocations and their records', async () => {
      await eventually(async () => {
        expect(ids(await rekananA.get('/allocations').expect(200))).toEqual([
          h.sop.allocationId(KEC),
        ]);
        expect(ids(await rekananB.get('/allocations').expect(200))).toEqual([
          programmeB.allocationId(KEC),
        ]);
      });
      const otherProgramme = await rekananA.get(`/allocations?programme=${programmeB.programId}`);
      expect(otherProgramme.body).toEqual({ items: [], nextCursor: null });

      const own = await rekananA.get(`/programmes/${h.sop.programmeId}/packing`).expect(200);
      expect(own.body.items.length).toBeGreaterThan(0);
      const others = await rekananB.get(`/programmes/${h.sop.programmeId}/packing`).expect(200);
      expect(others.body).toEqual({ items: [], nextCursor: null });

      const view = await rekananB.get(`/programmes/${h.sop.programmeId}`).expect(200);
      expect(view.body.allocations).toEqual([]);
      const ownView = await rekananB.get(`/programmes/${programmeB.programmeId}`).expect(200);
      expect(
        ownView.body.allocations.map((a: { kecamatanCode: string }) => a.kecamatanCode),
      ).toEqual([KEC]);
      // City-wide lists that declare no scope stay closed to it.
      await rekananA.get('/programmes').expect(403);
    });
  });
});
