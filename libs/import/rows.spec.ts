import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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

describe('HashingTap', () => {
  it('hashes and counts what passes through', async () => {
    const seen: number[] = [];
    const tap = new HashingTap((n) => seen.push(n));
    Readable.from([Buffer.from('abc'), Buffer.from('def')]).pipe(tap);
    await collect(tap);
    expect(tap.digest()).toBe(createHash('sha256').update('abcdef').digest('hex'));
    expect(seen).toEqual([3, 6]);
  });
});
