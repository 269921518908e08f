import type { Writable } from 'node:stream';
import type { DocumentFacts, Signatory, Verification } from '../document';
import {
  drawFooter,
  drawHeading,
  drawSignatures,
  drawVerificationBox,
  FOOTER_TOP,
  QR_SIZE,
  SIGNATURES_HEIGHT,
} from './page-parts';
import { CONTENT_WIDTH, FONT, MARGIN, openPdf, printable, type Pdf } from './pdf-file';

/**
 * A berita acara written top to bottom: title, paragraphs, label/value lines, tables whose
 * rows grow with their text, signatures. Whatever does not fit goes on the next page (a
 * table repeats its header there), and every page gets "Halaman x dari y" once the last is
 * known. For papers of a few pages (the kecamatan's): pages stay in memory until the end.
 */
export interface FlowColumn {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'center' | 'right';
}

const BOTTOM = FOOTER_TOP - 12;
const BODY = { size: 10, lineGap: 2 } as const;
const CELL = { size: 8.5, padding: 3 } as const;
const DOTS = '................................................';

export interface FlowingPaper {
  readonly facts: DocumentFacts;
  readonly verification: Verification;
}

export class FlowingPdf {
  private y = 0;

  private constructor(
    private readonly pdf: Pdf,
    private readonly paper: FlowingPaper,
    private readonly continuation: string,
    private readonly addPage: () => void,
    private readonly end: () => Promise<void>,
  ) {}

  /**
   * Opens the paper on its first page: heading, verification box, the title lines centred
   * beside it and the number. `label` names the paper on the pages after the first.
   */
  static open(out: Writable, paper: FlowingPaper, label: string, title: readonly string[]) {
    const { pdf, addPage, finish } = openPdf(out, paper.facts, label, { bufferPages: true });
    const continuation = `${label} - Nomor ${paper.facts.number} (lanjutan)`;
    const flow = new FlowingPdf(pdf, paper, continuation, addPage, finish);
    addPage();
    const top = drawHeading(pdf, paper.facts);
    drawVerificationBox(pdf, paper.verification, top);
    const width = CONTENT_WIDTH - QR_SIZE - 16;
    const centred = { width, align: 'center', lineBreak: false } as const;
    pdf.fillColor('black');
    for (const [index, line] of title.entries()) {
      pdf
        .font(FONT.bold)
        .fontSize(index === 0 ? 12 : 10.5)
        .text(printable(line), MARGIN, top + 4 + index * 16, centred);
    }
    pdf
      .font(FONT.regular)
      .fontSize(10)
      .text(
        `Nomor: ${printable(paper.facts.number)}`,
        MARGIN,
        top + 4 + title.length * 16,
        centred,
      );
    flow.y = top + QR_SIZE + 30;
    return flow;
  }

  /** A justified paragraph. */
  paragraph(text: string, gapBefore = 8): this {
    this.body();
    const options = { width: CONTENT_WIDTH, align: 'justify', lineGap: BODY.lineGap } as const;
    const height = this.pdf.heightOfString(printable(text), options);
    this.room(gapBefore + height);
    this.pdf.text(printable(text), MARGIN, this.y + gapBefore, options);
    this.y += gapBefore + height;
    return this;
  }

  /** A bold line introducing what follows. */
  section(text: string): this {
    this.room(18 + 30);
    this.pdf
      .font(FONT.bold)
      .fontSize(BODY.size)
      .text(printable(text), MARGIN, this.y + 10, { width: CONTENT_WIDTH, lineBreak: false });
    this.y += 10 + 14;
    return this;
  }

  /** "Label : value" lines, indented by `indent`; an absent value is a line to fill by hand. */
  fields(rows: readonly (readonly [string, string | null | undefined])[], indent = 16): this {
    this.body();
    const labelWidth = 110;
    const valueWidth = CONTENT_WIDTH - indent - labelWidth;
    for (const [label, value] of rows) {
      const text = `: ${printable(value ?? DOTS)}`;
      const height = this.pdf.heightOfString(text, { width: valueWidth });
      this.room(height + 2);
      this.pdf.text(printable(label), MARGIN + indent, this.y, {
        width: labelWidth,
        lineBreak: false,
      });
      this.pdf.text(text, MARGIN + indent + labelWidth, this.y, { width: valueWidth });
      this.y += height + 2;
    }
    return this;
  }

  /** A ruled table; each row as tall as its tallest cell, the header again on a new page. */
  table(columns: readonly FlowColumn[], rows: readonly (readonly string[])[]): this {
    const pdf = this.pdf;
    const cellHeight = (cells: readonly string[], font: string) => {
      pdf.font(font).fontSize(CELL.size);
      return (
        Math.max(
          ...cells.map((cell, i) =>
            pdf.heightOfString(printable(cell), { width: columns[i].width - 2 * CELL.padding }),
          ),
        ) +
        2 * CELL.padding
      );
    };
    const drawRow = (cells: readonly string[], font: string, height: number, shaded: boolean) => {
      let x = MARGIN;
      if (shaded) pdf.rect(MARGIN, this.y, CONTENT_WIDTH, height).fillColor('#e8e8e8').fill();
      pdf.fillColor('black').lineWidth(0.5);
      for (const [i, column] of columns.entries()) {
        pdf.rect(x, this.y, column.width, height).stroke();
        pdf
          .font(font)
          .fontSize(CELL.size)
          .text(printable(cells[i] ?? ''), x + CELL.padding, this.y + CELL.padding, {
            width: column.width - 2 * CELL.padding,
            align: shaded ? 'center' : (column.align ?? 'left'),
          });
        x += column.width;
      }
      this.y += height;
    };
    const titles = columns.map((c) => c.title);
    const headerHeight = cellHeight(titles, FONT.bold);
    this.y += 6;
    this.room(headerHeight + (rows[0] ? cellHeight(rows[0], FONT.regular) : 0));
    drawRow(titles, FONT.bold, headerHeight, true);
    for (const row of rows) {
      const height = cellHeight(row, FONT.regular);
      if (this.y + height > BOTTOM) {
        this.newPage();
        drawRow(titles, FONT.bold, headerHeight, true);
      }
      drawRow(row, FONT.regular, height, false);
    }
    return this;
  }

  /** The signature row, kept whole on one page. */
  signatures(signatories: readonly Signatory[]): this {
    this.room(24 + SIGNATURES_HEIGHT);
    drawSignatures(this.pdf, this.paper.facts, signatories, this.y + 24);
    this.y += 24 + SIGNATURES_HEIGHT;
    return this;
  }

  /** Numbers every page "Halaman x dari y" and ends the file. */
  async finish(): Promise<void> {
    const { start, count } = this.pdf.bufferedPageRange();
    for (let page = start; page < start + count; page++) {
      this.pdf.switchToPage(page);
      drawFooter(this.pdf, this.paper.facts, this.paper.verification, page - start + 1, count);
    }
    await this.end();
  }

  private body(): void {
    this.pdf.font(FONT.regular).fontSize(BODY.size).fillColor('black');
  }

  /** Starts a new page when `height` more does not fit on this one. */
  private room(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  private newPage(): void {
    this.addPage();
    this.pdf.font(FONT.regular).fontSize(8).fillColor('black');
    this.pdf.text(printable(this.continuation), MARGIN, MARGIN, {
      width: CONTENT_WIDTH,
      lineBreak: false,
      ellipsis: true,
    });
    this.y = MARGIN + 20;
  }
}
