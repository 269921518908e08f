import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { DocumentFacts } from '../document';
import { instantOf } from '../indonesian';

export type Pdf = PDFKit.PDFDocument;

/** A4 in points, and the margin every page keeps. */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = 36;
export const CONTENT_WIDTH = A4.width - 2 * MARGIN;

/** The standard fonts: never embedded, so nothing about a font file reaches the bytes. */
export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;

/** pdfkit's standard font object, as far as the kerning switch below needs it. */
interface StandardFontHandle {
  font: { getKernPair: (left: string, right: string) => number };
}

/**
 * Turns kerning off for the regular font of this document: pdfkit looks up a kerning pair
 * for every two letters with a string key, the hottest path of a long list (a third of a
 * BNBA's time), and table cells read as well without it. Titles (bold) keep theirs.
 */
function withoutKerning(pdf: Pdf): void {
  pdf.font(FONT.regular);
  (pdf as unknown as { _font: StandardFontHandle })._font.font.getKernPair = () => 0;
}

/**
 * Opens a PDF written to `out`. Deterministic: the creation and modification dates are the
 * document's own date, and pdfkit derives the file /ID from these fields alone, so the same
 * facts give the same bytes. Pages are added by the caller (each with no margins: every
 * position is the layout's own, and text never flows onto a page pdfkit adds by itself).
 */
export function openPdf(
  out: Writable,
  facts: DocumentFacts,
  title: string,
  /** Keep pages open until finish, so a paper whose length is known only at its end can
   * still print "Halaman x dari y" on each (pdfkit writes them out when it ends). */
  options: { bufferPages?: boolean } = {},
): { pdf: Pdf; addPage: () => void; finish: () => Promise<void> } {
  const stamped = instantOf(facts.date);
  const pdf = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: options.bufferPages ?? false,
    compress: true,
    lang: 'id-ID',
    info: {
      Title: `${title} ${facts.number}`,
      Author: `${facts.issuer.government} - ${facts.issuer.agency}`,
      Creator: 'Salur',
      Producer: 'Salur (pdfkit)',
      CreationDate: stamped,
      ModDate: stamped,
    },
  });
  const done = finished(out);
  pdf.pipe(out);
  let fontsReady = false;
  return {
    pdf,
    addPage: () => {
      pdf.addPage({ size: 'A4', margin: 0 });
      if (!fontsReady) withoutKerning(pdf);
      fontsReady = true;
    },
    finish: async () => {
      pdf.end();
      await done;
    },
  };
}

/**
 * Text the standard fonts can draw (WinAnsi): accents folded (É → E), anything else shown
 * as '?'. Names in Sidaksos are plain Latin letters; this keeps a stray character from
 * turning into garbage on paper.
 */
export function printable(text: string | null | undefined): string {
  if (text == null) return '';
  if (PLAIN.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\x20-\x7e]/g, (c) => (/\s/.test(c) ? ' ' : '?'));
}

const PLAIN = /^[\x20-\x7e]*$/;

/** Gives the event loop a turn (heartbeats, other requests) between pages of a long document. */
export const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
