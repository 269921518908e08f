import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { samplePerson } from '@salur/libs/documents/documents.testing';

/**
 * The baseline of the documents benchmark: pdfkit alone writing the same pages as step 6
 * (per kelurahan a BNBA of `persons` rows, 27 to a page, with its heading, grid and
 * "Halaman x dari y", and a one-page BAST), rows made in memory. No database, no masking or
 * fitting of text, no hashing, no XLSX, no registry. Returns the rows written.
 */
export async function bareLibraryPapers(
  dir: string,
  kelurahan: number,
  persons: number,
): Promise<number> {
  const widths = [28, 92, 132, 150, 41, 80];
  for (let k = 0; k < kelurahan; k++) {
    const pages = Math.ceil(persons / 27);
    const pdf = new PDFDocument({ size: 'A4', autoFirstPage: false });
    const out = createWriteStream(join(dir, `bnba-${k}.pdf`));
    const done = finished(out);
    pdf.pipe(out);
    for (let page = 0; page < pages; page++) {
      pdf.addPage({ size: 'A4', margin: 0 });
      pdf.font('Helvetica-Bold').fontSize(11).text('PEMERINTAH KOTA SEMARANG', 36, 36);
      pdf.font('Helvetica').fontSize(8);
      const first = page * 27;
      const last = Math.min(persons, first + 27);
      for (let i = first; i < last; i++) {
        const y = 80 + (i - first) * 26;
        const p = samplePerson(i);
        const cells = [String(i + 1), `************${p.nik.slice(-4)}`, p.name, p.address, p.rtRw];
        let x = 36;
        for (const [c, text] of cells.entries()) {
          pdf.text(text ?? '', x + 3, y + 9, { width: widths[c] - 6, lineBreak: false });
          x += widths[c];
        }
        pdf.moveTo(36, y).lineTo(559, y);
      }
      pdf.stroke();
      pdf.text(`Halaman ${page + 1} dari ${pages}`, 469, 798, { width: 90, lineBreak: false });
    }
    pdf.end();
    await done;
    const bast = new PDFDocument({ size: 'A4' });
    const bastOut = createWriteStream(join(dir, `bast-${k}.pdf`));
    const bastDone = finished(bastOut);
    bast.pipe(bastOut);
    bast.font('Helvetica-Bold').fontSize(12).text('BERITA ACARA SERAH TERIMA');
    bast.font('Helvetica').fontSize(10.5);
    for (let i = 0; i < 6; i++)
      bast.text('PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA '.repeat(6));
    bast.end();
    await bastDone;
  }
  return kelurahan * persons;
}
