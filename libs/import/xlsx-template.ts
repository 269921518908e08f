import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Builds the XLSX twin of a CSV template: same columns on the first sheet, header in
 * row 1, every column formatted as Text so Excel keeps the 16 digits of a NIK.
 */
export async function writeXlsxTemplate(csvPath: string, xlsxPath: string, sheetName: string) {
  const rows: string[][] = parse(readFileSync(csvPath), { bom: true });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = rows[0].map((name) => ({
    header: name,
    key: name,
    width: 22,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows.slice(1)) sheet.addRow(row);
  await workbook.xlsx.writeFile(xlsxPath);
}
