import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { DocumentFacts } from '../document';
import { instantOf, tanggal } from '../indonesian';
import { printable } from '../pdf/pdf-file';

export type XlsxSheet = ExcelJS.Worksheet;

export interface XlsxLayout {
  readonly sheetName: string;
  readonly columnWidths: readonly number[];
  /** The row repeated at the top of every printed page (the table's header). */
  readonly printTitleRow: number;
}

/** The zip archiver inside exceljs's streaming writer: where each entry's date is set. */
interface ZipArchiver {
  _moduleAppend(source: unknown, data: { date?: Date }, callback: unknown): void;
}

/**
 * Streams a one-sheet workbook to `out` (rows are committed as they are added, so a long
 * list is never held in memory), A4 when printed. Deterministic: the workbook's created and
 * modified dates are the document's date, and so is every zip entry's timestamp. exceljs
 * gives no option for the latter, so the writer's archiver is told the date as each entry
 * is written (checked by the spec: the bytes do not change with the clock).
 */
export async function writeXlsx(
  out: Writable,
  facts: DocumentFacts,
  layout: XlsxLayout,
  fill: (sheet: XlsxSheet) => Promise<void>,
): Promise<void> {
  const stamped = instantOf(facts.date);
  const done = finished(out);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const zip = (workbook as unknown as { zip: ZipArchiver }).zip;
  const append = zip._moduleAppend.bind(zip);
  zip._moduleAppend = (source, data, callback) =>
    append(source, { ...data, date: stamped }, callback);
  workbook.created = stamped;
  workbook.modified = stamped;
  workbook.creator = `${facts.issuer.government} - ${facts.issuer.agency}`;
  workbook.lastModifiedBy = 'Salur';

  const sheet = workbook.addWorksheet(layout.sheetName, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${layout.printTitleRow}:${layout.printTitleRow}`,
    },
    headerFooter: {
      oddFooter: `&L${facts.number}&RHalaman &P dari &N`,
    },
  });
  sheet.columns = layout.columnWidths.map((width) => ({ width }));
  await fill(sheet);
  sheet.commit();
  await workbook.commit();
  await done;
}

/** A sheet holding one table under a title block, as the papers print it. */
export interface TableSheet {
  readonly sheetName: string;
  readonly columnWidths: readonly number[];
  readonly title: string;
  /** "Label : value" lines under the title, after the number and the date. */
  readonly info: readonly (readonly [string, string | number])[];
  readonly header: readonly string[];
}

/**
 * writeXlsx for a table: the heading (government, office), the title, number, date and the
 * info lines, a blank row, then the bold header row, repeated on every printed page.
 * `fill` adds the table's rows under it, given the header's row number.
 */
export async function writeTableXlsx(
  out: Writable,
  facts: DocumentFacts,
  table: TableSheet,
  fill: (sheet: XlsxSheet, headerRow: number) => Promise<void>,
): Promise<void> {
  const lines: (readonly [string, string | number])[] = [
    [printable(facts.issuer.government).toUpperCase(), ''],
    [printable(facts.issuer.agency).toUpperCase(), ''],
    [table.title, ''],
    ['Nomor', facts.number],
    ['Tanggal', tanggal(facts.date)],
    ...table.info,
  ];
  const layout = {
    sheetName: table.sheetName,
    columnWidths: table.columnWidths,
    printTitleRow: lines.length + 2,
  };
  await writeXlsx(out, facts, layout, async (sheet) => {
    for (const [label, value] of lines) {
      sheet.addRow(value === '' ? [label] : [label, value]).commit();
    }
    sheet.addRow([]).commit();
    const header = sheet.addRow([...table.header]);
    header.font = { bold: true };
    header.commit();
    await fill(sheet, header.number);
  });
}
