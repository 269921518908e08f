import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ID_NUMBER_REASONS } from '@salur/libs/domain/id-number-text';
import {
  FileRejected,
  importProposals,
  parseAllocationTarget,
  type ImportFormat,
} from '@salur/libs/import';
import { outsiderNik, residents, semarangNik } from '../support/factories';
import {
  fileOf,
  MIJEN,
  MIJEN_KELURAHAN,
  mijenLetter,
  PROPOSAL_HEADER,
  proposalRows,
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
import { as, loginAs } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { DOCUMENT_FACT_EXAMPLES } from '@salur/libs/sop/document-fact-examples';

const KEC = MIJEN;
const KEL = MIJEN_KELURAHAN;
const NIK_COLUMN = PROPOSAL_HEADER.indexOf('nik');
const KK_COLUMN = PROPOSAL_HEADER.indexOf('no_kk');
const PHONE_COLUMN = PROPOSAL_HEADER.indexOf('no_hp');

/** What became of one typed NIK: the value stored, or the reason it was refused. */
type Outcome = { stored: string } | { refused: string };

/**
 * A NIK or No. KK is read by one rule whatever way it comes in (docs/import.md): numbers
 * are refused, never stored with digits Excel may have changed, and CSV, XLSX and JSON
 * agree on spaces, Excel's apostrophe, scientific notation and `.0`.
 */
describe('NIK and No. KK, the same for every way in', () => {
  const db = useImportPool(2);
  const config = testConfig();
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let operator: ReturnType<typeof as>;
  let tim: ReturnType<typeof as>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    app = await createTestApi(config);
    operator = as(app, await loginAs(app, 'kecamatan_operator', KEC));
    tim = as(app, await loginAs(app, 'tim_data'));
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  const importFile = (workflowId: string, buffer: Buffer, format: ImportFormat) =>
    importProposals(db.connect, {
      target: parseAllocationTarget(workflowId),
      letter: mijenLetter('470/77/VII/2021'),
      file: fileOf(buffer, format),
    });

  async function writtenFor(workflowId: string) {
    const found = await db.pool.query<{ batches: number; people: number }>(
      `SELECT count(DISTINCT b.id)::int AS batches, count(r.id)::int AS people
         FROM proposal_batch b LEFT JOIN proposed_recipient r ON r.batch_id = b.id
        WHERE b.workflow_id = $1`,
      [workflowId],
    );
    return found.rows[0];
  }

  async function storedOf(batchId: string) {
    const found = await db.pool.query<{ nik: string; no_kk: string | null }>(
      `SELECT nik, no_kk FROM proposed_recipient WHERE batch_id = $1 ORDER BY seq`,
      [batchId],
    );
    return found.rows;
  }

  /** A programme with one allocation for Mijen, up to the kecamatan's request letter. */
  async function openAllocation(): Promise<string> {
    const programId = testProgramId();
    await tim
      .post('/programmes')
      .send({ programId, allocations: [{ kecamatanCode: KEC, quota: 10 }] })
      .expect(201);
    await eventually(async () => {
      const res = await tim.get(`/programmes/programme-${programId}`).expect(200);
      expect(res.body.allocations[0].allowed).toContain('SEND_QUOTA_LETTER');
    });
    return `allocation-${programId}-${KEC}`;
  }

  it('refuses a number cell in nik, no_kk or no_hp, whatever its size, by line and column; stores nothing', async () => {
    const workflowId = `allocation-${testProgramId()}-${KEC}`;
    const typed = semarangNik(KEC);
    const rows: (string | number)[][] = proposalRows(KEC, KEL, 5);
    rows[0][NIK_COLUMN] = Number(typed); // line 2: 16 digits, kept exactly by this writer
    rows[1][KK_COLUMN] = Number('3.37414E+15'); // line 3: what Excel keeps of a typed KK
    rows[2][NIK_COLUMN] = 12345; // line 4: a small number
    rows[3][PHONE_COLUMN] = 81234567890; // line 5: a phone whose leading 0 is gone
    const xlsx = await toXlsx([PROPOSAL_HEADER, ...rows]);

    const error = await rejection(importFile(workflowId, xlsx, 'xlsx'));
    expect(error.rows).toEqual([
      { line: 2, column: 'nik', reason: ID_NUMBER_REASONS.numberCell },
      { line: 3, column: 'no_kk', reason: ID_NUMBER_REASONS.numberCell },
      { line: 4, column: 'nik', reason: ID_NUMBER_REASONS.numberCell },
      { line: 5, column: 'no_hp', reason: ID_NUMBER_REASONS.numberCell },
    ]);
    expect(error.message).toMatch(/line 2, column nik: was stored as a number/);
    const answer = JSON.stringify({ ...error.details, message: error.message });
    for (const value of [typed, '3374140000000000', '12345', '81234567890']) {
      expect(answer).not.toContain(value);
    }
    expect(await writtenFor(workflowId)).toEqual({ batches: 0, people: 0 });
  });

  it('CSV, XLSX and JSON agree on spaces, the apostrophe, scientific notation and .0', async () => {
    const allocationId = await openAllocation();
    const nik = semarangNik(KEC);
    const cases: { typed: string; expected: Outcome }[] = [
      { typed: `  ${nik}  `, expected: { stored: nik } },
      { typed: `'${nik}`, expected: { stored: nik } },
      { typed: '3.37414E+15', expected: { refused: ID_NUMBER_REASONS.writtenAsNumber } },
      { typed: '3,37414E+15', expected: { refused: ID_NUMBER_REASONS.writtenAsNumber } },
      { typed: `${nik}.0`, expected: { refused: ID_NUMBER_REASONS.writtenAsNumber } },
      { typed: `''${nik}`, expected: { refused: ID_NUMBER_REASONS.digits16 } },
    ];

    const fromFile = async (typed: string, format: ImportFormat): Promise<Outcome> => {
      const [row] = proposalRows(KEC, KEL, 1);
      row[NIK_COLUMN] = typed;
      row[KK_COLUMN] = typed;
      const buffer =
        format === 'csv' ? toCsv([PROPOSAL_HEADER, row]) : await toXlsx([PROPOSAL_HEADER, row]);
      try {
        const { batchId } = await importFile(allocationId, buffer, format);
        const [stored] = await storedOf(batchId);
        // The No. KK holds the same typed text, and must be read the same way.
        expect(stored.no_kk).toBe(stored.nik);
        return { stored: stored.nik };
      } catch (error) {
        if (!(error instanceof FileRejected)) throw error;
        expect(error.rows.map((r) => [r.line, r.column])).toEqual([
          [2, 'nik'],
          [2, 'no_kk'],
        ]);
        expect(error.rows[1].reason).toBe(error.rows[0].reason);
        return { refused: error.rows[0].reason };
      }
    };
    const fromJson = async (typed: string): Promise<Outcome> => {
      const res = await operator
        .post(`/allocations/${allocationId}/proposals`)
        .send({ persons: [{ nik: typed, kelurahanCode: KEL[0] }] });
      if (res.status === 201) {
        const [stored] = await storedOf(res.body.batchId);
        return { stored: stored.nik };
      }
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([{ field: 'persons[0].nik', reason: expect.any(String) }]);
      return { refused: res.body.fields[0].reason };
    };

    for (const { typed, expected } of cases) {
      const outcomes = {
        csv: await fromFile(typed, 'csv'),
        xlsx: await fromFile(typed, 'xlsx'),
        json: await fromJson(typed),
      };
      expect({ typed, ...outcomes }).toEqual({
        typed,
        csv: expected,
        xlsx: expected,
        json: expected,
      });
    }
  });

  it('answers 400 naming persons[i].kelurahanCode for an unknown kelurahan, and stores nothing', async () => {
    const allocationId = await openAllocation();
    const res = await operator
      .post(`/allocations/${allocationId}/proposals`)
      .send({
        persons: [
          { nik: semarangNik(KEC), kelurahanCode: KEL[0] },
          { nik: semarangNik(KEC), kelurahanCode: `${KEC}.9999` },
        ],
      })
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'persons[1].kelurahanCode', reason: 'is not a known kelurahan code' }],
    });
    expect(await writtenFor(allocationId)).toEqual({ batches: 0, people: 0 });
  });

  it('reads a correction of a returned person by the same rule', async () => {
    const allocationId = await openAllocation();
    const allocation = `/allocations/${allocationId}`;
    const programmeId = `programme-${allocationId.slice('allocation-'.length, -KEC.length - 1)}`;
    await tim
      .post(`/programmes/${programmeId}/commands/SEND_QUOTA_LETTER`)
      .send({ payload: { letterNo: 'SE-077' } })
      .expect(200);
    await operator
      .post(`${allocation}/commands/SUBMIT_REQUEST_LETTER`)
      .send({
        payload: {
          letterNo: 'L-77',
          letterDate: '2021-07-12',
          acknowledgedByCamat: true,
          ...DOCUMENT_FACT_EXAMPLES.SUBMIT_REQUEST_LETTER,
        },
      })
      .expect(200);
    const persons = [
      ...residents(KEC, KEL, 2),
      { nik: outsiderNik(), kelurahanCode: KEL[0] }, // returned: not resident
    ];
    const batch = await operator.post(`${allocation}/proposals`).send({ persons }).expect(201);
    await operator
      .post(`${allocation}/commands/SUBMIT_PROPOSALS`)
      .send({ payload: { ...batch.body } })
      .expect(200);
    await tim.post(`${allocation}/commands/RUN_VERVAL`).send({}).expect(200);
    const returned = await operator.get(`${allocation}/returned`).expect(200);
    expect(returned.body).toHaveLength(1);
    const correct = `${allocation}/returned/${returned.body[0].recipientId}/correct`;

    const refused = await operator
      .post(correct)
      .send({ nik: '3.37414E+15', kelurahanCode: `${KEC}.9999` })
      .expect(400);
    expect(refused.body.fields).toEqual([
      { field: 'nik', reason: ID_NUMBER_REASONS.writtenAsNumber },
      { field: 'kelurahanCode', reason: 'is not a known kelurahan code' },
    ]);

    const nik = semarangNik(KEC);
    await operator
      .post(correct)
      .send({ nik: `'${nik} `, kelurahanCode: KEL[1] })
      .expect(200);
    const [stored] = await dataSource.query(
      `SELECT nik, kelurahan_code, status FROM proposed_recipient WHERE id = $1`,
      [returned.body[0].recipientId],
    );
    expect(stored).toEqual({ nik, kelurahan_code: KEL[1], status: 'resubmitted' });
  });

  it('refuses a file without a header row without echoing its first row', async () => {
    const workflowId = `allocation-${testProgramId()}-${KEC}`;
    const rows = proposalRows(KEC, KEL, 2);
    for (const [format, buffer] of [
      ['csv', toCsv(rows)],
      ['xlsx', await toXlsx(rows)],
    ] as const) {
      const error = await rejection(importFile(workflowId, buffer, format));
      expect(error.rows).toEqual([
        {
          line: 1,
          column: '(header)',
          reason: expect.stringMatching(/^names none of the columns: row 1 must be the header/),
        },
      ]);
      const answer = JSON.stringify({ ...error.details, message: error.message });
      for (const value of rows[0].filter((cell) => cell.length > 3)) {
        expect(answer).not.toContain(value);
      }
    }
    expect(await writtenFor(workflowId)).toEqual({ batches: 0, people: 0 });
  });
});
