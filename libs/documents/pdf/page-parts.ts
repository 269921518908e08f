import { printedNip } from '@salur/libs/shared/nip';
import type { DocumentFacts, Signatory, Verification } from '../document';
import { tanggal } from '../indonesian';
import { A4, CONTENT_WIDTH, FONT, MARGIN, printable, type Pdf } from './pdf-file';
import { drawQrCode } from './qr-code';

/** The parts every printed page is made of: heading, verification box, footer, signatures. */

/** Where the heading ends: known before drawing, so a layout can count its pages first. */
export function headingBottom(facts: DocumentFacts): number {
  return MARGIN + 36 + (facts.issuer.address ? 12 : 0) + 13;
}

/** The heading (kop surat) with its double rule; returns the y below it (headingBottom). */
export function drawHeading(pdf: Pdf, facts: DocumentFacts): number {
  const { issuer } = facts;
  let y = MARGIN;
  pdf.font(FONT.bold).fontSize(13).fillColor('black');
  pdf.text(printable(issuer.government).toUpperCase(), MARGIN, y, {
    width: CONTENT_WIDTH,
    align: 'center',
    lineBreak: false,
  });
  y += 17;
  pdf.fontSize(15).text(printable(issuer.agency).toUpperCase(), MARGIN, y, {
    width: CONTENT_WIDTH,
    align: 'center',
    lineBreak: false,
  });
  y += 19;
  if (issuer.address) {
    pdf.font(FONT.regular).fontSize(8.5).text(printable(issuer.address), MARGIN, y, {
      width: CONTENT_WIDTH,
      align: 'center',
      lineBreak: false,
    });
    y += 12;
  }
  y += 3;
  pdf
    .lineWidth(1.5)
    .moveTo(MARGIN, y)
    .lineTo(A4.width - MARGIN, y)
    .stroke();
  pdf
    .lineWidth(0.5)
    .moveTo(MARGIN, y + 2.5)
    .lineTo(A4.width - MARGIN, y + 2.5)
    .stroke();
  return headingBottom(facts);
}

export const QR_SIZE = 66;

/** The QR code and short code in the top right corner, under the heading. */
export function drawVerificationBox(pdf: Pdf, verification: Verification, top: number): void {
  const x = A4.width - MARGIN - QR_SIZE;
  drawQrCode(pdf, verification.url, x, top, QR_SIZE);
  pdf.font(FONT.regular).fontSize(6.5).fillColor('black');
  pdf.text('Kode verifikasi', x - 10, top + QR_SIZE, {
    width: QR_SIZE + 20,
    align: 'center',
    lineBreak: false,
  });
  pdf
    .font(FONT.bold)
    .fontSize(7.5)
    .text(verification.code, x - 10, top + QR_SIZE + 8, {
      width: QR_SIZE + 20,
      align: 'center',
      lineBreak: false,
    });
}

export const FOOTER_TOP = A4.height - MARGIN - 8;

/** Every page's last line: number and verification code on the left, "Halaman x dari y" on the right. */
export function drawFooter(
  pdf: Pdf,
  facts: DocumentFacts,
  verification: Verification,
  page: number,
  pages: number,
): void {
  pdf.font(FONT.regular).fontSize(7).fillColor('black');
  pdf.text(
    `${printable(facts.number)} - kode verifikasi ${verification.code} - ${printable(verification.url)}`,
    MARGIN,
    FOOTER_TOP,
    { width: CONTENT_WIDTH - 90, lineBreak: false, ellipsis: true },
  );
  pdf.text(`Halaman ${page} dari ${pages}`, A4.width - MARGIN - 90, FOOTER_TOP, {
    width: 90,
    align: 'right',
    lineBreak: false,
  });
}

/** Height the signature row takes (place and date, headings, room to sign, name, NIP). */
export const SIGNATURES_HEIGHT = 132;

/**
 * The signature row: one block per signatory, side by side, with the place and date above
 * the last one (the Indonesian layout). A name or NIP not known is a line to fill by hand.
 */
export function drawSignatures(
  pdf: Pdf,
  facts: DocumentFacts,
  signatories: readonly Signatory[],
  top: number,
): void {
  const width = CONTENT_WIDTH / signatories.length;
  pdf.font(FONT.regular).fontSize(9).fillColor('black');
  for (const [index, signatory] of signatories.entries()) {
    const x = MARGIN + index * width;
    const options = { width, align: 'center', lineBreak: false } as const;
    if (index === signatories.length - 1) {
      pdf.text(`${printable(facts.issuer.place)}, ${tanggal(facts.date)}`, x, top, options);
    }
    pdf.font(FONT.bold).text(printable(signatory.heading ?? ''), x, top + 14, options);
    pdf.font(FONT.regular).text(printable(signatory.office), x, top + 26, {
      ...options,
      ellipsis: true,
    });
    const nameY = top + 96;
    pdf
      .font(FONT.bold)
      .text(
        signatory.name ? printable(signatory.name) : '(................................)',
        x,
        nameY,
        {
          ...options,
          underline: Boolean(signatory.name),
        },
      );
    if (signatory.nip === null) continue;
    pdf
      .font(FONT.regular)
      .text(
        `NIP. ${signatory.nip ? printable(printedNip(signatory.nip)) : '................................'}`,
        x,
        nameY + 13,
        options,
      );
  }
}

/** "Label : value" lines one under the other, as a paper's title block lists its facts. */
export function drawFactLines(
  pdf: Pdf,
  lines: readonly (readonly [string, string])[],
  at: { readonly top: number; readonly width: number; readonly labelWidth: number },
): void {
  const { top, width, labelWidth } = at;
  for (const [index, [label, value]] of lines.entries()) {
    const y = top + index * 11;
    pdf.text(label, MARGIN, y, { width: labelWidth, lineBreak: false });
    pdf.text(`: ${printable(value)}`, MARGIN + labelWidth, y, {
      width: width - labelWidth,
      lineBreak: false,
      ellipsis: true,
    });
  }
}

/** A table's columns and heights: what its header and lines are drawn from on every page. */
export interface TableLayout {
  readonly columns: readonly { readonly title: string; readonly width: number }[];
  readonly headerHeight: number;
  readonly rowHeight: number;
  readonly headerFontSize: number;
}

/** The table's grey header row with its column titles (a title too wide wraps). */
export function drawTableHeader(pdf: Pdf, table: TableLayout, top: number): void {
  pdf.rect(MARGIN, top, CONTENT_WIDTH, table.headerHeight).fillColor('#e8e8e8').fill();
  pdf.font(FONT.bold).fontSize(table.headerFontSize).fillColor('black');
  let x = MARGIN;
  for (const column of table.columns) {
    const oneLine = pdf.widthOfString(column.title) <= column.width - 4;
    pdf.text(column.title, x + 2, top + (oneLine ? (table.headerHeight - 6) / 2 : 3), {
      width: column.width - 4,
      height: table.headerHeight - 2,
      align: 'center',
    });
    x += column.width;
  }
}

/** The table's lines, drawn once per page: its header row and `rows` rows under it. */
export function drawTableGrid(pdf: Pdf, table: TableLayout, top: number, rows: number): void {
  const bottom = top + table.headerHeight + rows * table.rowHeight;
  pdf.lineWidth(0.5).strokeColor('black');
  pdf.moveTo(MARGIN, top).lineTo(MARGIN + CONTENT_WIDTH, top);
  for (let i = 0; i <= rows; i++) {
    const y = top + table.headerHeight + i * table.rowHeight;
    pdf.moveTo(MARGIN, y).lineTo(MARGIN + CONTENT_WIDTH, y);
  }
  let x = MARGIN;
  pdf.moveTo(x, top).lineTo(x, bottom);
  for (const column of table.columns) {
    x += column.width;
    pdf.moveTo(x, top).lineTo(x, bottom);
  }
  pdf.stroke();
}
