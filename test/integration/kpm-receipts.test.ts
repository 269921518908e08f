import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { SIGNED_BNBA_HEADER, xlsxOf } from '@salur/libs/documents/documents.testing';
import { SkRepository } from '@salur/libs/persistence';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { semarangNik } from '../support/factories';
import { useSopHarness } from '../support/sop-harness';

const HOME = '33.74.01';
const EARLY = '33.74.03';
const K1 = `${HOME}.1001`;
const K2 = `${HOME}.1002`;
const K3 = `${HOME}.1003`;
const MASKED = (nik: string) => `************${nik.slice(-4)}`;

type Client = ReturnType<typeof as>;
type View = { kelurahan: { listed: string[] } };
interface Person {
  nik: string;
  kelurahanCode: string;
}

/**
 * Distribution per KPM (issue 15) over HTTP, on real Temporal and PostgreSQL: receipts one by
 * one and from a signed BNBA (XLSX), their refusals, the reconciliation of the kelurahan and
 * kecamatan counts, RECORD_DISTRIBUTION checked against the receipts, and receipts closed
 * once collection is complete. HOME is driven to step 15; EARLY waits at step 13.
 */
describe('KPM receipts and reconciliation', () => {
  const h = useSopHarness();
  let app: INestApplication;
  let operator: Client;
  let kelurahanOperator: Client;
  let otherOperator: Client;
  let distribusi: Client;
  let auditor: Client;
  const persons: Record<string, Person[]> = {};
  const allocation = (kec = HOME) => `/allocations/${h.sop.allocationId(kec)}`;
  const receiptsOf = (kelurahanCode: string) =>
    `${allocation()}/kelurahan/${kelurahanCode}/receipts`;

  const receiptRows = async (): Promise<number> => {
    const [{ n }]: { n: number }[] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM kpm_receipt WHERE workflow_id = $1`,
      [h.sop.allocationId(HOME)],
    );
    return n;
  };

  beforeAll(async () => {
    app = await createTestApi(h.config);
    operator = as(app, await loginAs(app, 'kecamatan_operator', HOME));
    kelurahanOperator = as(app, await loginAs(app, 'kelurahan_operator', K1));
    otherOperator = as(app, await loginAs(app, 'kecamatan_operator', '33.74.02'));
    distribusi = as(app, await loginAs(app, 'tim_distribusi'));
    auditor = as(app, await loginAs(app, 'auditor'));

    // Four families in K1, five in K2 (one woman: her NIK's first 15 digits are hers alone),
    // one in K3.
    const make = (kelurahanCode: string, female = false) => ({
      nik: semarangNik(HOME, { female }),
      kelurahanCode,
    });
    persons[K1] = [make(K1), make(K1), make(K1), make(K1)];
    persons[K2] = [make(K2), make(K2), make(K2), make(K2), make(K2, true)];
    persons[K3] = [make(K3)];
    const sop = h.sop;
    await sop.startProgramme([
      { kecamatanCode: HOME, quota: 10 },
      { kecamatanCode: EARLY, quota: 2 },
    ]);
    await sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-KPM-1' });
    await sop.propose(HOME, 0, [...persons[K1], ...persons[K2], ...persons[K3]]);
    await sop.propose(EARLY, 2);
    for (const kec of [HOME, EARLY]) await sop.act(kec, 'RUN_VERVAL', 'tim_data');
    await sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-KPM-1' });
    await sop.city('APPROVE_SK', 'sk_approver', { skNo: `463/${sop.programId}` });
    for (const kec of [HOME, EARLY]) await sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data');
    await sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-KPM-1', vendorId: 'vendor-1' });
    // An amending SK takes one of EARLY's two families off; it lists everyone else, HOME's
    // ten included, and is the SK in force from then on.
    const [signed]: { id: string }[] = await h.dataSource.query(
      `SELECT id FROM sk_document WHERE program_id = $1 AND status = 'signed'`,
      [sop.programId],
    );
    const [removed]: { recipient_id: string }[] = await h.dataSource.query(
      `SELECT recipient_id FROM sk_recipient WHERE sk_id = $1 AND kecamatan_code = $2 LIMIT 1`,
      [signed.id, EARLY],
    );
    const sk = new SkRepository(h.dataSource);
    const amendment = await sk.requestAmendment({
      skId: signed.id,
      reason: 'Penerima pindah domisili sebelum distribusi',
      add: [],
      remove: [removed.recipient_id],
      requestedBy: 'u-tim_data',
    });
    await sk.decideAmendment({
      amendmentId: amendment.skId,
      decision: 'approved',
      decidedBy: 'u-sk_approver',
    });
    for (const kec of [HOME, EARLY]) await sop.packAndInspect(kec);
    await sop.act(HOME, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-25' });
    const view = await sop.act(HOME, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 10 });
    expect(view).toMatchObject({ stepNo: 15, step: 'distribution' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists on a BNBA the persons of the SK in force only', async () => {
    const early = as(app, await loginAs(app, 'kecamatan_operator', EARLY));
    const listed = await early.get(`${allocation(EARLY)}/receipts`).expect(200);
    expect(listed.body.items).toHaveLength(1);
    const home = await operator.get(`${allocation()}/receipts?limit=200`).expect(200);
    expect(home.body.items).toHaveLength(10);
    expect(home.body.items.every((i: { receipt: unknown }) => i.receipt === null)).toBe(true);
  });

  it('takes no receipt before the parcels reach the kecamatan (step 15)', async () => {
    const [nik] = await h.dataSource.query<{ nik: string }[]>(
      `SELECT nik FROM kpm_bnba WHERE workflow_id = $1 LIMIT 1`,
      [h.sop.allocationId(EARLY)],
    );
    const early = await as(app, await loginAs(app, 'kecamatan_operator', EARLY))
      .post(`${allocation(EARLY)}/kelurahan/${EARLY}.1001/receipts`)
      .send({ receipts: [{ nik: nik.nik, status: 'received' }] })
      .expect(409);
    expect(early.body).toMatchObject({
      code: 'TRANSITION_REFUSED',
      refusal: 'NOT_AT_DISTRIBUTION',
      message: expect.stringContaining('this allocation is at step 13 (scheduling)'),
    });
  });

  it('records receipts one by one: the same again changes nothing, a second one needs a correction', async () => {
    const [a, b, c, d] = persons[K1];
    // The kelurahan operator, for its own kelurahan: received, with the handover photo.
    const photo = await kelurahanOperator
      .post(`${allocation()}/evidence`)
      .field('kind', 'photo_distribution')
      .attach('file', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(64)]), 'a.jpg')
      .expect(201);
    const first = await kelurahanOperator
      .post(receiptsOf(K1))
      .send({ receipts: [{ nik: a.nik, status: 'received', evidenceId: photo.body.id }] })
      .expect(201);
    expect(first.body).toMatchObject({
      recorded: 1,
      unchanged: 0,
      receipts: [{ nik: MASKED(a.nik), status: 'received', created: true }],
      kelurahan: { kelurahanCode: K1, listed: 4, distributed: 1, pending: 3 },
    });
    const receiptId = first.body.receipts[0].receiptId as string;

    // A retried request: nothing new.
    const again = await kelurahanOperator
      .post(receiptsOf(K1))
      .send({ receipts: [{ nik: a.nik, status: 'received', evidenceId: photo.body.id }] })
      .expect(200);
    expect(again.body).toMatchObject({ recorded: 0, unchanged: 1, receipts: [{ receiptId }] });

    // A second, different receipt for the same person: refused, naming the person (masked)
    // and the receipt in force.
    const second = await operator
      .post(receiptsOf(K1))
      .send({ receipts: [{ nik: a.nik, status: 'not_received', reason: 'pindah' }] })
      .expect(409);
    expect(second.body).toMatchObject({
      code: 'ALREADY_EXISTS',
      fields: [
        {
          field: 'receipts[0].nik',
          reason: expect.stringContaining(
            `NIK ${MASKED(a.nik)} already has receipt ${receiptId} (received)`,
          ),
        },
      ],
    });
    expect(JSON.stringify(second.body)).not.toContain(a.nik);

    // The correction names the receipt it replaces; the first is kept.
    const corrected = await operator
      .post(receiptsOf(K1))
      .send({
        receipts: [
          { nik: a.nik, status: 'not_received', reason: 'pindah', correctsReceiptId: receiptId },
        ],
      })
      .expect(201);
    expect(corrected.body.receipts[0]).toMatchObject({
      correctsReceiptId: receiptId,
      status: 'not_received',
    });
    expect(await receiptRows()).toBe(2);

    // All or nothing: one person not on this kelurahan's BNBA (one of K2's, and one never
    // proposed) refuses the whole request with every reason, and writes nothing.
    const stranger = semarangNik(HOME);
    const notOnList = [
      { nik: b.nik, status: 'received' },
      { nik: stranger, status: 'received' },
      { nik: persons[K2][0].nik, status: 'received' },
      { nik: b.nik, status: 'received' },
    ];
    // A malformed receipt is named before any person is looked up.
    const malformed = await operator
      .post(receiptsOf(K1))
      .send({
        receipts: [
          ...notOnList,
          { nik: c.nik, status: 'received_by_proxy', proxyName: 'Siti Aminah' },
        ],
      })
      .expect(400);
    expect(malformed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'receipts[4].proxyRelationship', reason: expect.any(String) }],
    });
    const notListed = await operator.post(receiptsOf(K1)).send({ receipts: notOnList }).expect(400);
    expect(notListed.body.fields).toEqual([
      {
        field: 'receipts[1].nik',
        reason: `NIK ${MASKED(stranger)} tidak ada di BNBA kelurahan ${K1} (SK yang berlaku) / NIK ${MASKED(stranger)} is not on the BNBA of kelurahan ${K1} (the SK in force)`,
      },
      {
        field: 'receipts[2].nik',
        reason: expect.stringContaining(`is not on the BNBA of kelurahan ${K1}`),
      },
      {
        field: 'receipts[3].nik',
        reason: expect.stringContaining('is named twice in this request (also receipts[0])'),
      },
    ]);
    expect(JSON.stringify(notListed.body)).not.toContain(stranger);
    expect(await receiptRows()).toBe(2);

    // By record id too, as a list shows persons: a proxy, and a refusal with its reason.
    const pending = await operator
      .get(`${allocation()}/receipts?kelurahan=${K1}&status=none`)
      .expect(200);
    expect(pending.body.items).toHaveLength(3);
    const idOf = (person: Person): string =>
      (pending.body.items as { recipientId: string; nik: string }[]).find(
        (item) => item.nik === MASKED(person.nik),
      )!.recipientId;
    const [idB, idC, idD] = [b, c, d].map(idOf);
    await distribusi
      .post(receiptsOf(K1))
      .send({
        receipts: [
          { recipientId: idB, status: 'received' },
          {
            recipientId: idC,
            status: 'received_by_proxy',
            proxyName: 'Siti Aminah',
            proxyRelationship: 'anak',
          },
          { recipientId: idD, status: 'not_received', reason: 'menolak' },
        ],
      })
      .expect(201);
    const listed = await auditor.get(`${allocation()}/receipts?kelurahan=${K1}`).expect(200);
    expect(
      listed.body.items
        .map((i: { nik: string; receipt: { status: string; reason: string | null } }) => [
          i.nik,
          i.receipt.status,
          i.receipt.reason,
        ])
        .sort(),
    ).toEqual(
      [
        [MASKED(a.nik), 'not_received', 'pindah'],
        [MASKED(b.nik), 'received', null],
        [MASKED(c.nik), 'received_by_proxy', null],
        [MASKED(d.nik), 'not_received', 'menolak'],
      ].sort(),
    );
    expect(JSON.stringify(listed.body)).not.toContain('Siti');
  });

  it('records a signed BNBA from XLSX, a NIK typed as a number included; the same file twice changes nothing', async () => {
    const [a, b, c, d, woman] = persons[K2];
    const sheet = (rows: (string | number)[][]) => bnbaXlsx(K2, rows);
    // A NIK Excel turned into a number (its 16th digit lost) is found by the 15 it kept,
    // when they name one person only; one written exactly as a number is found as it is.
    const typedInExcel = Number(`${woman.nik.slice(0, 15)}0`);
    const file = await sheet([
      [1, a.nik, 'ya', '', '', ''],
      [2, Number(b.nik), '✓', '', 'Budi', 'suami'],
      [3, `'${c.nik}`, 'tidak', 'Meninggal dunia', '', ''],
      [4, d.nik, '', '', '', ''],
      [5, typedInExcel, 'V', '', '', ''],
    ]);
    const first = await operator
      .post(`${receiptsOf(K2)}/import`)
      .attach('file', file, 'bnba-1002.xlsx')
      .expect(201);
    expect(first.body).toMatchObject({
      alreadyImported: false,
      rowCount: 5,
      recorded: 4,
      unchanged: 0,
      unmarked: 1,
      kelurahan: {
        kelurahanCode: K2,
        listed: 5,
        received: 2,
        receivedByProxy: 1,
        distributed: 3,
        returned: 1,
        returnedByReason: { meninggal: 1 },
        pending: 1,
      },
    });
    const rows = await receiptRows();
    const twice = await operator
      .post(`${receiptsOf(K2)}/import`)
      .attach('file', file, 'bnba-1002-lagi.xlsx')
      .expect(200);
    expect(twice.body).toMatchObject({
      alreadyImported: true,
      uploadId: first.body.uploadId,
      sha256: first.body.sha256,
      recorded: 4,
    });
    expect(await receiptRows()).toBe(rows);

    // Every bad row by line and column, Indonesian first; nothing of the file is written.
    const bad = await operator
      .post(`${receiptsOf(K2)}/import`)
      .attach(
        'file',
        await sheet([
          [1, d.nik, 'x', '', '', ''],
          [2, persons[K1][0].nik, 'ya', '', '', ''],
          [3, Number(`${a.nik.slice(0, 15)}0`), 'ya', '', '', ''],
          [4, a.nik, 'tidak', 'pindah', '', ''],
        ]),
        'bnba-salah.xlsx',
      )
      .expect(400);
    expect(bad.body.rows).toEqual([
      { line: 4, column: 'diterima', reason: expect.stringMatching(/^harus ya\/y\/v/) },
      {
        line: 5,
        column: 'nik',
        reason: expect.stringContaining(`is not on the BNBA of kelurahan ${K2}`),
      },
      {
        line: 6,
        column: 'nik',
        reason: expect.stringMatching(
          /^NIK \*{12}\d{4} tersimpan sebagai angka di Excel .* matches 4 persons on the BNBA/,
        ),
      },
      { line: 7, column: 'nik', reason: expect.stringContaining('already has receipt') },
    ]);
    expect(bad.body.message).toMatch(
      /^Tidak ada tanda terima yang dicatat \/ No receipt was recorded: baris 4, kolom diterima \/ line 4, column diterima: /,
    );
    expect(JSON.stringify(bad.body)).not.toContain(persons[K1][0].nik);
    expect(await receiptRows()).toBe(rows);

    // A row that differs from the receipt in force is a second receipt: 409, by line.
    const conflicting = await operator
      .post(`${receiptsOf(K2)}/import`)
      .attach('file', await sheet([[1, a.nik, 'tidak', 'pindah', '', '']]), 'bnba-beda.xlsx')
      .expect(409);
    expect(conflicting.body).toMatchObject({
      code: 'ALREADY_EXISTS',
      rows: [{ line: 4, column: 'nik', reason: expect.stringContaining('already has receipt') }],
    });
    expect(await receiptRows()).toBe(rows);
  });

  it('keeps a kelurahan operator to its own kelurahan, and every operator to its kecamatan', async () => {
    const body = { receipts: [{ nik: persons[K2][3].nik, status: 'received' }] };
    const other = await kelurahanOperator.post(receiptsOf(K2)).send(body).expect(403);
    expect(other.body).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
      message: `a kelurahan operator acts only for kelurahan ${K1}`,
    });
    await kelurahanOperator
      .post(`${receiptsOf(K2)}/import`)
      .attach('file', await bnbaXlsx(K2, [[1, persons[K2][3].nik, 'ya', '', '', '']]), 'x.xlsx')
      .expect(403);
    await otherOperator.post(receiptsOf(K2)).send(body).expect(404);
    await otherOperator.get(`${allocation()}/receipts/reconciliation`).expect(404);
    await auditor.post(receiptsOf(K2)).send(body).expect(403);
    const rekanan = as(app, await loginAs(app, 'rekanan'));
    await rekanan.post(receiptsOf(K2)).send(body).expect(403);
    await operator.post(`${allocation()}/kelurahan/33.74.02.1001/receipts`).send(body).expect(404);

    // The kelurahan operator reads its own kelurahan's figures and persons only.
    const own = await kelurahanOperator.get(`${allocation()}/receipts/reconciliation`).expect(200);
    expect(own.body).toMatchObject({ over: 'kelurahan', kelurahan: [{ kelurahanCode: K1 }] });
    expect(own.body.kelurahan).toHaveLength(1);
    const list = await kelurahanOperator.get(`${allocation()}/receipts?kelurahan=${K2}`);
    expect(list.body.items).toEqual([]);
  });

  it('reconciles the kelurahan and the kecamatan, and refuses RECORD_DISTRIBUTION counts that differ from the receipts', async () => {
    // The last ones: K2's unmarked person received, and K3's only family moved away.
    await operator
      .post(receiptsOf(K2))
      .send({ receipts: [{ nik: persons[K2][3].nik, status: 'received' }] })
      .expect(201);
    await operator
      .post(receiptsOf(K3))
      .send({
        receipts: [{ nik: persons[K3][0].nik, status: 'not_received', reason: 'tidak_ditemukan' }],
      })
      .expect(201);

    const reconciled = await operator.get(`${allocation()}/receipts/reconciliation`).expect(200);
    expect(reconciled.body).toMatchObject({
      over: 'kecamatan',
      kelurahan: [
        {
          kelurahanCode: K1,
          listed: 4,
          received: 1,
          receivedByProxy: 1,
          distributed: 2,
          returned: 2,
          returnedByReason: { pindah: 1, meninggal: 0, tidak_ditemukan: 0, menolak: 1 },
          pending: 0,
          recordedDistribution: null,
        },
        { kelurahanCode: K2, listed: 5, distributed: 4, returned: 1, pending: 0 },
        {
          kelurahanCode: K3,
          listed: 1,
          distributed: 0,
          returned: 1,
          returnedByReason: { tidak_ditemukan: 1 },
        },
      ],
      totals: {
        listed: 10,
        distributed: 6,
        returned: 4,
        returnedByReason: { pindah: 1, meninggal: 1, tidak_ditemukan: 1, menolak: 1 },
        pending: 0,
      },
    });

    const record = (kelurahanCode: string, distributedCount: number, returnedCount?: number) =>
      operator
        .post(`${allocation()}/commands/RECORD_DISTRIBUTION`)
        .send({ payload: { kelurahanCode, distributedCount, returnedCount } });
    const wrong = await record(K1, 4).expect(409);
    expect(wrong.body).toMatchObject({
      code: 'TRANSITION_REFUSED',
      refusal: 'RECEIPTS_DIFFER',
      kelurahanCode: K1,
      difference: 2,
      message:
        `Kelurahan ${K1}: distributedCount 4 berbeda dari 2 tanda terima diterima (selisih +2); ` +
        'returnedCount 0 berbeda dari 2 paket tidak diterima (selisih -2) / ' +
        `Kelurahan ${K1}: distributedCount 4 differs from the 2 receipts marked received (difference +2); ` +
        'returnedCount 0 differs from the 2 parcels not received (difference -2)',
    });
    const fewer = await record(K2, 3, 1).expect(409);
    expect(fewer.body.message).toContain(
      `Kelurahan ${K2}: distributedCount 3 differs from the 4 receipts marked received (difference -1)`,
    );
    expect((await h.sop.status(HOME)).kelurahan.distributed).toEqual([]);

    await record(K1, 2, 2).expect(200);
    await record(K2, 4, 1).expect(200);
    const view = await record(K3, 0, 1).expect(200);
    // Only kelurahan with families on the SK have a BAST/BNBA, so these three are all of them.
    expect((view.body as View).kelurahan.listed).toEqual([K1, K2, K3]);
    expect(view.body).toMatchObject({ step: 'monev', counts: { delivered: 10, distributed: 6 } });

    const after = await auditor.get(`${allocation()}/receipts/reconciliation`).expect(200);
    expect(after.body.kelurahan[0].recordedDistribution).toEqual({
      distributedCount: 2,
      returnedCount: 2,
    });
    expect(after.body.totals).toMatchObject({ recordedDistributed: 6, recordedReturned: 4 });
  });

  it('closes receipts once COMPLETE_COLLECTION is recorded, with the reason', async () => {
    // Until then a correction is still taken (monev found the family after all).
    const [{ receiptId }] = (
      await operator.get(`${allocation()}/receipts?kelurahan=${K3}`).expect(200)
    ).body.items.map((i: { receipt: { receiptId: string } }) => i.receipt);
    await h.sop.act(HOME, 'SIGN_OFF_MONEV', 'tim_monev', { reportNo: 'MONEV-KPM-1' });
    const late = {
      receipts: [{ nik: persons[K3][0].nik, status: 'received', correctsReceiptId: receiptId }],
    };
    await operator.post(receiptsOf(K3)).send(late).expect(201);

    for (const kelurahanCode of (await h.sop.status(HOME)).kelurahan.listed) {
      await h.sop.collectSignedBast(HOME, kelurahanCode, 'kecamatan_operator');
    }
    const completed = await h.sop.act(HOME, 'COMPLETE_COLLECTION', 'tim_data', {
      recapId: 'REKAP-KPM-1',
    });
    expect(completed.done).toBe(true);
    const rows = await receiptRows();

    const closed = await operator
      .post(receiptsOf(K2))
      .send({ receipts: [{ nik: persons[K2][0].nik, status: 'received' }] })
      .expect(409);
    expect(closed.body).toMatchObject({
      code: 'TRANSITION_REFUSED',
      refusal: 'COLLECTION_COMPLETE',
      message: expect.stringContaining(
        'Collection is complete (COMPLETE_COLLECTION); receipts can no longer be recorded or corrected',
      ),
    });
    await operator
      .post(`${receiptsOf(K2)}/import`)
      .attach('file', await bnbaXlsx(K2, [[1, persons[K2][0].nik, 'ya', '', '', '']]), 'y.xlsx')
      .expect(409);
    expect(await receiptRows()).toBe(rows);
    // The database refuses too, whoever writes (not only the API, which asks Temporal first).
    await expect(h.sop.recordReceipts(HOME)).rejects.toMatchObject({
      code: 'TRANSITION_REFUSED',
      details: { refusal: 'COLLECTION_COMPLETE' },
    });
    expect(await receiptRows()).toBe(rows);
    // The records stay readable.
    await auditor.get(`${allocation()}/receipts/reconciliation`).expect(200);
  });
});

/**
 * A signed BNBA as an office sends it back: the title block, then No, NIK, Nama, Alamat,
 * RT/RW, the signature column and the columns filled in at distribution.
 */
function bnbaXlsx(kelurahanCode: string, rows: (string | number)[][]): Promise<Buffer> {
  return xlsxOf([
    ['PEMERINTAH KOTA SEMARANG - DINAS SOSIAL'],
    [`DAFTAR PENERIMA (BNBA) KELURAHAN ${kelurahanCode}`],
    SIGNED_BNBA_HEADER,
    ...rows.map(([no, nik, mark, reason, proxy, relationship]) => [
      no,
      nik,
      'Nama KPM',
      'Jl. Mawar 1',
      '001/002',
      '',
      mark,
      reason,
      proxy,
      relationship,
    ]),
  ]);
}
