import { Writable } from 'node:stream';
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
import { CONTENT_WIDTH, FONT, MARGIN, openPdf, printable, yieldTurn, type Pdf } from './pdf-file';

export interface TableColumn {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'center' | 'right';
}

/** A table row: its cells as printed, bold for a subtotal or total line. */
export interface TableRow {
  readonly cells: readonly string[];
  readonly bold?: boolean;
}

export interface TableOptions {
  readonly columns: readonly TableColumn[];
  /** Called once per pass; a long list streams through, never held. */
  readonly rows: () => AsyncIterable<TableRow> | Iterable<TableRow>;
  /** The number of rows `rows` gives: the page count is known before any row is read. */
  readonly count: number;
  readonly rowHeight?: number;
  readonly fontSize?: number;
}

export interface TitleLine {
  readonly text: string;
  readonly bold?: boolean;
  readonly size?: number;
}

export interface TextOptions {
  readonly size?: number;
  readonly bold?: boolean;
  readonly align?: 'left' | 'center' | 'right' | 'justify';
  readonly indent?: number;
  readonly gapAfter?: number;
}

/** What one document draws, top to bottom, on a flow (run twice: see renderFlow). */
export type Layout = (flow: Flow) => Promise<void>;

const BOTTOM = FOOTER_TOP - 8;
const HEADER_HEIGHT = 18;
const CONTINUED_TOP = MARGIN + 16;

/**
 * For long papers (an SK's lampiran of tens of thousands of persons): pages are streamed, not
 * kept, and "dari y" comes from a first, counting pass. (flow.ts keeps a short paper's pages
 * in memory and numbers them at the end instead.)
 *
 * A document written top to bottom: paragraphs, tables and signatures go onto a new page
 * when the page is full. `counting` is the first pass of renderFlow: text is measured on a
 * scratch PDF and tables are counted, not drawn, so the real pass knows "dari y".
 */
export class Flow {
  page = 0;
  y = 0;

  constructor(
    readonly pdf: Pdf,
    readonly facts: DocumentFacts,
    private readonly addPage: () => void,
    /** The line on top of every page after the first ("... (lanjutan)"). */
    private readonly continued: string,
    private readonly footer: (page: number) => void,
    readonly counting: boolean,
  ) {}

  /** Ends the page (its footer) and starts the next; the first page starts at the margin. */
  newPage(): void {
    if (this.page > 0) this.footer(this.page);
    this.addPage();
    this.page++;
    this.y = MARGIN;
    if (this.page > 1) {
      this.pdf.font(FONT.regular).fontSize(8).fillColor('black');
      this.pdf.text(printable(this.continued), MARGIN, MARGIN, {
        width: CONTENT_WIDTH,
        lineBreak: false,
        ellipsis: true,
      });
      this.y = CONTINUED_TOP;
    }
  }

  /**
   * The first page's top: the heading (kop), the verification box on the right and the
   * title lines centred beside it.
   */
  opening(verification: Verification, lines: readonly TitleLine[]): void {
    this.newPage();
    const top = drawHeading(this.pdf, this.facts);
    drawVerificationBox(this.pdf, verification, top);
    const width = CONTENT_WIDTH - QR_SIZE - 16;
    let y = top + 2;
    for (const line of lines) {
      const size = line.size ?? 10;
      this.pdf
        .font(line.bold ? FONT.bold : FONT.regular)
        .fontSize(size)
        .fillColor('black');
      const printed = printable(line.text);
      const height = this.pdf.heightOfString(printed, { width, align: 'center' });
      this.pdf.text(printed, MARGIN, y, { width, align: 'center' });
      y += height + 2;
    }
    this.y = Math.max(y, top + QR_SIZE + 18) + 8;
  }

  /** Room for `height` more points, on a new page if this one has not got it. */
  need(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  text(text: string, options: TextOptions = {}): void {
    const indent = options.indent ?? 0;
    const layout = {
      width: CONTENT_WIDTH - indent,
      align: options.align ?? 'left',
      lineGap: 2,
    } as const;
    const printed = printable(text);
    this.pdf
      .font(options.bold ? FONT.bold : FONT.regular)
      .fontSize(options.size ?? 10)
      .fillColor('black');
    const height = this.pdf.heightOfString(printed, layout);
    this.need(height);
    this.pdf.text(printed, MARGIN + indent, this.y, layout);
    this.y += height + (options.gapAfter ?? 4);
  }

  /** Label and value lines ("Nomor : ..."), the values wrapping beside their labels. */
  labelled(lines: readonly (readonly [string, string])[], labelWidth = 110, size = 10): void {
    for (const [label, value] of lines) {
      const layout = { width: CONTENT_WIDTH - labelWidth - 8, lineGap: 2 } as const;
      this.pdf.font(FONT.regular).fontSize(size).fillColor('black');
      const printed = printable(value);
      const height = this.pdf.heightOfString(printed, layout);
      this.need(height);
      this.pdf.text(printable(label), MARGIN, this.y, { width: labelWidth, lineBreak: false });
      this.pdf.text(':', MARGIN + labelWidth, this.y, { lineBreak: false });
      this.pdf.text(printed, MARGIN + labelWidth + 8, this.y, layout);
      this.y += height + 3;
    }
  }

  /**
   * A table under the current position, its header repeated on every page it runs onto.
   * Cells hold one line (cut with an ellipsis when too long), so every row is as high as
   * the next and a long list's pages are counted without reading it.
   */
  async table(options: TableOptions): Promise<void> {
    const rowHeight = options.rowHeight ?? 16;
    const size = options.fontSize ?? 8;
    let segmentTop = 0;
    let onPage = 0;
    const startSegment = () => {
      this.need(HEADER_HEIGHT + rowHeight);
      segmentTop = this.y;
      onPage = 0;
      if (!this.counting) drawHeader(this.pdf, options.columns, segmentTop);
      this.y += HEADER_HEIGHT;
    };
    const endSegment = () => {
      if (!this.counting) drawGrid(this.pdf, options.columns, segmentTop, onPage, rowHeight);
    };
    const nextRow = async () => {
      if (this.y + rowHeight > BOTTOM) {
        endSegment();
        this.newPage();
        if (!this.counting) await yieldTurn();
        startSegment();
      }
    };
    startSegment();
    if (this.counting) {
      for (let i = 0; i < options.count; i++) {
        await nextRow();
        this.y += rowHeight;
        onPage++;
      }
      this.y += 6;
      return;
    }
    let written = 0;
    for await (const row of options.rows()) {
      if (++written > options.count) {
        throw new RangeError(`table rows: more than the ${options.count} announced`);
      }
      await nextRow();
      drawCells(this.pdf, options.columns, row, this.y, rowHeight, size);
      this.y += rowHeight;
      onPage++;
    }
    if (written !== options.count) {
      throw new RangeError(`table rows: ${written} given, ${options.count} announced`);
    }
    endSegment();
    this.y += 6;
  }

  /** The signature row, kept whole on one page. */
  signatures(signatories: readonly Signatory[]): void {
    this.need(SIGNATURES_HEIGHT);
    if (!this.counting) drawSignatures(this.pdf, this.facts, signatories, this.y);
    this.y += SIGNATURES_HEIGHT;
  }

  /** Closes the last page with its footer. */
  end(): void {
    this.footer(this.page);
  }
}

/**
 * Renders a layout in two passes: the first on a scratch PDF, only to count the pages, the
 * second for real, each page footed "Halaman x dari y". The same facts give the same bytes.
 */
export async function renderFlow(
  out: Writable,
  facts: DocumentFacts,
  verification: Verification,
  title: string,
  continued: string,
  layout: Layout,
): Promise<void> {
  const scratch = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  const counted = openPdf(scratch, facts, title);
  const counter = new Flow(counted.pdf, facts, counted.addPage, continued, () => {}, true);
  await layout(counter);
  await counted.finish();
  const pages = counter.page;

  const { pdf, addPage, finish } = openPdf(out, facts, title);
  const flow = new Flow(
    pdf,
    facts,
    addPage,
    continued,
    (page) => drawFooter(pdf, facts, verification, page, pages),
    false,
  );
  await layout(flow);
  flow.end();
  if (flow.page !== pages) throw new Error(`layout: ${flow.page} pages drawn, ${pages} counted`);
  await finish();
}

function drawHeader(pdf: Pdf, columns: readonly TableColumn[], top: number): void {
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  pdf.rect(MARGIN, top, width, HEADER_HEIGHT).fillColor('#e8e8e8').fill();
  pdf.font(FONT.bold).fontSize(7.5).fillColor('black');
  let x = MARGIN;
  for (const column of columns) {
    pdf.text(column.title, x + 2, top + 6, {
      width: column.width - 4,
      align: 'center',
      lineBreak: false,
      ellipsis: true,
    });
    x += column.width;
  }
}

function drawGrid(
  pdf: Pdf,
  columns: readonly TableColumn[],
  top: number,
  rows: number,
  rowHeight: number,
): void {
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const bottom = top + HEADER_HEIGHT + rows * rowHeight;
  pdf.lineWidth(0.5).strokeColor('black');
  pdf.moveTo(MARGIN, top).lineTo(MARGIN + width, top);
  for (let i = 0; i <= rows; i++) {
    const y = top + HEADER_HEIGHT + i * rowHeight;
    pdf.moveTo(MARGIN, y).lineTo(MARGIN + width, y);
  }
  let x = MARGIN;
  pdf.moveTo(x, top).lineTo(x, bottom);
  for (const column of columns) {
    x += column.width;
    pdf.moveTo(x, top).lineTo(x, bottom);
  }
  pdf.stroke();
}

const charWidths = new Map<string, Map<string, number>>();

/** The width of `text` from each character's own width, kept once per font and size. */
function widthOf(pdf: Pdf, font: string, size: number, text: string): number {
  const key = `${font}/${size}`;
  let widths = charWidths.get(key);
  if (!widths) charWidths.set(key, (widths = new Map<string, number>()));
  let width = 0;
  for (const char of text) {
    let w = widths.get(char);
    if (w === undefined) {
      w = pdf.widthOfString(char);
      widths.set(char, w);
    }
    width += w;
  }
  return width;
}

function drawCells(
  pdf: Pdf,
  columns: readonly TableColumn[],
  row: TableRow,
  y: number,
  rowHeight: number,
  size: number,
): void {
  const font = row.bold ? FONT.bold : FONT.regular;
  pdf.font(font).fontSize(size).fillColor('black');
  const baseline = y + (rowHeight - size) / 2;
  let x = MARGIN;
  for (const [index, column] of columns.entries()) {
    const text = printable(row.cells[index] ?? '');
    const width = column.width - 6;
    // Placed by hand when it fits (pdfkit's line wrapper is the costly part of a long list).
    const fits = widthOf(pdf, font, size, text);
    if (fits <= width) {
      const align = column.align ?? 'left';
      const indent = align === 'center' ? (width - fits) / 2 : align === 'right' ? width - fits : 0;
      pdf.text(text, x + 3 + indent, baseline, { lineBreak: false });
    } else {
      pdf.text(text, x + 3, baseline, { width, lineBreak: false, ellipsis: true });
    }
    x += column.width;
  }
}
