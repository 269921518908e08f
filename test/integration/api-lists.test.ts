import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { ProposalRepository } from '@salur/libs/persistence';
import { as, loginAs } from '../support/auth';
import { outsiderNik } from '../support/factories';
import { readAllPages } from '../support/pages';
import { eventually, SopDriver } from '../support/sop-driver';
import { useSopHarness } from '../support/sop-harness';
import { createTestApi } from '../support/api-app';

const HOME = '33.74.01';
const OTHER = '33.74.02';
const THIRD = '33.74.03';
const MASKED_NIK = /^\*{12}\d{4}$/;

type Item = Record<string, unknown>;
const ids = (items: Item[], key = 'id') => items.map((i) => i[key] as string);
const kecamatanOfItem = (item: Item) =>
  (item.kecamatanCode as string | undefined) ??
  (item.allocationId as string | undefined)?.slice(-8) ??
  (item.kelurahanCode as string).slice(0, 8);

/**
 * The list endpoints on real Temporal and PostgreSQL. One programme is driven to three
 * different steps (HOME at monev with complaints, OTHER at distribution, THIRD at
 * scheduling); a second programme, with a one-second SLA, has stuck allocations.
 */
describe('list endpoints', () => {
  const h = useSopHarness();
  let app: INestApplication;
  let stuckDriver: SopDriver;
  let tim: ReturnType<typeof as>;
  let auditor: ReturnType<typeof as>;
  let homeOperator: ReturnType<typeof as>;
  let homeKelurahan: ReturnType<typeof as>;
  let rekanan: ReturnType<typeof as>;
  let admin: ReturnType<typeof as>;
  const allocation = (kec: string) => `/allocations/${h.sop.allocationId(kec)}`;
  const programme = () => `/programmes/${h.sop.programmeId}`;

  beforeAll(async () => {
    app = await createTestApi(h.config);
    tim = as(app, await loginAs(app, 'tim_data'));
    auditor = as(app, await loginAs(app, 'auditor'));
    homeOperator = as(app, await loginAs(app, 'kecamatan_operator', HOME));
    homeKelurahan = as(app, await loginAs(app, 'kelurahan_operator', `${HOME}.1001`));
    rekanan = as(app, await loginAs(app, 'rekanan'));
    admin = as(app, await loginAs(app, 'system_admin'));

    await driveMainProgramme();
    // Same worker, a one-second SLA: its allocations wait at step 1 until flagged stuck.
    stuckDriver = await SopDriver.connect(
      { ...h.config, sop: { ...h.config.sop, stepSlaMs: 1000 } },
      h.dataSource,
    );
    await stuckDriver.startProgramme([
      { kecamatanCode: HOME, quota: 2 },
      { kecamatanCode: '33.74.05', quota: 2 },
    ]);
  });
  afterAll(async () => {
    await stuckDriver?.close();
    await app?.close();
  });

  async function driveMainProgramme(): Promise<void> {
    const sop = h.sop;
    const proposals = new ProposalRepository(h.dataSource);
    await sop.startProgramme([
      { kecamatanCode: HOME, quota: 8 },
      { kecamatanCode: OTHER, quota: 5 },
      { kecamatanCode: THIRD, quota: 3 },
    ]);
    await sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-LIST-1' });
    const outsiders = (kec: string, n: number) =>
      Array.from({ length: n }, () => ({ nik: outsiderNik(), kelurahanCode: `${kec}.1001` }));
    await sop.propose(HOME, 6, outsiders(HOME, 2));
    await sop.propose(OTHER, 4, outsiders(OTHER, 1));
    await sop.propose(THIRD, 3);
    for (const kec of [HOME, OTHER, THIRD]) await sop.act(kec, 'RUN_VERVAL', 'tim_data');
    for (const kec of [HOME, OTHER]) {
      for (const { recipientId } of await proposals.listReturned(sop.allocationId(kec))) {
        await proposals.withdraw(recipientId);
      }
      await sop.act(kec, 'RESUBMIT_CORRECTIONS', 'kecamatan_operator');
    }
    await sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-DRAFT-1' });
    await sop.city('APPROVE_SK', 'sk_approver', { skNo: `463/${sop.programId}` });
    for (const kec of [HOME, OTHER, THIRD]) await sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data');
    await sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-LIST-1', vendorId: 'vendor-1' });
    for (const kec of [HOME, OTHER, THIRD]) await sop.packAndInspect(kec);

    await sop.act(HOME, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-25' });
    await sop.act(HOME, 'RESCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-26' });
    await sop.act(HOME, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 6 });
    await sop.act(OTHER, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-25' });
    await sop.act(OTHER, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 4 });

    await sop.distribute(HOME);
    await sop.act(HOME, 'RECORD_COMPLAINT', 'tim_monev', { complaintId: 'A-1', needsAction: true });
    await sop.act(HOME, 'RECORD_COMPLAINT', 'tim_monev', {
      complaintId: 'A-2',
      needsAction: false,
    });
    await sop.act(HOME, 'RESOLVE_COMPLAINT', 'tim_monev', {
      complaintId: 'A-1',
      followUp: 'parcel replaced',
    });
  }

  describe('allocations (Temporal visibility)', () => {
    it('pages through a programme with the current step and stuck flag, no overlap', async () => {
      await eventually(async () => {
        const { pages, items } = await readAllPages(
          tim,
          `/allocations?programme=${h.sop.programId}`,
          2,
        );
        expect(pages.length).toBeGreaterThanOrEqual(2);
        expect(pages[0]).toHaveLength(2);
        expect(new Set(ids(items)).size).toBe(items.length);
        expect(
          items
            .map((i) => [i.kecamatanCode, i.stepNo, i.step, i.stuck, i.status, i.programId])
            .sort(),
        ).toEqual([
          [HOME, 16, 'monev', false, 'running', h.sop.programId],
          [OTHER, 15, 'distribution', false, 'running', h.sop.programId],
          [THIRD, 13, 'scheduling', false, 'running', h.sop.programId],
        ]);
      });
    });

    it('filters by step, kecamatan and stuck', async () => {
      const programmeFilter = `programme=${h.sop.programmeId}`;
      await eventually(async () => {
        const atStep = await tim.get(`/allocations?${programmeFilter}&step=scheduling`).expect(200);
        expect(ids(atStep.body.items)).toEqual([h.sop.allocationId(THIRD)]);
        const inOther = await tim.get(`/allocations?${programmeFilter}&kecamatan=${OTHER}`);
        expect(ids(inOther.body.items)).toEqual([h.sop.allocationId(OTHER)]);
        const notStuck = await tim.get(`/allocations?${programmeFilter}&stuck=false`);
        expect(notStuck.body.items).toHaveLength(3);
        // None has reached collection yet: all three are running, none completed.
        const running = await tim.get(`/allocations?${programmeFilter}&status=running`);
        expect(running.body.items.map((i: Item) => i.status)).toEqual([
          'running',
          'running',
          'running',
        ]);
        const completed = await tim.get(`/allocations?${programmeFilter}&status=completed`);
        expect(completed.body).toEqual({ items: [], nextCursor: null });
      });
      await eventually(async () => {
        const stuck = await tim
          .get(`/allocations?programme=${stuckDriver.programId}&stuck=true`)
          .expect(200);
        expect(ids(stuck.body.items).sort()).toEqual(
          [stuckDriver.allocationId(HOME), stuckDriver.allocationId('33.74.05')].sort(),
        );
        expect(stuck.body.items[0]).toMatchObject({ step: 'quota-letter', stuck: true });
      });
    });

    it('shows an area role only its own kecamatan, whatever the filter says', async () => {
      await eventually(async () => {
        for (const caller of [homeOperator, homeKelurahan]) {
          const own = await readAllPages(caller, `/allocations?programme=${h.sop.programId}`, 50);
          expect(ids(own.items)).toEqual([h.sop.allocationId(HOME)]);
          const everything = await readAllPages(caller, '/allocations', 50);
          expect(everything.items.length).toBeGreaterThanOrEqual(2);
          expect(new Set(everything.items.map(kecamatanOfItem))).toEqual(new Set([HOME]));
          const other = await caller.get(`/allocations?kecamatan=${OTHER}`).expect(200);
          expect(other.body).toEqual({ items: [], nextCursor: null });
        }
      });
    });

    it('answers 400 naming each bad parameter', async () => {
      const state = await tim.get('/allocations?status=done').expect(400);
      expect(state.body.fields).toEqual([
        { field: 'status', reason: expect.stringContaining('completed') },
      ]);
      const bad = await tim
        .get('/allocations?limit=500&step=packing-up&stuck=maybe&kecamatan=3374&colour=red')
        .expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual([
        'colour',
        'limit',
        'kecamatan',
        'step',
        'stuck',
      ]);
      for (const query of ['limit=0', 'limit=abc', 'cursor=not-a-cursor']) {
        const res = await tim.get(`/allocations?${query}`).expect(400);
        expect(res.body.fields).toEqual([
          { field: query.split('=')[0], reason: expect.any(String) },
        ]);
      }
      // A cursor of another list is refused too.
      const proposals = await tim.get(`${allocation(HOME)}/proposals?limit=1`).expect(200);
      const res = await tim.get(`/allocations?cursor=${proposals.body.nextCursor}`).expect(400);
      expect(res.body.fields[0].field).toBe('cursor');
    });
  });

  describe('programmes', () => {
    it('lists programmes page by page for city-wide roles, not for area roles', async () => {
      await eventually(async () => {
        const { items } = await readAllPages(tim, '/programmes?status=running', 1);
        expect(new Set(ids(items)).size).toBe(items.length);
        expect(ids(items)).toEqual(
          expect.arrayContaining([h.sop.programmeId, stuckDriver.programmeId]),
        );
        expect(items.find((i) => i.id === h.sop.programmeId)).toMatchObject({
          programId: h.sop.programId,
          status: 'running',
          closedAt: null,
        });
      });
      const completed = await auditor.get('/programmes?status=completed').expect(200);
      expect(ids(completed.body.items)).not.toContain(h.sop.programmeId);
      await homeOperator.get('/programmes').expect(403);
      await admin.get('/programmes').expect(403);
      const bad = await tim.get('/programmes?status=sleeping').expect(400);
      expect(bad.body.fields[0].field).toBe('status');
    });
  });

  describe('proposals with their verval reasons', () => {
    it('pages through every person with the NIK masked to its last four digits', async () => {
      const { pages, items } = await readAllPages(tim, `${allocation(HOME)}/proposals`, 3);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
      expect(new Set(ids(items, 'recipientId')).size).toBe(8);

      const stored: { id: string; nik: string }[] = await h.dataSource.query(
        `SELECT r.id, r.nik FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
          WHERE b.workflow_id = $1 ORDER BY r.seq`,
        [h.sop.allocationId(HOME)],
      );
      expect(ids(items, 'recipientId')).toEqual(stored.map((s) => s.id));
      for (const [index, item] of items.entries()) {
        expect(item.nik).toMatch(MASKED_NIK);
        expect(item.nik).toBe(`************${stored[index].nik.slice(-4)}`);
      }
      const text = JSON.stringify(items);
      expect(text).not.toMatch(/\d{16}/);
      for (const { nik } of stored) expect(text).not.toContain(nik.slice(0, 12));
    });

    it('filters by status, reason and kelurahan, and shows the reasons with their labels', async () => {
      const path = `${allocation(HOME)}/proposals`;
      const withdrawn = await tim.get(`${path}?status=withdrawn`).expect(200);
      expect(withdrawn.body.items).toHaveLength(2);
      expect(withdrawn.body.items[0]).toMatchObject({
        status: 'withdrawn',
        kelurahanCode: `${HOME}.1001`,
        reasons: [
          { code: 'NOT_RESIDENT', id: 'Bukan warga Kota Semarang', en: expect.any(String) },
        ],
      });
      const byReason = await tim.get(`${path}?reason=NOT_RESIDENT`).expect(200);
      expect(ids(byReason.body.items, 'recipientId').sort()).toEqual(
        ids(withdrawn.body.items, 'recipientId').sort(),
      );
      const accepted = await tim.get(`${path}?status=accepted`).expect(200);
      expect(accepted.body.items).toHaveLength(6);
      expect(accepted.body.items.every((i: Item) => (i.reasons as unknown[]).length === 0)).toBe(
        true,
      );
      const inKelurahan = await tim.get(`${path}?kelurahan=${HOME}.1002`).expect(200);
      expect(inKelurahan.body.items.length).toBeGreaterThan(0);
      expect(inKelurahan.body.items.every((i: Item) => i.kelurahanCode === `${HOME}.1002`)).toBe(
        true,
      );

      const bad = await tim
        .get(`${path}?status=lost&reason=NOPE&kelurahan=${OTHER}.1001`)
        .expect(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['status', 'reason']);
      const elsewhere = await tim.get(`${path}?kelurahan=${OTHER}.1001`).expect(400);
      expect(elsewhere.body.fields).toEqual([
        { field: 'kelurahan', reason: `must be a kelurahan of kecamatan ${HOME}` },
      ]);
    });

    it('shows one person by record id with every verval round, never by NIK', async () => {
      const withdrawn = await tim.get(`${allocation(HOME)}/proposals?status=withdrawn`);
      const { recipientId } = withdrawn.body.items[0] as { recipientId: string };
      const detail = await homeOperator
        .get(`${allocation(HOME)}/proposals/${recipientId}`)
        .expect(200);
      expect(detail.body).toMatchObject({
        recipientId,
        nik: expect.stringMatching(MASKED_NIK),
        status: 'withdrawn',
        verval: [
          {
            round: 1,
            outcome: 'rejected',
            rulesetVersion: expect.any(String),
            reasons: [expect.objectContaining({ code: 'NOT_RESIDENT' })],
          },
        ],
      });
      // Not a record id, or a person of another allocation: as if it did not exist.
      await tim.get(`${allocation(HOME)}/proposals/not-a-record-id`).expect(404);
      const otherPerson = await tim.get(`${allocation(OTHER)}/proposals?limit=1`);
      await tim
        .get(`${allocation(HOME)}/proposals/${otherPerson.body.items[0].recipientId}`)
        .expect(404);
    });

    it('shows a kelurahan operator only the persons of its own kelurahan', async () => {
      const everyone = await readAllPages(tim, `${allocation(HOME)}/proposals`, 50);
      const own = everyone.items.filter((i) => i.kelurahanCode === `${HOME}.1001`);
      const others = everyone.items.filter((i) => i.kelurahanCode !== `${HOME}.1001`);
      expect(own.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);

      const seen = await readAllPages(homeKelurahan, `${allocation(HOME)}/proposals`, 2);
      expect(ids(seen.items, 'recipientId')).toEqual(ids(own, 'recipientId'));
      // Asking for another kelurahan's persons by filter or by id shows nothing of them.
      const filtered = await homeKelurahan
        .get(`${allocation(HOME)}/proposals?kelurahan=${HOME}.1002`)
        .expect(200);
      expect(filtered.body.items).toEqual([]);
      await homeKelurahan
        .get(`${allocation(HOME)}/proposals/${ids(others, 'recipientId')[0]}`)
        .expect(404);
      await homeKelurahan
        .get(`${allocation(HOME)}/proposals/${ids(own, 'recipientId')[0]}`)
        .expect(200);
    });

    it('is for the data team, Dinsos, the auditor and the kecamatan concerned', async () => {
      await auditor.get(`${allocation(OTHER)}/proposals`).expect(200);
      await homeKelurahan.get(`${allocation(HOME)}/proposals`).expect(200);
      const other = await homeOperator.get(`${allocation(OTHER)}/proposals`).expect(404);
      expect(other.body.code).toBe('NOT_FOUND');
      await homeOperator.get(`${allocation(OTHER)}/proposals/${randomUUID()}`).expect(404);
      await rekanan.get(`${allocation(HOME)}/proposals`).expect(403);
      const missing = `/allocations/allocation-nope-${HOME}/proposals`;
      await tim.get(missing).expect(404);
    });
  });

  describe('SK', () => {
    it('lists the SKs of a programme and pages through their recipients, NIK masked', async () => {
      const list = await tim.get(`/sk?programme=${h.sop.programId}`).expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          programId: h.sop.programId,
          status: 'signed',
          skNo: `463/${h.sop.programId}`,
          recipientCount: 13,
          current: true,
        }),
      ]);
      const drafts = await tim.get(`/sk?programme=${h.sop.programId}&status=draft`).expect(200);
      expect(drafts.body).toEqual({ items: [], nextCursor: null });
      const skId = list.body.items[0].id as string;

      const { pages, items } = await readAllPages(tim, `/sk/${skId}/recipients`, 5);
      expect(pages.map((p) => p.length)).toEqual([5, 5, 3]);
      expect(new Set(ids(items, 'recipientId')).size).toBe(13);
      expect(items.every((i) => MASKED_NIK.test(i.nik as string))).toBe(true);
      const inOther = await tim.get(`/sk/${skId}/recipients?kecamatan=${OTHER}`).expect(200);
      expect(inOther.body.items).toHaveLength(4);

      // Area roles: their kecamatan's part only, and never the city-wide list of SKs.
      const own = await readAllPages(homeOperator, `/sk/${skId}/recipients`, 50);
      expect(own.items).toHaveLength(6);
      const asked = await homeOperator.get(`/sk/${skId}/recipients?kecamatan=${OTHER}`);
      expect(asked.body).toEqual({ items: [], nextCursor: null });
      await homeOperator.get('/sk').expect(403);
      // A kelurahan operator: its kelurahan's part of the list (its BNBA) only.
      const ownKelurahan = own.items.filter((i) => i.kelurahanCode === `${HOME}.1001`);
      expect(ownKelurahan.length).toBeGreaterThan(0);
      expect(ownKelurahan.length).toBeLessThan(own.items.length);
      const kelurahanPart = await readAllPages(homeKelurahan, `/sk/${skId}/recipients`, 50);
      expect(ids(kelurahanPart.items, 'recipientId')).toEqual(ids(ownKelurahan, 'recipientId'));
      await rekanan.get(`/sk/${skId}/recipients`).expect(403);
      await tim.get(`/sk/${randomUUID()}/recipients`).expect(404);
      const bad = await tim.get('/sk?status=approved&programme=Bad%20Id').expect(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'programme',
        'status',
      ]);
    });
  });

  describe('packing, inspection, delivery and complaint records', () => {
    it('lists an allocation’s records of each kind, with their fields', async () => {
      const packing = await tim.get(`${allocation(HOME)}/packing`).expect(200);
      expect(packing.body.items).toEqual([
        expect.objectContaining({ event: 'REPORT_PACKING', packedCount: 6, role: 'rekanan' }),
        expect.objectContaining({ event: 'DECLARE_PACKED', role: 'rekanan' }),
      ]);
      const inspections = await tim.get(`${allocation(HOME)}/inspections`).expect(200);
      expect(inspections.body.items).toEqual([
        expect.objectContaining({ inspectedCount: 6, passedCount: 6, kecamatanCode: HOME }),
      ]);
      const schedules = await tim.get(`${allocation(HOME)}/delivery-schedules`).expect(200);
      expect(schedules.body.items.map((i: Item) => [i.deliveryDate, i.rescheduled])).toEqual([
        ['2031-07-25', false],
        ['2031-07-26', true],
      ]);
      const deliveries = await tim.get(`${allocation(HOME)}/deliveries`).expect(200);
      expect(deliveries.body.items).toEqual([
        expect.objectContaining({ deliveredCount: 6, expected: 6 }),
      ]);
      const complaints = await auditor.get(`${allocation(HOME)}/complaints`).expect(200);
      expect(
        complaints.body.items.map((i: Item) => [i.type, i.complaintId, i.needsAction, i.followUp]),
      ).toEqual([
        ['RECORD_COMPLAINT', 'A-1', true, undefined],
        ['RECORD_COMPLAINT', 'A-2', false, undefined],
        ['RESOLVE_COMPLAINT', 'A-1', undefined, 'parcel replaced'],
      ]);
      expect(complaints.body.items[0]).toEqual(
        expect.objectContaining({
          recordId: expect.any(String),
          allocationId: h.sop.allocationId(HOME),
          recordedAt: expect.any(String),
          actorId: 'u-tim_monev',
        }),
      );
    });

    it('pages through a programme’s records across allocations, filtered by kecamatan', async () => {
      const { pages, items } = await readAllPages(tim, `${programme()}/packing`, 4);
      expect(pages.map((p) => p.length)).toEqual([4, 2]);
      expect(new Set(ids(items, 'recordId')).size).toBe(6);
      const times = items.map((i) => i.recordedAt as string);
      expect([...times].sort()).toEqual(times);
      expect(new Set(items.map(kecamatanOfItem))).toEqual(new Set([HOME, OTHER, THIRD]));

      const inOther = await tim.get(`${programme()}/inspections?kecamatan=${OTHER}`).expect(200);
      expect(inOther.body.items.map(kecamatanOfItem)).toEqual([OTHER]);
      const deliveries = await tim.get(`${programme()}/deliveries`).expect(200);
      expect(deliveries.body.items.map(kecamatanOfItem)).toEqual([HOME, OTHER]);
      // The programme may be named by its id or its workflow id.
      const byId = await tim.get(`/programmes/${h.sop.programId}/complaints`).expect(200);
      expect(byId.body.items).toHaveLength(3);
    });

    it('answers 404 for an unknown programme or allocation, 400 for a bad filter', async () => {
      await tim.get('/programmes/programme-nope/packing').expect(404);
      await tim.get(`/allocations/allocation-nope-${HOME}/complaints`).expect(404);
      await tim.get('/allocations/not-an-allocation/complaints').expect(404);
      const bad = await tim.get(`${programme()}/packing?kecamatan=01`).expect(400);
      expect(bad.body.fields).toEqual([
        { field: 'kecamatan', reason: 'must be a kecamatan code like 33.74.01' },
      ]);
      // An allocation's list has no kecamatan filter: it is the allocation's.
      const extra = await tim.get(`${allocation(HOME)}/packing?kecamatan=${HOME}`).expect(400);
      expect(extra.body.fields[0].field).toBe('kecamatan');
      await admin.get(`${programme()}/packing`).expect(403);
      await rekanan.get(`${programme()}/packing`).expect(200);
    });
  });

  it('never shows an area role another kecamatan’s objects in any list', async () => {
    const skId = (await tim.get(`/sk?programme=${h.sop.programId}`)).body.items[0].id as string;
    const lists = [
      `/allocations?programme=${h.sop.programId}`,
      ...['packing', 'inspections', 'delivery-schedules', 'deliveries', 'complaints'].flatMap(
        (kind) => [`${programme()}/${kind}`, `${programme()}/${kind}?kecamatan=${OTHER}`],
      ),
      `/sk/${skId}/recipients`,
      `/sk/${skId}/recipients?kecamatan=${OTHER}`,
      `${allocation(HOME)}/proposals`,
      `${allocation(HOME)}/packing`,
    ];
    await eventually(async () => {
      for (const caller of [homeOperator, homeKelurahan]) {
        let seen = 0;
        for (const path of lists) {
          const { items } = await readAllPages(caller, path, 2);
          seen += items.length;
          for (const item of items) expect([path, kecamatanOfItem(item)]).toEqual([path, HOME]);
        }
        expect(seen).toBeGreaterThan(10);
      }
    });
    // The same lists for the auditor do hold the other kecamatan.
    const all = await readAllPages(auditor, `${programme()}/packing`, 50);
    expect(all.items.map(kecamatanOfItem)).toContain(OTHER);
    // Lists under another kecamatan's allocation are refused as if it did not exist.
    for (const kind of ['proposals', 'packing', 'inspections', 'deliveries', 'complaints']) {
      const res = await homeKelurahan.get(`${allocation(OTHER)}/${kind}`);
      expect([kind, res.status, res.body.code]).toEqual([kind, 404, 'NOT_FOUND']);
    }
  });

  it('documents every list in the OpenAPI document with its parameters and an example', async () => {
    const { buildOpenApiDocument } = await import('@salur/apps/api/src/openapi');
    const document = buildOpenApiDocument(app);
    const allocations = document.paths['/allocations'].get;
    expect(allocations?.parameters?.map((p) => ('name' in p ? p.name : undefined))).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'programme', 'kecamatan', 'step', 'stuck']),
    );
    const ok = allocations?.responses['200'] as { content: Record<string, { example?: unknown }> };
    expect(ok.content['application/json'].example).toMatchObject({
      items: [expect.objectContaining({ step: 'inspection', stuck: true })],
    });
    for (const path of [
      '/programmes',
      '/allocations/{id}/proposals',
      '/allocations/{id}/proposals/{recipientId}',
      '/allocations/{id}/complaints',
      '/programmes/{id}/packing',
      '/sk',
      '/sk/{id}/recipients',
    ]) {
      expect([path, document.paths[path]?.get?.summary]).toEqual([path, expect.any(String)]);
    }
  });
});
