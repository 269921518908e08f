import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { HashingTap, readXlsxRecords } from './rows';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('readXlsxRecords', () => {
  it('reads the first sheet with row numbers and flags numbers that lost digits', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('usulan');
    sheet.addRow(['nik', 'nama']);
    sheet.addRow(['3374010000000001', 'Budi']);
    sheet.addRow([]);
    sheet.addRow([Number('9171011501850001'), { richText: [{ text: 'Siti' }] }]);
    workbook.addWorksheet('other').addRow(['ignored']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const records = await collect(readXlsxRecords(Readable.from([buffer])));
    expect(records.map((r) => [r.line, r.cells, r.lossy])).toEqual([
      [1, ['nik', 'nama'], []],
      [2, ['3374010000000001', 'Budi'], []],
      [4, ['9171011501850000', 'Siti'], [0]],
    ]);
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
