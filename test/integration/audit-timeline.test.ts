import type { INestApplication } from '@nestjs/common';
import type { TimelineEntry } from '@salur/libs/domain/timeline';
import { DOCUMENT_FACT_EXAMPLES } from '@salur/libs/sop/document-fact-examples';
import { formatTimeline, readTimelineFrom } from '@salur/apps/cli/src/audit/timeline';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { readAllPages } from '../support/pages';
import { eventually, SopDriver } from '../support/sop-driver';
import { useSopHarness } from '../support/sop-harness';

const HOME = '33.74.01';
const OTHER = '33.74.02';
const SHA256 = /^[0-9a-f]{64}$/;

interface MustActUser {
  userId: string;
  username: string;
  role: string;
}

/**
 * The auditor's timeline (issue 16) on real Temporal and PostgreSQL: a full walk of one
 * kecamatan, its first steps sent through the API by real users (so the timeline can name
 * them) and a refused command among them; then who must act on a stuck allocation.
 */
describe('audit timeline', () => {
  const h = useSopHarness();
  let app: INestApplication;
  let tim: ReturnType<typeof as>;
  let auditor: ReturnType<typeof as>;
  let homeOperator: ReturnType<typeof as>;
  let otherOperator: ReturnType<typeof as>;
  let pemeriksa: ReturnType<typeof as>;
  const ids: Record<string, string> = {};
  const allocation = () => `/allocations/${h.sop.allocationId(HOME)}`;

  beforeAll(async () => {
    app = await createTestApi(h.config);
    const sessions = {
      tim: await loginAs(app, 'tim_data'),
      home: await loginAs(app, 'kecamatan_operator', HOME),
      other: await loginAs(app, 'kecamatan_operator', OTHER),
      pemeriksa: await loginAs(app, 'tim_pemeriksa'),
    };
    ids.tim = sessions.tim.userId;
    ids.home = sessions.home.userId;
    ids.other = sessions.other.userId;
    tim = as(app, sessions.tim);
    auditor = as(app, await loginAs(app, 'auditor'));
    homeOperator = as(app, sessions.home);
    otherOperator = as(app, sessions.other);
    pemeriksa = as(app, sessions.pemeriksa);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists each step of a full walk once, with its actor, documents, verval run and a refusal', async () => {
    await h.sop.startProgramme([{ kecamatanCode: HOME, quota: 4 }]);
    const programme = `/programmes/${h.sop.programmeId}`;
    await tim
      .post(`${programme}/commands/SEND_QUOTA_LETTER`)
      .send({ payload: { letterNo: '460/77/2021' } })
      .expect(200);

    // Who must act now: the kecamatan's own operator, by name, not the other kecamatan's.
    const status = await tim.get(allocation()).expect(200);
    expect(status.body.step).toBe('request-letter');
    const mustAct = status.body.mustAct as { since: string; users: { userId: string }[] };
    expect(mustAct.since).toBe(status.body.stepEnteredAt);
    expect(mustAct.users).toEqual([
      { userId: ids.home, username: `kec-${HOME}`, role: 'kecamatan_operator' },
    ]);

    // A command out of order is refused, and the refusal is kept.
    await pemeriksa
      .post(`${allocation()}/commands/INSPECT`)
      .send({ payload: { inspectionId: 'BA-1', inspectedCount: 1, passedCount: 1 } })
      .expect(409);
    await homeOperator
      .post(`${allocation()}/commands/SUBMIT_REQUEST_LETTER`)
      .send({
        payload: {
          letterNo: 'L-1',
          letterDate: '2021-07-12',
          acknowledgedByCamat: true,
          ...DOCUMENT_FACT_EXAMPLES.SUBMIT_REQUEST_LETTER,
        },
      })
      .expect(200);

    await h.sop.submitProposals(HOME, 4);
    await h.sop.act(HOME, 'RUN_VERVAL', 'tim_data');
    await h.sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-DRAFT-1' });
    await h.sop.city('APPROVE_SK', 'sk_approver', { skNo: '463/9/2021' });
    await h.sop.act(HOME, 'PRINT_BAST_BNBA', 'tim_data');
    await h.sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-9/2021', vendorId: 'vendor-1' });
    await h.sop.packAndInspect(HOME);
    await h.sop.act(HOME, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-25' });
    await h.sop.act(HOME, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 4 });
    expect(await h.sop.distributeAndClose(HOME)).toMatchObject({ done: true });

    const all = await auditor.get(`${allocation()}/timeline?limit=200`).expect(200);
    const entries = all.body.items as TimelineEntry[];
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.disagreements).toEqual([]);

    // Paging returns every entry once, in the same order.
    const paged = await readAllPages<TimelineEntry>(auditor, `${allocation()}/timeline`, 3);
    expect(paged.items).toEqual(entries);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));

    const steps = entries.filter((e) => e.kind === 'step');
    const transitions = steps.map((e) => e.transitionId);
    expect(new Set(transitions).size).toBe(transitions.length);
    const byCommand = (command: string) => steps.filter((e) => e.command === command);
    for (const command of [
      'SEND_QUOTA_LETTER',
      'SUBMIT_REQUEST_LETTER',
      'RUN_VERVAL',
      'APPROVE_SK',
      'COMPLETE_COLLECTION',
    ]) {
      expect(byCommand(command)).toHaveLength(1);
    }
    expect(byCommand('SEND_QUOTA_LETTER')[0]).toMatchObject({
      stepNo: 1,
      actor: { userId: ids.tim, username: 'tim_data', role: 'tim_data' },
    });
    expect(byCommand('SUBMIT_REQUEST_LETTER')[0]).toMatchObject({
      stepNo: 2,
      stepName: 'Kecamatan writes the request letter',
      actor: { userId: ids.home, username: `kec-${HOME}`, role: 'kecamatan_operator' },
    });
    const verval = byCommand('RUN_VERVAL')[0];
    expect(verval.vervalRuns).toEqual([
      expect.objectContaining({
        round: 1,
        accepted: 4,
        rejected: 0,
        rulesetVersion: expect.any(String),
      }),
    ]);
    // Every step names when, in WIB and UTC, and who.
    for (const step of steps) {
      expect(step.at.wib).toMatch(/\+07:00$/);
      expect(new Date(step.at.wib).getTime()).toBe(new Date(step.at.utc).getTime());
      expect(step.actor).not.toBeNull();
    }
    // Documents with their SHA-256, each under one entry.
    const documents = entries.flatMap((e) => e.documents);
    expect(documents.length).toBeGreaterThan(0);
    for (const d of documents) expect(d.sha256).toMatch(SHA256);
    expect(new Set(documents.map((d) => d.id)).size).toBe(documents.length);
    const evidence = entries.flatMap((e) => e.evidence);
    for (const e of evidence) expect(e.sha256).toMatch(SHA256);

    const refusals = entries.filter((e) => e.kind === 'refusal');
    expect(refusals).toEqual([
      expect.objectContaining({
        command: 'INSPECT',
        stepNo: 2,
        actor: expect.objectContaining({ username: 'tim_pemeriksa', role: 'tim_pemeriksa' }),
        refusal: expect.objectContaining({ code: 'TRANSITION_REFUSED' }),
      }),
    ]);
    // Its record is part of the audit chain.
    const chained: { n: number }[] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_chain WHERE table_name = 'sop_command_refusal' AND programme_id = $1`,
      [h.sop.programId],
    );
    expect(chained[0].n).toBe(1);

    // The CLI prints the same timeline.
    const text = formatTimeline(
      await readTimelineFrom(h.dataSource, h.config, h.sop.allocationId(HOME)),
    );
    expect(text).toContain(
      `SUBMIT_REQUEST_LETTER  step 2 Kecamatan writes the request letter  kec-${HOME} (kecamatan_operator)`,
    );
    expect(text).toMatch(/PostgreSQL and the workflow history agree$/);

    // The programme's timeline holds the same city-wide steps, once each.
    const whole = await tim.get(`${programme}/timeline?limit=200`).expect(200);
    const cityWide = (whole.body.items as TimelineEntry[]).filter(
      (e) => e.command === 'APPROVE_SK',
    );
    expect(cityWide).toHaveLength(1);
    expect(whole.body.disagreements).toEqual([]);
  });

  it('is scoped: another kecamatan gets 404, the programme timeline is city-wide only', async () => {
    await otherOperator.get(`${allocation()}/timeline`).expect(404);
    await homeOperator.get(`${allocation()}/timeline`).expect(200);
    await homeOperator.get(`/programmes/${h.sop.programmeId}/timeline`).expect(403);
    await auditor.get(`/programmes/${h.sop.programmeId}/timeline`).expect(200);
    await auditor.get(`/allocations/allocation-nope-${OTHER}/timeline`).expect(404);
    await auditor.get(`/programmes/programme-nope/timeline`).expect(404);
  });

  it('names the users who must act on a stuck allocation, in the list and in its timeline', async () => {
    const stuck = await SopDriver.connect(
      { ...h.config, sop: { ...h.config.sop, stepSlaMs: 1000 } },
      h.dataSource,
    );
    try {
      await stuck.startProgramme([{ kecamatanCode: HOME, quota: 2 }]);
      const id = stuck.allocationId(HOME);
      const item = await eventually(async () => {
        const res = await tim
          .get(`/allocations?stuck=true&programme=${stuck.programId}`)
          .expect(200);
        type Item = { id: string; mustAct: { since: string; users: MustActUser[] } };
        const found = (res.body.items as Item[]).find((i) => i.id === id);
        if (!found) throw new Error('not stuck yet');
        return found;
      });
      // Step 1 waits for the quota letter: dinsos_admin and tim_data, city-wide.
      expect(item.mustAct.users).toEqual(
        expect.arrayContaining([
          { userId: ids.tim, username: 'tim_data', role: 'tim_data' },
          expect.objectContaining({ role: 'dinsos_admin' }),
        ]),
      );
      expect(item.mustAct.users.every((u) => ['tim_data', 'dinsos_admin'].includes(u.role))).toBe(
        true,
      );

      const timeline = await auditor.get(`/allocations/${id}/timeline`).expect(200);
      const period = (timeline.body.items as TimelineEntry[]).find((e) => e.kind === 'stuck');
      expect(period).toMatchObject({
        stepNo: 1,
        stuck: {
          until: null,
          mustAct: expect.arrayContaining([expect.objectContaining({ userId: ids.tim })]),
        },
      });
    } finally {
      await stuck.close();
    }
  });
});
