import type { Writable } from 'node:stream';
import {
  NOT_RECEIVED_REASON_NAMES,
  sumReconciliations,
  type KelurahanReconciliation,
  type NotReceivedReason,
} from '../domain/receipt';
import {
  skBasisLine,
  type DocumentFacts,
  type Region,
  type Signatory,
  type Verification,
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
import { CONTENT_WIDTH, FONT, MARGIN, openPdf, printable, type Pdf } from './pdf/pdf-file';
import { writeTableXlsx } from './xlsx/xlsx-file';

/**
 * Step 17's LPJ rekap (laporan pertanggungjawaban) of one kecamatan: per kelurahan on the
 * BAST, the SK's recipients, the parcels handed over, what the families' receipts say
 * (received, by a proxy, not received and why, returned), the complaints and whether the
 * signed BAST/BNBA came back; the kecamatan's totals under them. Counts only: no person.
 */
export interface LpjKelurahan {
  readonly kelurahan: Region;
  /** The parcels the kelurahan's BAST handed over (step 6). */
  readonly bastParcels: number;
  /** Its receipts, reconciled: the persons listed by the SK in force and what became of each. */
  readonly receipts: KelurahanReconciliation;
  readonly complaints: number;
  readonly complaintsResolved: number;
  /** Its signed BAST/BNBA was collected (step 17). */
  readonly signedCollected: boolean;
}

export interface LpjInput {
  readonly facts: DocumentFacts;
  readonly verification: Verification;
  readonly programme: string;
  readonly basis: { readonly skNo: string; readonly skDate: string };
  readonly kecamatan: Region;
  /** Parcels the vendor delivered to the kecamatan (step 14), when recorded. */
  readonly deliveredToKecamatan: number | null;
  readonly kelurahan: readonly LpjKelurahan[];
  /** The kecamatan's complaints, those not tied to a kelurahan included. */
  readonly complaints: { readonly recorded: number; readonly resolved: number };
  /** The Camat, who reports, and the head of the office, who acknowledges. */
  readonly camat: Signatory;
  readonly kepalaDinas: Signatory;
}

export const LPJ_TITLE = 'LAPORAN PERTANGGUNGJAWABAN (LPJ) PENYALURAN BANTUAN PAKET SEMBAKO';

/** One figure of a row: per kelurahan, and the same for the kecamatan's total row. */
interface LpjColumn {
  readonly title: string;
  readonly width: number;
  readonly of: (row: LpjKelurahan) => number | string;
  readonly total: (totals: LpjTotals) => number | string;
}

type LpjTotals = ReturnType<typeof lpjTotals>;

/** The kecamatan's figures: the sum of its kelurahan's, complaints as recorded for it. */
export function lpjTotals(input: LpjInput) {
  const rows = input.kelurahan;
  return {
    receipts: sumReconciliations(rows.map((r) => r.receipts)),
    bastParcels: rows.reduce((sum, r) => sum + r.bastParcels, 0),
    complaints: input.complaints.recorded,
    complaintsResolved: input.complaints.resolved,
    signedCollected: rows.filter((r) => r.signedCollected).length,
    kelurahan: rows.length,
  };
}

const REASON_TITLES: Record<NotReceivedReason, string> = {
  pindah: 'Pindah',
  meninggal: 'Meninggal',
  tidak_ditemukan: 'Tidak ditemukan',
  menolak: 'Menolak',
};

const FIGURE = 31;
const COLUMNS: readonly LpjColumn[] = [
  { title: 'No', width: 16, of: () => '', total: () => '' },
  { title: 'Kelurahan', width: 80, of: (r) => r.kelurahan.name, total: () => 'JUMLAH' },
  {
    title: 'Penerima SK',
    width: FIGURE,
    of: (r) => r.receipts.listed,
    total: (t) => t.receipts.listed,
  },
  { title: 'Paket BAST', width: FIGURE, of: (r) => r.bastParcels, total: (t) => t.bastParcels },
  {
    title: 'Diterima KPM',
    width: FIGURE,
    of: (r) => r.receipts.received,
    total: (t) => t.receipts.received,
  },
  {
    title: 'Diterima wakil',
    width: FIGURE,
    of: (r) => r.receipts.receivedByProxy,
    total: (t) => t.receipts.receivedByProxy,
  },
  {
    title: 'Jumlah diterima',
    width: FIGURE,
    of: (r) => r.receipts.distributed,
    total: (t) => t.receipts.distributed,
  },
  ...NOT_RECEIVED_REASON_NAMES.map((reason): LpjColumn => ({
    title: REASON_TITLES[reason],
    width: FIGURE,
    of: (r) => r.receipts.returnedByReason[reason],
    total: (t) => t.receipts.returnedByReason[reason],
  })),
  {
    title: 'Dikem- balikan',
    width: FIGURE,
    of: (r) => r.receipts.returned,
    total: (t) => t.receipts.returned,
  },
  { title: 'Aduan', width: FIGURE, of: (r) => r.complaints, total: (t) => t.complaints },
  {
    title: 'Aduan selesai',
    width: FIGURE,
    of: (r) => r.complaintsResolved,
    total: (t) => t.complaintsResolved,
  },
  {
    title: 'BAST/BNBA kembali',
    width: 55,
    of: (r) => (r.signedCollected ? 'Ya' : 'Belum'),
    total: (t) => t.signedCollected,
  },
];

const HEADER_ROW_HEIGHT = 30;
const ROW_HEIGHT = 16;
const TABLE = {
  columns: COLUMNS,
  headerHeight: HEADER_ROW_HEIGHT,
  rowHeight: ROW_HEIGHT,
  headerFontSize: 6.5,
};
const CONTINUED_TOP = MARGIN + 16;
const TABLE_BOTTOM = FOOTER_TOP - 8;
/** Under the table: the summary paragraph, then the signatures. */
const CLOSING_HEIGHT = 70 + SIGNATURES_HEIGHT;

function tableTop(facts: DocumentFacts): number {
  return headingBottom(facts) + QR_SIZE + 70;
}

/** Rows per page and pages: kelurahan rows, then the total row, then the closing block. */
export function lpjPagePlan(facts: DocumentFacts, kelurahan: number) {
  const fits = (top: number) => Math.floor((TABLE_BOTTOM - top - HEADER_ROW_HEIGHT) / ROW_HEIGHT);
  const first = fits(tableTop(facts));
  const next = fits(CONTINUED_TOP);
  const rows = kelurahan + 1;
  const tablePages = rows <= first ? 1 : 1 + Math.ceil((rows - first) / next);
  const onLast = rows <= first ? rows : rows - first - (tablePages - 2) * next;
  const top = tablePages === 1 ? tableTop(facts) : CONTINUED_TOP;
  const closingOwnPage =
    top + HEADER_ROW_HEIGHT + onLast * ROW_HEIGHT + CLOSING_HEIGHT > TABLE_BOTTOM;
  return { pages: tablePages + (closingOwnPage ? 1 : 0), rowsOnFirst: first, rowsOnNext: next };
}

export async function renderLpjPdf(input: LpjInput, out: Writable): Promise<void> {
  const { facts, verification } = input;
  const totals = lpjTotals(input);
  const plan = lpjPagePlan(facts, input.kelurahan.length);
  const { pdf, addPage, finish } = openPdf(out, facts, 'LPJ');
  let page = 0;
  const startPage = (): number => {
    if (page > 0) drawFooter(pdf, facts, verification, page, plan.pages);
    addPage();
    page++;
    if (page === 1) {
      drawHeading(pdf, facts);
      drawTitleBlock(pdf, input);
      return tableTop(facts);
    }
    pdf.font(FONT.regular).fontSize(8).fillColor('black');
    pdf.text(
      printable(`LPJ Kecamatan ${input.kecamatan.name} - Nomor ${facts.number} (lanjutan)`),
      MARGIN,
      MARGIN,
      {
        width: CONTENT_WIDTH,
        lineBreak: false,
      },
    );
    return CONTINUED_TOP;
  };

  const cells: (number | string)[][] = [
    ...input.kelurahan.map((row, index) =>
      COLUMNS.map((c, i) => (i === 0 ? index + 1 : c.of(row))),
    ),
    COLUMNS.map((c) => c.total(totals)),
  ];
  let top = startPage();
  let onPage = 0;
  let capacity = plan.rowsOnFirst;
  drawTableHeader(pdf, TABLE, top);
  for (const [index, row] of cells.entries()) {
    if (onPage === capacity) {
      drawTableGrid(pdf, TABLE, top, onPage);
      top = startPage();
      onPage = 0;
      capacity = plan.rowsOnNext;
      drawTableHeader(pdf, TABLE, top);
    }
    drawRow(pdf, top + HEADER_ROW_HEIGHT + onPage * ROW_HEIGHT, row, index === cells.length - 1);
    onPage++;
  }
  drawTableGrid(pdf, TABLE, top, onPage);
  let closingTop = top + HEADER_ROW_HEIGHT + onPage * ROW_HEIGHT + 10;
  if (page < plan.pages) closingTop = startPage();
  pdf.font(FONT.regular).fontSize(9).fillColor('black');
  pdf.text(printable(summary(input, totals)), MARGIN, closingTop, {
    width: CONTENT_WIDTH,
    align: 'justify',
    lineGap: 2,
  });
  drawSignatures(
    pdf,
    facts,
    [
      { ...input.kepalaDinas, heading: 'Mengetahui,' },
      { ...input.camat, heading: 'Yang melaporkan,' },
    ],
    closingTop + 70,
  );
  drawFooter(pdf, facts, verification, page, plan.pages);
  await finish();
}

/** What the table says, in words: what a reader of the LPJ checks first. */
function summary(input: LpjInput, totals: LpjTotals): string {
  const r = totals.receipts;
  const count = (n: number) => `${n} (${terbilang(n)})`;
  const delivered =
    input.deliveredToKecamatan === null
      ? ''
      : `Kecamatan ${input.kecamatan.name} menerima ${count(input.deliveredToKecamatan)} paket dari penyedia. `;
  return (
    delivered +
    `Dari ${count(r.listed)} penerima dalam SK, ${count(r.distributed)} paket diterima keluarga ` +
    `penerima (${r.receivedByProxy} melalui wakil) dan ${count(r.returned)} paket tidak diterima dan ` +
    `dikembalikan. Aduan tercatat ${totals.complaints}, ${totals.complaintsResolved} telah ` +
    `ditindaklanjuti. BAST/BNBA bertanda tangan kembali dari ${totals.signedCollected} dari ` +
    `${totals.kelurahan} kelurahan.`
  );
}

function drawTitleBlock(pdf: Pdf, input: LpjInput): void {
  const { facts } = input;
  const top = headingBottom(facts);
  drawVerificationBox(pdf, input.verification, top);
  const width = CONTENT_WIDTH - QR_SIZE - 16;
  pdf.font(FONT.bold).fontSize(10.5).fillColor('black');
  pdf.text(LPJ_TITLE, MARGIN, top, { width, align: 'center' });
  pdf.font(FONT.regular).fontSize(9);
  pdf.text(`Nomor: ${printable(facts.number)}`, MARGIN, top + 28, {
    width,
    align: 'center',
    lineBreak: false,
  });
  const lines: [string, string][] = [
    ['Program', input.programme],
    skBasisLine(input.basis),
    ['Kecamatan', `${input.kecamatan.name} (${input.kecamatan.code})`],
    [
      'Diterima dari penyedia',
      input.deliveredToKecamatan === null ? '-' : `${input.deliveredToKecamatan} paket`,
    ],
    ['Tanggal', tanggal(facts.date)],
  ];
  pdf.fontSize(8.5);
  drawFactLines(pdf, lines, { top: top + 44, width, labelWidth: 100 });
}

function drawRow(pdf: Pdf, y: number, cells: readonly (number | string)[], total: boolean): void {
  pdf
    .font(total ? FONT.bold : FONT.regular)
    .fontSize(7.5)
    .fillColor('black');
  let x = MARGIN;
  for (const [index, column] of COLUMNS.entries()) {
    const text = printable(String(cells[index]));
    pdf.text(text, x + 2, y + 5, {
      width: column.width - 4,
      align: index === 1 ? 'left' : 'center',
      lineBreak: false,
      ellipsis: true,
    });
    x += column.width;
  }
}

/** The same table as a sheet: one row per kelurahan and the total row, figures as numbers. */
export async function renderLpjXlsx(input: LpjInput, out: Writable): Promise<void> {
  const { facts, verification } = input;
  const totals = lpjTotals(input);
  const table = {
    sheetName: 'LPJ',
    columnWidths: COLUMNS.map((c, i) => (i === 1 ? 24 : 12)),
    title: LPJ_TITLE,
    info: [
      ['Program', input.programme],
      skBasisLine(input.basis),
      ['Kecamatan', `${input.kecamatan.name} (${input.kecamatan.code})`],
      ['Diterima dari penyedia', input.deliveredToKecamatan ?? '-'],
      ['Kode verifikasi', `${verification.code} (${verification.url})`],
    ],
    header: COLUMNS.map((c) => c.title.replace('- ', '')),
  } as const;
  await writeTableXlsx(out, facts, table, async (sheet) => {
    for (const [index, row] of input.kelurahan.entries()) {
      sheet.addRow(COLUMNS.map((c, i) => (i === 0 ? index + 1 : c.of(row)))).commit();
    }
    const total = sheet.addRow(COLUMNS.map((c) => c.total(totals)));
    total.font = { bold: true };
    total.commit();
    await Promise.resolve();
  });
}
