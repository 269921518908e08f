import type { INestApplication } from '@nestjs/common';
import { COVID_IMPACT_CHOICES } from '@salur/libs/domain/covid-impact';
import { VERVAL_REASONS } from '@salur/libs/domain/verval';
import { as, loginAs, loginAsNew } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { kkNumber, semarangNik } from '../support/factories';
import { PROPOSAL_HEADER, toCsv } from '../support/import-files';
import { readAllPages } from '../support/pages';
import { allocationAtProposalInput, submitRequestLetter } from '../support/programme-api';
import { useSopHarness } from '../support/sop-harness';

const HOME = '33.74.04';
const OTHER = '33.74.05';
const KEL: Record<string, string> = { [HOME]: `${HOME}.1001`, [OTHER]: `${OTHER}.1001` };

type Agent = ReturnType<typeof as>;

interface Row {
  nik: string;
  noKk: string;
  impact: string;
}

interface Listed {
  recipientId: string;
  status: string;
  reasons: { code: string; id: string; en: string }[];
}

/**
 * Issue #15, families: one parcel per family (DUPLICATE_KK) and the Covid-19 impact judged
 * against its allowed values (COVID_IMPACT_INVALID), through the API as its users work: the
 * kecamatan imports its file, the data team runs verval on the real workflow, the kecamatan
 * reads the returned persons with labelled reasons, corrects or withdraws them and resubmits.
 */
describe('verval: one parcel per family and the Covid-19 impact, through the API', () => {
  const h = useSopHarness();
  let app: INestApplication;
  // Dinsos, the data team (and two more of its members for an override), both kecamatan.
  let [admin, tim, maker, checker, operator, otherOperator] = [] as Agent[];

  beforeAll(async () => {
    app = await createTestApi(h.config);
    const logins = [
      () => loginAs(app, 'dinsos_admin'),
      () => loginAs(app, 'tim_data'),
      () => loginAsNew(app, 'tim_data', 'families-maker'),
      () => loginAsNew(app, 'tim_data', 'families-checker'),
      () => loginAs(app, 'kecamatan_operator', HOME),
      () => loginAs(app, 'kecamatan_operator', OTHER),
    ];
    const agents: Agent[] = [];
    // One after another: the first login seeds the demo users the others need.
    for (const login of logins) agents.push(as(app, await login()));
    [admin, tim, maker, checker, operator, otherOperator] = agents;
  });
  afterAll(async () => {
    await app?.close();
  });

  const person = (kec: string, noKk: string, impact: string): Row => ({
    nik: semarangNik(kec),
    noKk,
    impact,
  });

  /** The kecamatan's file in the template's columns, imported and submitted. */
  async function importAndSubmit(by: Agent, allocation: string, kec: string, rows: Row[]) {
    const csv = toCsv([
      PROPOSAL_HEADER,
      ...rows.map((r, i) => [
        r.nik,
        r.noKk,
        `Warga Keluarga ${i + 1}`,
        `Jl. Keluarga No. ${i + 1}`,
        '1',
        '2',
        KEL[kec],
        '',
        r.impact,
      ]),
    ]);
    const imported = await by
      .post(`${allocation}/proposals/import`)
      .field('letterNo', 'L-KK')
      .field('letterDate', '2021-07-12')
      .field('acknowledgedByCamat', 'true')
      .attach('file', csv, 'usulan.csv')
      .expect(201);
    await by
      .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
      .send({ payload: { batchId: imported.body.batchId, proposedCount: rows.length } })
      .expect(200);
  }

  /** Each person of the allocation in file order (the list is in submission order). */
  const listed = async (allocation: string): Promise<Listed[]> =>
    (await readAllPages<Listed>(tim, `${allocation}/proposals`, 50)).items;

  const codes = (items: Listed[]) => items.map((p) => [p.status, p.reasons.map((r) => r.code)]);

  const why = async (nik: string) => {
    const res = await tim.post('/verval/why').send({ nik }).expect(200);
    expect(res.body.allocations).toHaveLength(1);
    return res.body.allocations[0] as {
      outcome: string;
      run: { rulesetVersion: string; round: number };
      reasons: { code: string; id: string; en: string; detail: unknown }[];
    };
  };

  it('returns a family’s second member and an unknown Covid-19 impact, named in both languages; corrections and withdrawals settle it', async () => {
    const allocation = await allocationAtProposalInput(
      { admin, tim, operator },
      [
        { kecamatanCode: HOME, quota: 10 },
        { kecamatanCode: OTHER, quota: 10 },
      ],
      HOME,
    );
    const [f1, f2, f3, f4] = [kkNumber(HOME), kkNumber(HOME), kkNumber(HOME), kkNumber(HOME)];
    const rows = [
      // Families 1 and 2: both members state an impact that is not on the list.
      person(HOME, f1, 'Terdampak'),
      person(HOME, f1, 'terdampak pandemi'),
      person(HOME, f2, 'Covid'),
      person(HOME, f2, 'Covid'),
      // Family 3: two members who qualify; the first in the file keeps the parcel.
      person(HOME, f3, ' usaha TUTUP '),
      person(HOME, f3, 'Kehilangan pekerjaan'),
      person(HOME, f4, 'Penghasilan turun, Isolasi mandiri'),
    ];
    await importAndSubmit(operator, allocation, HOME, rows);

    const round1 = await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
    expect(round1.body.counts).toMatchObject({ accepted: 2, rejected: 5 });
    const [a1, b1, a2, b2, , q] = await listed(allocation);
    expect(codes(await listed(allocation))).toEqual([
      ['rejected', ['COVID_IMPACT_INVALID']],
      ['rejected', ['COVID_IMPACT_INVALID']],
      ['rejected', ['COVID_IMPACT_INVALID']],
      ['rejected', ['COVID_IMPACT_INVALID']],
      ['accepted', []],
      ['rejected', ['DUPLICATE_KK']],
      ['accepted', []],
    ]);
    // The kecamatan reads who was returned and why, in Indonesian and English.
    const returned = await operator.get(`${allocation}/returned`).expect(200);
    expect(returned.body.map((r: { recipientId: string }) => r.recipientId)).toEqual(
      [a1, b1, a2, b2, q].map((p) => p.recipientId),
    );
    const detail = await operator.get(`${allocation}/proposals/${q.recipientId}`).expect(200);
    expect(detail.body.reasons).toEqual([
      {
        code: 'DUPLICATE_KK',
        id: 'Satu KK sudah menerima (satu paket per keluarga)',
        en: 'The family (same No. KK) already receives a parcel (one parcel per family)',
      },
    ]);
    expect(a1.reasons).toEqual([
      { code: 'COVID_IMPACT_INVALID', ...VERVAL_REASONS.COVID_IMPACT_INVALID },
    ]);
    expect(a1.reasons[0].id).toContain(COVID_IMPACT_CHOICES);

    // "Why was this NIK rejected?": the reason, its labels and where the family's parcel is.
    const whyQ = await why(rows[5].nik);
    expect(whyQ).toMatchObject({
      outcome: 'rejected',
      run: { rulesetVersion: '2021.4', round: 1 },
    });
    expect(whyQ.reasons).toEqual([
      {
        code: 'DUPLICATE_KK',
        ...VERVAL_REASONS.DUPLICATE_KK,
        detail: { kecamatanCode: HOME, kecamatanName: 'Gayamsari' },
      },
    ]);
    expect((await why(rows[0].nik)).reasons).toEqual([
      { code: 'COVID_IMPACT_INVALID', ...VERVAL_REASONS.COVID_IMPACT_INVALID, detail: null },
    ]);

    // Family 1: both corrected, so the first in the file keeps the parcel. Family 2: the
    // first withdrawn, so the other is accepted. Family 3's second member withdrawn.
    const returnedPath = (p: Listed) => `${allocation}/returned/${p.recipientId}`;
    for (const [p, row] of [
      [a1, rows[0]],
      [b1, rows[1]],
      [b2, rows[3]],
    ] as const) {
      await operator
        .post(`${returnedPath(p)}/correct`)
        .send({ nik: row.nik, kelurahanCode: KEL[HOME], covidImpact: 'Penghasilan turun' })
        .expect(200);
    }
    await operator
      .post(`${returnedPath(a2)}/withdraw`)
      .send({})
      .expect(200);
    await operator
      .post(`${returnedPath(q)}/withdraw`)
      .send({})
      .expect(200);
    await operator.post(`${allocation}/commands/RESUBMIT_CORRECTIONS`).send({}).expect(200);
    const round2 = await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
    expect(round2.body.counts).toMatchObject({ accepted: 4, rejected: 1, withdrawn: 2 });
    expect(codes(await listed(allocation))).toEqual([
      ['accepted', []],
      ['rejected', ['DUPLICATE_KK']],
      ['withdrawn', ['COVID_IMPACT_INVALID']],
      ['accepted', []],
      ['accepted', []],
      ['withdrawn', ['DUPLICATE_KK']],
      ['accepted', []],
    ]);

    // Two members of the data team cannot give the family a second parcel either.
    const asked = await maker
      .post('/verval/overrides')
      .send({ recipientId: b1.recipientId, outcome: 'accepted', reason: 'KK dipisah' })
      .expect(201);
    const refused = await checker
      .post(`/verval/overrides/${asked.body.id}/approve`)
      .send({})
      .expect(409);
    expect(refused.body.message).toMatch(/same No\. KK.*one parcel per family/);

    // Another kecamatan of the programme proposes a member of family 4: the parcel stays here.
    const other = allocation.replace(HOME, OTHER);
    await submitRequestLetter(otherOperator, other);
    const otherRows = [
      person(OTHER, f4, 'Usaha tutup'),
      person(OTHER, kkNumber(OTHER), 'Usaha tutup'),
    ];
    await importAndSubmit(otherOperator, other, OTHER, otherRows);
    await tim.post(`${other}/commands/RUN_VERVAL`).send({}).expect(200);
    expect(codes(await listed(other))).toEqual([
      ['rejected', ['DUPLICATE_KK']],
      ['accepted', []],
    ]);
    expect((await why(otherRows[0].nik)).reasons).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_KK',
        detail: { kecamatanCode: HOME, kecamatanName: 'Gayamsari' },
      }),
    ]);
  });
});
