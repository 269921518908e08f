import type { INestApplication } from '@nestjs/common';
import type { Worksheet } from 'exceljs';
import type request from 'supertest';
import { editXlsx, pdfPages, pdfTableRow, xlsxRows } from '@salur/libs/documents/documents.testing';
import { createDocumentServices, type StoredDocument } from '@salur/libs/persistence';
import { DOCUMENT_FACT_EXAMPLES } from '@salur/libs/sop/document-fact-examples';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { semarangNik } from '../support/factories';
import { useSopHarness } from '../support/sop-harness';

const KEC = '33.74.01';
const [K1, K2, K3] = ['1001', '1002', '1003'].map((k) => `${KEC}.${k}`);
const CAMAT = DOCUMENT_FACT_EXAMPLES.SUBMIT_REQUEST_LETTER.camat;

/** supertest's parser for a binary answer: the bytes as they came. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Step 17's LPJ rekap on real Temporal and PostgreSQL, after a walk where some families did
 * not get their parcel and a complaint was raised; and the BNBA XLSX Salur prints, filled in
 * as an office does in Excel and uploaded, recording the receipts (NIK masked throughout).
 */
describe('LPJ rekap and the printed BNBA coming back', () => {
  const h = useSopHarness();
  let app: INestApplication;
  let tim: ReturnType<typeof as>;
  let lurah: ReturnType<typeof as>;
  let operator: ReturnType<typeof as>;
  const persons: Record<string, { nik: string; kelurahanCode: string }[]> = {};
  const allocation = () => `/allocations/${h.sop.allocationId(KEC)}`;
  const services = () => createDocumentServices(h.dataSource, h.config.documents);

  /** The current version of a paper, as the registry holds it, and its bytes as served. */
  async function paper(kind: string, rendition: string, kelurahanCode: string | null) {
    const [document]: StoredDocument[] = await h.dataSource.query(
      `SELECT id, kind, rendition, version, sha256, step_record_id AS "stepRecordId",
              kelurahan_code AS "kelurahanCode", kecamatan_code AS "kecamatanCode"
         FROM generated_document
        WHERE workflow_id = $1 AND kind = $2 AND rendition = $3
          AND kelurahan_code IS NOT DISTINCT FROM $4
        ORDER BY version DESC LIMIT 1`,
      [h.sop.allocationId(KEC), kind, rendition, kelurahanCode],
    );
    expect(document).toBeDefined();
    const res = await tim
      .get(`${allocation()}/documents/${document.id}/content`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    return { document, bytes: res.body as Buffer };
  }

  beforeAll(async () => {
    app = await createTestApi(h.config);
    tim = as(app, await loginAs(app, 'tim_data'));
    lurah = as(app, await loginAs(app, 'kelurahan_operator', K1));
    operator = as(app, await loginAs(app, 'kecamatan_operator', KEC));
    const make = (kelurahanCode: string) => ({ nik: semarangNik(KEC), kelurahanCode });
    persons[K1] = [make(K1), make(K1), make(K1), make(K1)];
    persons[K2] = [make(K2), make(K2), make(K2)];
    persons[K3] = [make(K3), make(K3)];
    const sop = h.sop;
    await sop.startProgramme([{ kecamatanCode: KEC, quota: 9 }]);
    await sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-LPJ-1' });
    // The request letter names the Camat (the driver sends the 2021 round's).
    await sop.propose(KEC, 0, [...persons[K1], ...persons[K2], ...persons[K3]]);
    // Names as Sidaksos gives them (the driver's persons have none): the BNBA prints them,
    // in this order, and a filled-in sheet is checked against them.
    const names = ['AHMAD FAUZI', 'BUDI UTOMO', 'SITI AMINAH', 'SRI WAHYUNI'];
    for (const [i, name] of names.entries()) {
      await h.dataSource.query(`UPDATE proposed_recipient SET name = $1 WHERE nik = $2`, [
        name,
        persons[K1][i].nik,
      ]);
    }
    await sop.act(KEC, 'RUN_VERVAL', 'tim_data');
    await sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-LPJ-1' });
    await sop.city('APPROVE_SK', 'sk_approver', { skNo: `463/${sop.programId}` });
    await sop.act(KEC, 'PRINT_BAST_BNBA', 'tim_data');
    await sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-LPJ-1', vendorId: 'vendor-1' });
    await sop.packAndInspect(KEC);
    await sop.act(KEC, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-25' });
    const view = await sop.act(KEC, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 9 });
    expect(view).toMatchObject({ step: 'distribution' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("prints the Camat of the request letter, NIP in groups, on the BNBA and the BAST; the Lurah's a dotted line", async () => {
    const bnba = pdfPages((await paper('bnba', 'pdf', K1)).bytes).join('\n');
    expect(bnba).toMatch(new RegExp(`${CAMAT.name.replace(/\./g, '\\.')}\\s+\\(\\.+\\)`));
    expect(bnba).toMatch(/NIP\. 19680512 199403 1 007\s+NIP\. \.+/);
    const [bast] = pdfPages((await paper('bast', 'pdf', K1)).bytes);
    // The signature row (Lurah left, Camat right) and the party block of PIHAK PERTAMA.
    expect(bast).toMatch(new RegExp(`\\(\\.+\\)\\s+${CAMAT.name.replace(/\./g, '\\.')}`));
    expect(bast).toMatch(/NIP\. \.+\s+NIP\. 19680512 199403 1 007/);
    expect(bast).toMatch(/NIP\s+: 19680512 199403 1 007/);
  });

  describe('the printed BNBA XLSX, filled in and uploaded', () => {
    const importOf = (kelurahanCode: string) =>
      `${allocation()}/kelurahan/${kelurahanCode}/receipts/import`;
    let printed: Buffer;
    let headerAt: number;

    beforeAll(async () => {
      printed = (await paper('bnba', 'xlsx', K1)).bytes;
      const rows = await xlsxRows(printed);
      headerAt = rows.findIndex((r) => r[0] === 'No') + 1;
      expect(rows[headerAt - 1].slice(6)).toEqual([
        'Diterima (ya/tidak)',
        'Alasan',
        'Nama Wakil',
        'Hubungan Wakil',
        'Keterangan',
      ]);
      // Four families, NIK masked: nothing on the sheet is a full NIK.
      expect(rows.slice(headerAt).map((r) => r[1])).toEqual(
        [...Array(4).keys()].map(() => expect.stringMatching(/^\*{12}\d{4}$/)),
      );
    });

    /** The sheet with its four rows filled as given: [diterima, alasan, wakil, hubungan]. */
    const filled = (marks: unknown[][], change?: (sheet: Worksheet) => void) =>
      editXlsx(printed, (sheet) => {
        marks.forEach((values, i) => {
          const row = sheet.getRow(headerAt + 1 + i);
          values.forEach((value, c) => {
            row.getCell(7 + c).value = value as never;
          });
        });
        change?.(sheet);
      });

    const receipts = async () =>
      (
        await h.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM kpm_receipt WHERE workflow_id = $1`,
          [h.sop.allocationId(KEC)],
        )
      )[0].n;

    it('refuses an altered row or an unknown mark, naming the row and the column, and records nothing', async () => {
      const file = await filled([['ya'], [1], [true], ['mungkin']], (sheet) => {
        sheet.getRow(headerAt + 2).getCell(3).value = 'NAMA LAIN';
        sheet.getRow(headerAt + 3).getCell(2).value = '************9999';
      });
      const refused = await lurah.post(importOf(K1)).attach('file', file, 'bnba.xlsx').expect(400);
      expect(
        refused.body.rows.map((r: { line: number; column: string }) => [r.line, r.column]),
      ).toEqual([
        [headerAt + 2, 'nama'],
        [headerAt + 3, 'nik'],
        [headerAt + 4, 'diterima'],
      ]);
      expect(JSON.stringify(refused.body)).not.toContain('NAMA LAIN');
      expect(await receipts()).toBe(0);
    });

    it('records the receipts of the sheet an office filled in: ya, 1 with a proxy, FALSE and tidak with reasons', async () => {
      const file = await filled([
        ['ya'],
        [1, '', 'Budi Santoso', 'anak'],
        [false, 'pindah'],
        ['Tidak', 'meninggal dunia'],
      ]);
      const res = await lurah.post(importOf(K1)).attach('file', file, 'bnba-1001.xlsx').expect(201);
      expect(res.body).toMatchObject({
        recorded: 4,
        unmarked: 0,
        kelurahan: {
          kelurahanCode: K1,
          listed: 4,
          received: 1,
          receivedByProxy: 1,
          returned: 2,
          returnedByReason: { pindah: 1, meninggal: 1 },
          pending: 0,
        },
      });
    });
  });

  it('prints the LPJ at COMPLETE_COLLECTION: per kelurahan and in total, PDF and XLSX alike', async () => {
    // K2: one family refused its parcel; K3: both received.
    await operator
      .post(`${allocation()}/kelurahan/${K2}/receipts`)
      .send({
        receipts: [
          { nik: persons[K2][0].nik, status: 'received' },
          { nik: persons[K2][1].nik, status: 'not_received', reason: 'menolak' },
          { nik: persons[K2][2].nik, status: 'received' },
        ],
      })
      .expect(201);
    await operator
      .post(`${allocation()}/kelurahan/${K3}/receipts`)
      .send({ receipts: persons[K3].map((p) => ({ nik: p.nik, status: 'received' })) })
      .expect(201);
    const counts: [string, number, number][] = [
      [K1, 2, 2],
      [K2, 2, 1],
      [K3, 2, 0],
    ];
    for (const [kelurahanCode, distributedCount, returnedCount] of counts) {
      await h.sop.act(KEC, 'RECORD_DISTRIBUTION', 'kecamatan_operator', {
        kelurahanCode,
        distributedCount,
        ...(returnedCount > 0 ? { returnedCount } : {}),
      });
    }
    // A complaint in K2, followed up; one in K1, not needing action.
    await h.sop.act(KEC, 'RECORD_COMPLAINT', 'tim_monev', {
      complaintId: 'ADUAN-LPJ-1',
      needsAction: true,
      kelurahanCode: K2,
    });
    await h.sop.act(KEC, 'RESOLVE_COMPLAINT', 'tim_monev', {
      complaintId: 'ADUAN-LPJ-1',
      followUp: 'Paket diganti',
    });
    await h.sop.act(KEC, 'RECORD_COMPLAINT', 'tim_monev', {
      complaintId: 'ADUAN-LPJ-2',
      needsAction: false,
      kelurahanCode: K1,
    });
    await h.sop.act(KEC, 'SIGN_OFF_MONEV', 'tim_monev', { reportNo: 'MONEV-LPJ-1' });
    for (const code of [K1, K2, K3]) await h.sop.collectSignedBast(KEC, code);
    const done = await h.sop.act(KEC, 'COMPLETE_COLLECTION', 'tim_data', {
      recapId: 'REKAP-LPJ-1',
    });
    expect(done.done).toBe(true);

    const names = new Map(
      (
        await h.dataSource.query<{ code: string; name: string }[]>(
          `SELECT code, name FROM region WHERE code = ANY($1)`,
          [[K1, K2, K3]],
        )
      ).map((r) => [r.code, r.name]),
    );
    const pdf = await paper('lpj', 'pdf', null);
    const [record]: { id: string }[] = await h.dataSource.query(
      `SELECT id FROM sop_step_record WHERE workflow_id = $1 AND step = 'collection-complete'`,
      [h.sop.allocationId(KEC)],
    );
    expect(pdf.document).toMatchObject({ kecamatanCode: KEC, stepRecordId: record.id, version: 1 });
    const [text] = pdfPages(pdf.bytes);
    // No, kelurahan, SK, BAST, KPM, wakil, diterima, pindah, meninggal, tidak ditemukan,
    // menolak, dikembalikan, aduan, aduan selesai, BAST/BNBA kembali.
    const expected = [
      [1, names.get(K1), 4, 4, 1, 1, 2, 1, 1, 0, 0, 2, 1, 0, 'Ya'],
      [2, names.get(K2), 3, 3, 2, 0, 2, 0, 0, 0, 1, 1, 1, 1, 'Ya'],
      [3, names.get(K3), 2, 2, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 'Ya'],
    ];
    for (const row of expected) {
      expect(pdfTableRow(text, String(row[0]))).toEqual(row.map(String));
    }
    const total = ['JUMLAH', 9, 9, 5, 1, 6, 1, 1, 0, 1, 3, 2, 1, 3];
    expect(pdfTableRow(text, 'JUMLAH')).toEqual(total.map(String));
    expect(text).toMatch(/Diterima dari penyedia\s+: 9 paket/);
    expect(text).toMatch(new RegExp(`\\(\\.+\\)\\s+${CAMAT.name.replace(/\./g, '\\.')}`));
    expect(text).not.toMatch(/\d{16}/);

    const xlsx = await paper('lpj', 'xlsx', null);
    const rows = await xlsxRows(xlsx.bytes);
    const header = rows.findIndex((r) => r[0] === 'No');
    expect(rows.slice(header + 1)).toEqual([...expected, [undefined, ...total]]);

    // A retried activity finds the same data and adds no version.
    const again = await services().lpj.generate(
      h.sop.programId,
      h.sop.allocationId(KEC),
      KEC,
      record.id,
      { id: 'u-retry', role: 'tim_data' },
    );
    expect(again.map((d) => [d.rendition, d.version, d.sha256])).toEqual([
      ['pdf', 1, pdf.document.sha256],
      ['xlsx', 1, xlsx.document.sha256],
    ]);
  });
});
