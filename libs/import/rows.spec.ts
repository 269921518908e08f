import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FileRejected } from './errors';
import { HashingTap, readXlsxRecords } from './rows';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The same workbook's parts in the order `first` puts them in the zip. */
async function reordered(xlsx: Buffer, first: (path: string) => number): Promise<Buffer> {
  const source = await JSZip.loadAsync(xlsx);
  const paths = Object.keys(source.files).filter((path) => !source.files[path].dir);
  const out = new JSZip();
  for (const path of [...paths].sort((a, b) => first(a) - first(b))) {
    out.file(path, await source.files[path].async('nodebuffer'));
  }
  return out.generateAsync({ type: 'nodebuffer' });
}

describe('readXlsxRecords', () => {
  async function sampleWorkbook(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('usulan');
    sheet.addRow(['nik', 'nama']);
    sheet.addRow(['3374010000000001', 'Budi']);
    sheet.addRow([]);
    sheet.addRow([Number('9171011501850001'), { richText: [{ text: 'Siti' }] }]);
    workbook.addWorksheet('other').addRow(['ignored']);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
  const expected = [
    [1, ['nik', 'nama'], []],
    [2, ['3374010000000001', 'Budi'], []],
    [4, ['9171011501850000', 'Siti'], [0]],
  ];
  const read = async (xlsx: Buffer) =>
    (await collect(readXlsxRecords(Readable.from([xlsx])))).map((r) => [
      r.line,
      r.cells,
      r.numeric,
    ]);

  it('reads the first sheet with row numbers and flags the cells that held numbers', async () => {
    expect(await read(await sampleWorkbook())).toEqual(expected);
  });

  it('reads a workbook whatever the order of its parts in the zip', async () => {
    const xlsx = await sampleWorkbook();
    const sheetsFirst = (path: string) => (path.startsWith('xl/worksheets/') ? 0 : 1);
    // The workbook part after the sheets (exceljs writes parts in whatever order they are
    // ready, so its own files come either way), and the shared strings after them too.
    expect(
      await read(await reordered(xlsx, (p) => (p === 'xl/workbook.xml' ? 2 : sheetsFirst(p)))),
    ).toEqual(expected);
    expect(
      await read(await reordered(xlsx, (p) => (p === 'xl/sharedStrings.xml' ? 2 : sheetsFirst(p)))),
    ).toEqual(expected);
    expect(await read(await reordered(xlsx, (p) => -sheetsFirst(p)))).toEqual(expected);
  });
});

describe('readXlsxRecords on other files', () => {
  const records = async (bytes: Buffer) => {
    const out: unknown[] = [];
    for await (const record of readXlsxRecords(Readable.from([bytes]))) out.push(record);
    return out;
  };

  it('drops empty cells at the end of a row, and rows with nothing in them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('usulan');
    sheet.addRow(['nik', 'nama', 'alamat']);
    sheet.addRow(['1', '', 'x', '', '']);
    sheet.addRow(['', '  ', null]);
    sheet.addRow(['2', 'y']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await records(xlsx)).toEqual([
      { line: 1, cells: ['nik', 'nama', 'alamat'], numeric: [] },
      { line: 2, cells: ['1', '', 'x'], numeric: [] },
      { line: 4, cells: ['2', 'y'], numeric: [] },
    ]);
  });

  it('refuses a workbook with a broken sheet, and bytes that are no zip, as an unreadable workbook', async () => {
    // A real workbook whose sheet is not well-formed XML.
    const base = new ExcelJS.Workbook();
    base.addWorksheet('usulan').addRow(['nik']);
    const damaged = await JSZip.loadAsync(Buffer.from(await base.xlsx.writeBuffer()));
    damaged.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><<c/></row>');
    for (const bytes of [
      await damaged.generateAsync({ type: 'nodebuffer' }),
      Buffer.from('nik,nama\n3374011006830236,Siti\n'),
    ]) {
      const error = await records(bytes).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FileRejected);
      expect((error as FileRejected).rows).toEqual([
        { line: 1, column: '(file)', reason: 'is not a readable .xlsx workbook' },
      ]);
    }
  });
});

describe('HashingTap', () => {
  it('hashes and counts what passes through', async () => {
    const seen: number[] = [];
    const tap = new HashingTap((n) => seen.push(n));
    Readable.from([Buffer.from('abc'), Buffer.from('def')]).pipe(tap);
    await collect(tap);
    expect(tap.digest()).toBe(createHash('sha256').update('abcdef').digest('hex'));
    expect(seen).toEqual([3, 6]);
  });

  it('needs no progress callback', async () => {
    const tap = new HashingTap();
    Readable.from([Buffer.from('abc')]).pipe(tap);
    await collect(tap);
    expect(tap.bytes).toBe(3);
  });
});
