import type { Writable } from 'node:stream';
import { maskNik } from '../domain/nik-mask';
import {
  skBasisLine,
  type DocumentFacts,
  type KelurahanPaper,
  type NikDisplay,
  type RenderOptions,
  type Signatory,
} from './document';
import { tanggal, terbilang } from './indonesian';
import {
  drawFactLines,
  drawFooter,
  drawHeading,
  drawSignatures,
  drawTableGrid,
  drawTableHeader,
  drawVerificationBox,
  FOOTER_TOP,
  headingBottom,
  QR_SIZE,
  SIGNATURES_HEIGHT,
} from './pdf/page-parts';
import {
  CONTENT_WIDTH,
  FONT,
  MARGIN,
  openPdf,
  printable,
  yieldTurn,
  type Pdf,
} from './pdf/pdf-file';
import { writeTableXlsx } from './xlsx/xlsx-file';

/** exceljs's data validations of a sheet (typed on Worksheet, present on its stream writer). */
interface DataValidations {
  add(address: string, validation: object): void;
}

/**
 * Step 6's BNBA (by name, by address): one kelurahan's recipients, in the order given, each
 * with a box to sign or press a thumb in at distribution. Rows are read from an async
 * iterable and written page by page, so a list of any length is never held in memory; the
 * count is known first, so every page says "Halaman x dari y".
 */
export interface BnbaRow {
  readonly nik: string;
  readonly name: string | null;
  readonly address: string | null;
  readonly rtRw: string | null;
}

export interface BnbaInput extends KelurahanPaper {
  readonly recipientCount: number;
  /** The recipients, `recipientCount` of them; called once per rendering (and for hashing). */
  readonly rows: () => AsyncIterable<BnbaRow>;
  /** Who signs under the list: the Camat (acknowledges) and the Lurah. */
  readonly signatories: readonly Signatory[];
}

export const BNBA_TITLE = 'DAFTAR PENERIMA BANTUAN (BY NAME BY ADDRESS)';

const ROW_HEIGHT = 26;
const HEADER_ROW_HEIGHT = 20;
const TABLE_BOTTOM = FOOTER_TOP - 8;
const TITLE_BLOCK_HEIGHT = QR_SIZE + 34;
const CONTINUED_TABLE_TOP = MARGIN + 16;

const COLUMNS = [
  { title: 'No', width: 28, align: 'center' },
  { title: 'NIK', width: 92, align: 'left' },
  { title: 'Nama', width: 132, align: 'left' },
  { title: 'Alamat', width: 150, align: 'left' },
  { title: 'RT/RW', width: 41, align: 'center' },
  { title: 'Tanda tangan / cap jempol', width: 80, align: 'center' },
] as const;

const TABLE = {
  columns: COLUMNS,
  headerHeight: HEADER_ROW_HEIGHT,
  rowHeight: ROW_HEIGHT,
  headerFontSize: 7,
};

/** How many pages a BNBA of `count` rows takes, and how many rows each page holds. */
export function bnbaPagePlan(facts: DocumentFacts, count: number) {
  const firstTableTop = headingBottom(facts) + TITLE_BLOCK_HEIGHT;
  const fits = (top: number) => Math.floor((TABLE_BOTTOM - top - HEADER_ROW_HEIGHT) / ROW_HEIGHT);
  const first = fits(firstTableTop);
  const next = fits(CONTINUED_TABLE_TOP);
  const rowPages = count <= first ? 1 : 1 + Math.ceil((count - first) / next);
  const onLast = count <= first ? count : count - first - (rowPages - 2) * next;
  const lastTop = rowPages === 1 ? firstTableTop : CONTINUED_TABLE_TOP;
  const lastBottom = lastTop + HEADER_ROW_HEIGHT + onLast * ROW_HEIGHT;
  // The signatures go under the last row, or on a page of their own when they do not fit.
  const signaturesOwnPage = lastBottom + 22 + SIGNATURES_HEIGHT > TABLE_BOTTOM;
  return {
    pages: rowPages + (signaturesOwnPage ? 1 : 0),
    firstTableTop,
    rowsOnFirst: first,
    rowsOnNext: next,
  };
}

export function printedNik(nik: string, display: NikDisplay): string {
  return display === 'full' ? printable(nik) : maskNik(nik);
}

export async function renderBnbaPdf(
  input: BnbaInput,
  out: Writable,
  options: RenderOptions,
): Promise<void> {
  const { facts, verification } = input;
  const plan = bnbaPagePlan(facts, input.recipientCount);
  const { pdf, addPage, finish } = openPdf(out, facts, 'BNBA');
  let page = 0;
  const startPage = (): number => {
    if (page > 0) drawFooter(pdf, facts, verification, page, plan.pages);
    addPage();
    page++;
    if (page === 1) {
      drawHeading(pdf, facts);
      drawTitleBlock(pdf, input);
      return plan.firstTableTop;
    }
    pdf.font(FONT.regular).fontSize(8).fillColor('black');
    pdf.text(
      printable(
        `BNBA Kelurahan ${input.kelurahan.name}, Kecamatan ${input.kecamatan.name} - Nomor ${facts.number} (lanjutan)`,
      ),
      MARGIN,
      MARGIN,
      { width: CONTENT_WIDTH, lineBreak: false, ellipsis: true },
    );
    return CONTINUED_TABLE_TOP;
  };

  let top = startPage();
  let onPage = 0;
  let capacity = plan.rowsOnFirst;
  let written = 0;
  drawTableHeader(pdf, TABLE, top);
  for await (const row of input.rows()) {
    if (onPage === capacity) {
      drawTableGrid(pdf, TABLE, top, onPage);
      await yieldTurn();
      top = startPage();
      onPage = 0;
      capacity = plan.rowsOnNext;
      drawTableHeader(pdf, TABLE, top);
    }
    written++;
    if (written > input.recipientCount) {
      throw new RangeError(`BNBA rows: more than the ${input.recipientCount} announced`);
    }
    drawRow(pdf, top + HEADER_ROW_HEIGHT + onPage * ROW_HEIGHT, written, row, options.nik);
    onPage++;
  }
  if (written !== input.recipientCount) {
    throw new RangeError(`BNBA rows: ${written} given, ${input.recipientCount} announced`);
  }
  drawTableGrid(pdf, TABLE, top, onPage);
  let signaturesTop = top + HEADER_ROW_HEIGHT + onPage * ROW_HEIGHT + 8;
  if (page < plan.pages) signaturesTop = startPage();
  pdf.font(FONT.regular).fontSize(9);
  pdf.text(
    `Jumlah penerima pada daftar ini: ${input.recipientCount} (${terbilang(input.recipientCount)}) orang.`,
    MARGIN,
    signaturesTop,
    { width: CONTENT_WIDTH, lineBreak: false },
  );
  drawSignatures(pdf, facts, input.signatories, signaturesTop + 22);
  drawFooter(pdf, facts, verification, page, plan.pages);
  await finish();
}

function drawTitleBlock(pdf: Pdf, input: BnbaInput): void {
  const { facts } = input;
  const top = headingBottom(facts);
  drawVerificationBox(pdf, input.verification, top);
  const width = CONTENT_WIDTH - QR_SIZE - 16;
  pdf.font(FONT.bold).fontSize(11).fillColor('black');
  pdf.text(BNBA_TITLE, MARGIN, top, { width, align: 'center', lineBreak: false });
  pdf.font(FONT.regular).fontSize(9);
  pdf.text(`Nomor: ${printable(facts.number)}`, MARGIN, top + 15, {
    width,
    align: 'center',
    lineBreak: false,
  });
  const lines: [string, string][] = [
    ['Program', input.programme],
    skBasisLine(input.basis),
    ['Kecamatan', `${input.kecamatan.name} (${input.kecamatan.code})`],
    ['Kelurahan', `${input.kelurahan.name} (${input.kelurahan.code})`],
    ['Jumlah penerima', `${input.recipientCount} orang`],
    ['Tanggal', tanggal(facts.date)],
  ];
  pdf.fontSize(8.5);
  drawFactLines(pdf, lines, { top: top + 32, width, labelWidth: 80 });
}

function drawRow(pdf: Pdf, y: number, no: number, row: BnbaRow, nik: NikDisplay): void {
  const cells = [String(no), printedNik(row.nik, nik), row.name, row.address, row.rtRw];
  pdf.font(FONT.regular).fontSize(ROW_FONT_SIZE).fillColor('black');
  let x = MARGIN;
  for (const [index, column] of COLUMNS.entries()) {
    if (index < cells.length) {
      const text = printable(cells[index]);
      const width = column.width - 6;
      // Most cells fit on one line: placed by hand, without a width, so pdfkit's line wrapper
      // (the costly part of a long list) never runs. Longer names and addresses wrap onto a
      // second line, then stop.
      const fits = upperWidth(pdf, text);
      if (fits <= width) {
        const indent = column.align === 'center' ? (width - fits) / 2 : 0;
        pdf.text(text, x + 3 + indent, y + 9, { lineBreak: false });
      } else {
        pdf.text(text, x + 3, y + 4, {
          width,
          height: ROW_HEIGHT - 6,
          align: column.align,
          ellipsis: true,
          lineGap: 0,
        });
      }
    }
    x += column.width;
  }
}

const ROW_FONT_SIZE = 8;
const charWidths = new Map<string, number>();

/**
 * The width of `text` in the row font, from each character's own width (kept once per
 * character): at least what pdfkit draws, since kerning only brings letters closer. Cheaper
 * than pdf.widthOfString, which shapes the whole string again.
 */
function upperWidth(pdf: Pdf, text: string): number {
  let width = 0;
  for (const char of text) {
    let w = charWidths.get(char);
    if (w === undefined) {
      w = pdf.widthOfString(char);
      charWidths.set(char, w);
    }
    width += w;
  }
  return width;
}

/**
 * The columns the office fills in at distribution, read back by the receipts import
 * (libs/import/receipt-sheet.ts): received or not, why not, who collected it for the family.
 */
export const BNBA_RECEIPT_COLUMNS = [
  'Diterima (ya/tidak)',
  'Alasan',
  'Nama Wakil',
  'Hubungan Wakil',
  'Keterangan',
] as const;

/** What the "Alasan" column offers in Excel: the four reasons as offices write them. */
const REASON_CHOICES = '"pindah,meninggal,tidak ditemukan,menolak"';

/**
 * The same list as a spreadsheet, for kelurahan staff who work in Excel (A4 when printed),
 * with the columns filled in at distribution: filled and uploaded, it records the receipts
 * (docs/receipts.md). Its rows are matched by No, the NIK's last four digits and the name.
 */
export async function renderBnbaXlsx(
  input: BnbaInput,
  out: Writable,
  options: RenderOptions,
): Promise<void> {
  const { facts, verification } = input;
  const table = {
    sheetName: 'BNBA',
    columnWidths: [6, 20, 32, 40, 9, 24, 12, 16, 24, 16, 24],
    title: BNBA_TITLE,
    info: [
      ['Program', input.programme],
      skBasisLine(input.basis),
      ['Kecamatan', `${input.kecamatan.name} (${input.kecamatan.code})`],
      ['Kelurahan', `${input.kelurahan.name} (${input.kelurahan.code})`],
      ['Jumlah penerima', String(input.recipientCount)],
      ['Kode verifikasi', `${verification.code} (${verification.url})`],
    ],
    header: [...COLUMNS.map((c) => c.title), ...BNBA_RECEIPT_COLUMNS],
  } as const;
  await writeTableXlsx(out, facts, table, async (sheet, headerRow) => {
    if (input.recipientCount > 0) {
      // Drop-down lists where a typo would be refused at upload (others are still accepted).
      const first = headerRow + 1;
      const last = headerRow + input.recipientCount;
      const list = (formula: string) => ({
        type: 'list' as const,
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: false,
      });
      const validations = (sheet as unknown as { dataValidations: DataValidations })
        .dataValidations;
      validations.add(`G${first}:G${last}`, list('"ya,tidak"'));
      validations.add(`H${first}:H${last}`, list(REASON_CHOICES));
    }
    let no = 0;
    for await (const row of input.rows()) {
      no++;
      sheet
        .addRow([
          no,
          printedNik(row.nik, options.nik),
          row.name ?? '',
          row.address ?? '',
          row.rtRw ?? '',
          '',
        ])
        .commit();
    }
    if (no !== input.recipientCount) {
      throw new RangeError(`BNBA rows: ${no} given, ${input.recipientCount} announced`);
    }
  });
}
