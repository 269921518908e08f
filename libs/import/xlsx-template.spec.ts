import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { repoRoot } from '../config/repo-root';
import { readXlsxRecords, type SourceRecord } from './rows';
import { writeXlsxTemplate } from './xlsx-template';

describe('writeXlsxTemplate', () => {
  const csvPath = join(repoRoot(), 'docs/templates/usulan-penerima.csv');
  let dir: string;
  let xlsxPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'salur-template-'));
    xlsxPath = join(dir, 'usulan-penerima.xlsx');
    await writeXlsxTemplate(csvPath, xlsxPath, 'usulan');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads back through the importer as the CSV template does, with no number cells', async () => {
    const records: SourceRecord[] = [];
    for await (const record of readXlsxRecords(createReadStream(xlsxPath))) records.push(record);
    const csv: string[][] = parse(readFileSync(csvPath), { bom: true });
    expect(records.map((r) => r.cells)).toEqual(csv);
    expect(records.map((r) => r.line)).toEqual(csv.map((_, i) => i + 1));
    expect(records.flatMap((r) => r.numeric)).toEqual([]);
  });

  it('formats every column as Text, so a NIK typed into it keeps its 16 digits, under a bold header', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxPath);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('usulan');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toHaveLength(9);
    header.forEach((_, i) => {
      expect(sheet.getColumn(i + 1).numFmt).toBe('@');
      expect(sheet.getRow(1).getCell(i + 1).font).toMatchObject({ bold: true });
    });
  });
});
