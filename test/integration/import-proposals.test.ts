import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { importProposals, parseAllocationTarget, type ImportFile } from '@salur/libs/import';
import { useRegisterImportLease } from '../support/exclusion-registers';
import { listedNik, semarangNik } from '../support/factories';
import {
  fileOf,
  MIJEN,
  MIJEN_KELURAHAN,
  mijenLetter,
  PROPOSAL_HEADER,
  proposalRows,
  sha256,
  toCsv,
  toXlsx,
  useImportPool,
  rejection,
} from '../support/import-files';
import { eventually } from '../support/sop-driver';
import {
  openTestDataSource,
  startTestWorker,
  testConfig,
  testProgramId,
} from '../support/test-app';
import { as, loginAs, type Session } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { DOCUMENT_FACT_EXAMPLES } from '@salur/libs/sop/document-fact-examples';

const KEC = MIJEN;
const KEL = MIJEN_KELURAHAN;
const LETTER = mijenLetter('470/123/VII/2021');

/** Importing a kecamatan's proposal file (SOP steps 2-3): all rows or none, once per file. */
describe('proposal import', () => {
  const db = useImportPool(4);

  const newTarget = () => parseAllocationTarget(`allocation-${testProgramId()}-${KEC}`);
  const run = (workflowId: string, file: ImportFile) =>
    importProposals(db.connect, {
      target: parseAllocationTarget(workflowId),
      letter: LETTER,
      file,
    });

  async function writtenFor(workflowId: string) {
    const batches = await db.pool.query<{ id: string }>(
      `SELECT id FROM proposal_batch WHERE workflow_id = $1`,
      [workflowId],
    );
    const people = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
        WHERE b.workflow_id = $1`,
      [workflowId],
    );
    const uploads = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM import_upload WHERE kind = 'proposals' AND target = $1`,
      [workflowId],
    );
    return { batches: batches.rowCount, people: people.rows[0].n, uploads: uploads.rows[0].n };
  }

  it('imports a CSV as one batch with its request letter, in file order', async () => {
    const target = newTarget();
    const rows = proposalRows(KEC, KEL, 25);
    const csv = toCsv([PROPOSAL_HEADER, ...rows]);
    const result = await run(target.workflowId, fileOf(csv, 'csv'));
    expect(result).toEqual({
      alreadyImported: false,
      batchId: expect.any(String),
      proposedCount: 25,
      sha256: sha256(csv),
      uploadId: expect.any(String),
    });

    const [batch] = (
      await db.pool.query(
        `SELECT program_id, kecamatan_code, request_letter_no, to_char(request_letter_date, 'YYYY-MM-DD') AS letter_date,
                acknowledged_by_camat, submitted_by, upload_id
           FROM proposal_batch WHERE id = $1`,
        [result.batchId],
      )
    ).rows;
    expect(batch).toEqual({
      program_id: target.programId,
      kecamatan_code: KEC,
      request_letter_no: LETTER.letterNo,
      letter_date: '2021-07-12',
      acknowledged_by_camat: true,
      submitted_by: LETTER.submittedBy,
      upload_id: result.uploadId,
    });
    const stored = await db.pool.query(
      `SELECT nik, no_kk, name, address, rt_rw, phone, covid_impact, kelurahan_code, status
         FROM proposed_recipient WHERE batch_id = $1 ORDER BY seq`,
      [result.batchId],
    );
    expect(stored.rows.map((r) => r.nik)).toEqual(rows.map((r) => r[0]));
    expect(stored.rows[0]).toEqual({
      nik: rows[0][0],
      no_kk: rows[0][1],
      name: 'Warga Uji 1',
      address: 'Jl. Percobaan No. 1, "Blok A"',
      rt_rw: '001/002',
      phone: null,
      covid_impact: 'Kehilangan pekerjaan, usaha tutup',
      kelurahan_code: KEL[0],
      status: 'proposed',
    });
    expect(stored.rows[1].phone).toBe(rows[1][7]);
  });

  it('imports the same rows from XLSX, columns in another order, NIKs stored as text', async () => {
    const target = newTarget();
    const rows = proposalRows(KEC, KEL, 10);
    const reorder = (row: string[]) => [row[2], ...row.slice(0, 2), ...row.slice(3)];
    const xlsx = await toXlsx([reorder(PROPOSAL_HEADER), ...rows.map(reorder)]);
    const result = await run(target.workflowId, fileOf(xlsx, 'xlsx'));
    expect(result).toMatchObject({
      alreadyImported: false,
      proposedCount: 10,
      sha256: sha256(xlsx),
    });
    const stored = await db.pool.query(
      `SELECT nik, name FROM proposed_recipient WHERE batch_id = $1 ORDER BY seq`,
      [result.batchId],
    );
    expect(stored.rows).toEqual(rows.map((r) => ({ nik: r[0], name: r[2] })));
  });

  it('lists every bad row with line, column and reason, and writes nothing', async () => {
    const target = newTarget();
    const rows = proposalRows(KEC, KEL, 8);
    const nik15 = semarangNik(KEC).slice(0, 15);
    rows[1][0] = nik15; // line 3
    rows[2][6] = '33.74.01.1001'; // line 4: a kelurahan of another kecamatan
    rows[3][6] = '33.74.14.9999'; // line 5
    rows[4][2] = ''; // line 6
    rows[4][7] = '12ab'; // line 6
    rows[5] = rows[5].slice(0, 8); // line 7: one field short
    rows[6][4] = '1234'; // line 8
    rows[6][3] = 'x'.repeat(301); // line 8
    const error = await rejection(
      run(target.workflowId, fileOf(toCsv([PROPOSAL_HEADER, ...rows]), 'csv')),
    );
    expect(error.rows).toEqual([
      { line: 3, column: 'nik', reason: 'must be 16 digits' },
      { line: 4, column: 'kode_kelurahan', reason: 'belongs to kecamatan 33.74.01, not 33.74.14' },
      { line: 5, column: 'kode_kelurahan', reason: 'is not a known kelurahan code' },
      { line: 6, column: 'nama', reason: 'is required' },
      { line: 6, column: 'no_hp', reason: 'must be 8-15 digits, optionally starting with +' },
      { line: 7, column: '(row)', reason: 'has 8 fields; the header has 9' },
      { line: 7, column: 'dampak_covid', reason: 'is required' },
      { line: 8, column: 'alamat', reason: 'must be at most 300 characters' },
      { line: 8, column: 'rt', reason: 'must be 1-3 digits' },
    ]);
    expect(error.totals).toEqual({ problems: 9, badRows: 6 });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/line 3, column nik: must be 16 digits/);
    // No personal data in what goes back or to a log.
    expect(JSON.stringify({ ...error.details, message: error.message })).not.toContain(nik15);
    expect(await writtenFor(target.workflowId)).toEqual({ batches: 0, people: 0, uploads: 0 });
  });

  it('refuses a wrong header before loading anything', async () => {
    const target = newTarget();
    const header = PROPOSAL_HEADER.filter((c) => c !== 'no_hp').concat('catatan');
    const error = await rejection(
      run(target.workflowId, fileOf(toCsv([header, ...proposalRows(KEC, KEL, 2)]), 'csv')),
    );
    expect(error.rows).toEqual([
      {
        line: 1,
        column: '#9',
        reason: `is not a known column (known: ${PROPOSAL_HEADER.join(', ')})`,
      },
      { line: 1, column: 'no_hp', reason: 'is missing from the header' },
    ]);
  });

  it('is all or nothing: one bad row at the end of 3,000 leaves no trace', async () => {
    const target = newTarget();
    const rows = proposalRows(KEC, KEL, 3000);
    rows[2999][1] = '33740';
    const error = await rejection(
      run(target.workflowId, fileOf(toCsv([PROPOSAL_HEADER, ...rows]), 'csv')),
    );
    expect(error.rows).toEqual([{ line: 3001, column: 'no_kk', reason: 'must be 16 digits' }]);
    expect(await writtenFor(target.workflowId)).toEqual({ batches: 0, people: 0, uploads: 0 });
  });

  it('names a NIK that Excel stored as a number and rounded', async () => {
    const target = newTarget();
    const [row] = proposalRows(KEC, KEL, 1);
    const xlsx = await toXlsx([PROPOSAL_HEADER, [Number('9174011501850001'), ...row.slice(1)]]);
    const error = await rejection(run(target.workflowId, fileOf(xlsx, 'xlsx')));
    expect(error.rows).toEqual([
      {
        line: 2,
        column: 'nik',
        reason:
          'was stored as a number, which keeps only 15 digits and drops a leading 0; format the column as Text and type it again',
      },
    ]);
  });

  it('changes nothing when the same file is uploaded again', async () => {
    const target = newTarget();
    const csv = toCsv([PROPOSAL_HEADER, ...proposalRows(KEC, KEL, 5)]);
    const first = await run(target.workflowId, fileOf(csv, 'csv'));
    const again = await run(target.workflowId, fileOf(csv, 'csv'));
    expect(again).toEqual({ ...first, alreadyImported: true });
    expect(await writtenFor(target.workflowId)).toEqual({ batches: 1, people: 5, uploads: 1 });
    // A different file is a new batch.
    const other = await run(
      target.workflowId,
      fileOf(toCsv([PROPOSAL_HEADER, ...proposalRows(KEC, KEL, 2)]), 'csv'),
    );
    expect(other.batchId).not.toBe(first.batchId);
  });

  it('applies a file once when it is uploaded twice at the same moment', async () => {
    const target = newTarget();
    const csv = toCsv([PROPOSAL_HEADER, ...proposalRows(KEC, KEL, 50)]);
    const results = await Promise.all([
      run(target.workflowId, fileOf(csv, 'csv')),
      run(target.workflowId, fileOf(csv, 'csv')),
    ]);
    expect(results.map((r) => r.alreadyImported).sort()).toEqual([false, true]);
    expect(await writtenFor(target.workflowId)).toEqual({ batches: 1, people: 50, uploads: 1 });
  });
});

/** Through HTTP: multipart upload, then the SOP command names the imported batch. */
describe('proposal import over HTTP', () => {
  // Its test also loads a PERMAKANAN register file, which replaces everyone's entries.
  useRegisterImportLease();
  const config = testConfig();
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let operator: Session;
  let asOperator: ReturnType<typeof as>;
  let asTimData: ReturnType<typeof as>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    app = await createTestApi(config);
    operator = await loginAs(app, 'kecamatan_operator', KEC);
    asOperator = as(app, operator);
    asTimData = as(app, await loginAs(app, 'tim_data'));
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('imports a file (201), says so on a repeat (200), lists bad rows (400), and SUBMIT_PROPOSALS takes the batch', async () => {
    const programId = testProgramId();
    await asTimData
      .post('/programmes')
      .send({ programId, allocations: [{ kecamatanCode: KEC, quota: 10 }] })
      .expect(201);
    const allocation = `/allocations/allocation-${programId}-${KEC}`;
    await eventually(async () => {
      const res = await asTimData.get(`/programmes/programme-${programId}`).expect(200);
      expect(res.body.allocations[0].allowed).toContain('SEND_QUOTA_LETTER');
    });
    await asTimData
      .post(`/programmes/programme-${programId}/commands/SEND_QUOTA_LETTER`)
      .send({ payload: { letterNo: 'SE-001' } })
      .expect(200);
    await asOperator
      .post(`${allocation}/commands/SUBMIT_REQUEST_LETTER`)
      .send({
        payload: {
          letterNo: LETTER.letterNo,
          letterDate: LETTER.letterDate,
          acknowledgedByCamat: true,
          ...DOCUMENT_FACT_EXAMPLES.SUBMIT_REQUEST_LETTER,
        },
      })
      .expect(200);

    const upload = (file: Buffer, name: string) =>
      asOperator
        .post(`${allocation}/proposals/import`)
        .field('letterNo', LETTER.letterNo)
        .field('letterDate', LETTER.letterDate)
        .field('acknowledgedByCamat', 'true')
        .attach('file', file, name);

    const bad = proposalRows(KEC, KEL, 3);
    bad[1][0] = '12345';
    const refused = await upload(toCsv([PROPOSAL_HEADER, ...bad]), 'usulan.csv').expect(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [expect.objectContaining({ field: 'file' })],
      rows: [{ line: 3, column: 'nik', reason: 'must be 16 digits' }],
    });
    expect(JSON.stringify(refused.body)).not.toMatch(/\d{16}/);

    const xlsx = await toXlsx([PROPOSAL_HEADER, ...proposalRows(KEC, KEL, 6)]);
    const created = await upload(xlsx, 'usulan.xlsx').expect(201);
    expect(created.body).toMatchObject({
      proposedCount: 6,
      sha256: sha256(xlsx),
      alreadyImported: false,
    });
    // The submitter is the signed-in operator, not a form field.
    const [{ submitted_by }]: { submitted_by: string }[] = await dataSource.query(
      'SELECT submitted_by FROM proposal_batch WHERE id = $1',
      [created.body.batchId],
    );
    expect(submitted_by).toBe(operator.userId);
    const repeated = await upload(xlsx, 'usulan-lagi.xlsx').expect(200);
    expect(repeated.body).toMatchObject({ alreadyImported: true, batchId: created.body.batchId });

    const missing = await asOperator
      .post(`${allocation}/proposals/import`)
      .field('letterNo', LETTER.letterNo)
      .expect(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'letterDate',
      'acknowledgedByCamat',
    ]);
    await asOperator
      .post(`/allocations/allocation-${testProgramId()}-${KEC}/proposals/import`)
      .field('letterNo', LETTER.letterNo)
      .field('letterDate', LETTER.letterDate)
      .field('acknowledgedByCamat', 'true')
      .attach('file', xlsx, 'usulan.xlsx')
      .expect(404);

    await asOperator
      .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
      .send({
        payload: { batchId: created.body.batchId, proposedCount: created.body.proposedCount },
      })
      .expect(200);

    const register = toCsv([
      ['nik', 'nama'],
      [listedNik('33.74.15'), 'Nama'],
    ]);
    const loaded = await asTimData
      .post('/exclusion-registers/permakanan/import')
      .field('versionLabel', `http-${programId}`)
      .field('validOn', '2021-07-01')
      .field('source', 'Dinsos')
      .attach('file', register, 'permakanan.csv')
      .expect(201);
    expect(loaded.body).toMatchObject({
      register: 'PERMAKANAN',
      entryCount: 1,
      alreadyImported: false,
    });
    await asTimData
      .post('/exclusion-registers/permakanan/import')
      .field('versionLabel', `http-${programId}`)
      .field('validOn', '2021-07-01')
      .field('source', 'Dinsos')
      .attach('file', register, 'permakanan.csv')
      .expect(200);
  });
});
