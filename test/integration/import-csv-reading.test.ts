import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import {
  FileRejected,
  importProposals,
  inTransaction,
  parseAllocationTarget,
  STAGE_TABLE,
  stageFile,
  type ImportFile,
} from '@salur/libs/import';
import {
  fileOf,
  MIJEN,
  MIJEN_KELURAHAN,
  mijenLetter,
  PROPOSAL_HEADER,
  proposalRows,
  toCsv,
  useImportPool,
  rejection,
} from '../support/import-files';
import { testProgramId } from '../support/test-app';

const KEC = MIJEN;
const KEL = MIJEN_KELURAHAN;
const LETTER = mijenLetter('470/9/2021');

/**
 * A CSV file's bytes go to PostgreSQL's COPY as they are; these check that what lands in
 * the database is what the documented CSV rules say, and that problems name file lines.
 */
describe('reading CSV files through COPY', () => {
  const db = useImportPool(2);

  const csvFile = (text: string | Buffer): ImportFile =>
    fileOf(Buffer.isBuffer(text) ? text : Buffer.from(text), 'csv');
  const run = (file: ImportFile) =>
    importProposals(db.connect, {
      target: parseAllocationTarget(`allocation-${testProgramId()}-${KEC}`),
      letter: LETTER,
      file,
    });
  it('stores trimmed values, quoted commas, quotes and line breaks, skipping blank lines', async () => {
    // No comma in these values, so the lines can be written by hand.
    const [a, b, c] = proposalRows(KEC, KEL, 3).map((row) => [...row.slice(0, 8), 'Usaha tutup']);
    const text =
      `\uFEFF${PROPOSAL_HEADER.join(',')}\r\n` +
      `  ${a[0]} ,${a.slice(1, 3).join(',')},"Jl. Mawar 1,\r\nRT ""3""", ${a.slice(4).join(' , ')}\r\n` +
      `\r\n   \r\n` +
      `${b.slice(0, 3).join(',')},"Jl. Melati",${b.slice(4).join(',')}\n` +
      `${c.slice(0, 3).join(',')},"Jl. Kenanga",${c.slice(4).join(',')}`;
    const result = await run(csvFile(text));
    expect(result.proposedCount).toBe(3);
    const stored = await db.pool.query(
      `SELECT nik, name, address, rt_rw, kelurahan_code FROM proposed_recipient
        WHERE batch_id = $1 ORDER BY seq`,
      [result.batchId],
    );
    expect(stored.rows).toEqual([
      {
        nik: a[0],
        name: a[2],
        address: 'Jl. Mawar 1,\r\nRT "3"',
        rt_rw: `00${a[4]}/002`,
        kelurahan_code: a[6],
      },
      {
        nik: b[0],
        name: b[2],
        address: 'Jl. Melati',
        rt_rw: `00${b[4]}/002`,
        kelurahan_code: b[6],
      },
      {
        nik: c[0],
        name: c[2],
        address: 'Jl. Kenanga',
        rt_rw: `00${c[4]}/002`,
        kelurahan_code: c[6],
      },
    ]);
  });

  it('reads a semicolon-separated file (Excel under Indonesian settings) as the comma one', async () => {
    const [a, b, c] = proposalRows(KEC, KEL, 3).map((row) => [...row.slice(0, 8), 'Usaha tutup']);
    a[3] = 'Jl. Mawar 1, Gang 2';
    b[3] = 'Jl. "Melati"; No. 4';
    c[3] = 'Jl. Kenanga 5';
    const quoted = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const text =
      `${PROPOSAL_HEADER.join(';')}\r\n` +
      `${a.join(';')}\r\n` +
      `${b.slice(0, 3).join(';')};${quoted(b[3])}; ${b.slice(4).join(' ; ')}\r\n` +
      `${c.join(';')}\r\n`;
    const result = await run(csvFile(text));
    expect(result.proposedCount).toBe(3);
    const stored = await db.pool.query(
      `SELECT nik, address, kelurahan_code, covid_impact FROM proposed_recipient
        WHERE batch_id = $1 ORDER BY seq`,
      [result.batchId],
    );
    expect(stored.rows).toEqual(
      [a, b, c].map((row) => ({
        nik: row[0],
        address: row[3],
        kelurahan_code: row[6],
        covid_impact: 'Usaha tutup',
      })),
    );

    // Commas in bare values are plain text here: only the address's quotes need quoting.
    const bad = proposalRows(KEC, KEL, 2).map((row) => [
      ...row.slice(0, 3),
      'Jl. Uji',
      ...row.slice(4),
    ]);
    bad[1][0] = '3374';
    const error = await rejection(
      run(csvFile([PROPOSAL_HEADER, ...bad].map((row) => row.join(';')).join('\n'))),
    );
    expect(error.rows).toEqual([{ line: 3, column: 'nik', reason: 'must be 16 digits' }]);
  });

  it('names file lines after records that span lines and after blank lines', async () => {
    const rows = proposalRows(KEC, KEL, 4);
    rows[0][3] = 'Jl. Dua\nBaris';
    rows[2][0] = '12345';
    rows[3][5] = '';
    const lines = [PROPOSAL_HEADER, ...rows].map((row) => toCsv([row]).toString().trimEnd());
    const text = [lines[0], lines[1], lines[2], '', '', lines[3], lines[4]].join('\n');
    const error = await rejection(run(csvFile(text)));
    expect(error.rows).toEqual([
      { line: 7, column: 'nik', reason: 'must be 16 digits' },
      { line: 8, column: 'rw', reason: 'is required' },
    ]);
  });

  it('refuses broken quoting, in the header as in a row, by line and code only', async () => {
    const header = await rejection(run(csvFile('nik,"no_kk\n')));
    expect(header.rows).toEqual([
      {
        line: 1,
        column: '(file)',
        reason: 'is not valid CSV (CSV_QUOTE_NOT_CLOSED); nothing after it was read',
      },
    ]);
    const rows = proposalRows(KEC, KEL, 2);
    const text = `${toCsv([PROPOSAL_HEADER, ...rows]).toString()}${rows[0][0]},x"y\r\n`;
    const row = await rejection(run(csvFile(text)));
    expect(row.rows).toEqual([
      {
        line: 4,
        column: '(file)',
        reason: 'is not valid CSV (INVALID_OPENING_QUOTE); nothing after it was read',
      },
    ]);
  });

  it('refuses text that is not UTF-8, naming the line', async () => {
    const rows = proposalRows(KEC, KEL, 3);
    const csv = toCsv([PROPOSAL_HEADER, ...rows]);
    const broken = Buffer.from(csv.toString().replace('Warga Uji 3', 'Warga Uji \u0000'));
    broken[broken.indexOf(0)] = 0xff;
    const error = await rejection(run(csvFile(broken)));
    expect(error.rows).toEqual([
      { line: 4, column: '(file)', reason: 'is not valid UTF-8 text; nothing after it was read' },
    ]);
  });

  it('stages any file as csv-parse reads it (trimmed, any field count, file lines)', async () => {
    const columns = ['a', 'b', 'c'].map((name) => ({ name, required: true, description: name }));
    const value = fc.string({
      unit: fc.constantFrom('a', '7', ' ', ',', ';', '"', '\n', 'é', '\u00a0', '\\', '.'),
      maxLength: 5,
    });
    const field = fc
      .tuple(value, fc.boolean(), fc.constantFrom('', ' '))
      .map(([text, quoted, space]) =>
        quoted || /[",;\n]/.test(text)
          ? `${space}"${text.replace(/"/g, '""')}"`
          : `${space}${text}${space}`,
      );
    const file = fc.record({
      delimiter: fc.constantFrom(',', ';'),
      eol: fc.constantFrom('\n', '\r\n'),
      rows: fc.array(
        fc.oneof(
          { weight: 8, arbitrary: fc.array(field, { minLength: 1, maxLength: 4 }) },
          { weight: 1, arbitrary: fc.constant(['\\.']) },
          { weight: 1, arbitrary: fc.constant([]) },
        ),
        { minLength: 1, maxLength: 6 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(file, async ({ delimiter, eol, rows }) => {
        const header = ['a', 'b', 'c'].join(delimiter);
        const text = [header, ...rows.map((row) => row.join(delimiter))].join(eol) + eol;
        const expected = parse(text, {
          delimiter,
          relax_column_count: true,
          skip_empty_lines: true,
          trim: true,
        })
          .slice(1)
          .map((record) => [0, 1, 2].map((i) => record[i] ?? ''));
        const staged = await inTransaction(db.connect, async (client) => {
          const result = await stageFile(client, columns, csvFile(text)).catch((e: unknown) => e);
          if (result instanceof FileRejected) return result;
          const found = await client.query<{ a: string; b: string; c: string }>(
            `SELECT a, b, c FROM ${STAGE_TABLE} ORDER BY ctid`,
          );
          return found.rows.map((row) => [row.a, row.b, row.c]);
        });
        if (expected.length === 0) {
          expect(staged).toBeInstanceOf(FileRejected);
        } else {
          expect(staged).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});
