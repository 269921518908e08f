import type { Writable } from 'node:stream';
import { printedNip } from '../shared/nip';
import type { KelurahanPaper, Region, Signatory } from './document';
import { hari, tanggal, terbilang } from './indonesian';
import {
  drawFooter,
  drawHeading,
  drawSignatures,
  drawVerificationBox,
  QR_SIZE,
} from './pdf/page-parts';
import { CONTENT_WIDTH, FONT, MARGIN, openPdf, printable } from './pdf/pdf-file';

/**
 * Step 6's BAST per kelurahan: the kecamatan (Pihak Pertama) hands the kelurahan (Pihak
 * Kedua) its parcels, one per person on the kelurahan's BNBA. Printed with the BNBA, signed
 * at distribution, and collected back at step 17.
 */
export interface BastInput extends KelurahanPaper {
  /** Parcels handed over: the number of persons on the kelurahan's BNBA. */
  readonly parcels: number;
  /** The BNBA the parcels are for. */
  readonly bnbaNumber: string;
  /** The kecamatan's side (the Camat) and the kelurahan's side (the Lurah). */
  readonly pihakPertama: Signatory;
  readonly pihakKedua: Signatory;
}

export const BAST_TITLE = 'BERITA ACARA SERAH TERIMA BANTUAN PAKET SEMBAKO';

export async function renderBastPdf(input: BastInput, out: Writable): Promise<void> {
  const { facts, verification } = input;
  const { pdf, addPage, finish } = openPdf(out, facts, 'BAST');
  addPage();
  const top = drawHeading(pdf, facts);
  drawVerificationBox(pdf, verification, top);
  const titleWidth = CONTENT_WIDTH - QR_SIZE - 16;
  pdf.font(FONT.bold).fontSize(12).fillColor('black');
  pdf.text('BERITA ACARA SERAH TERIMA', MARGIN, top + 4, {
    width: titleWidth,
    align: 'center',
    lineBreak: false,
  });
  pdf.fontSize(10.5).text('BANTUAN PAKET SEMBAKO', MARGIN, top + 20, {
    width: titleWidth,
    align: 'center',
    lineBreak: false,
  });
  pdf.font(FONT.regular).fontSize(10);
  pdf.text(`Nomor: ${printable(facts.number)}`, MARGIN, top + 36, {
    width: titleWidth,
    align: 'center',
    lineBreak: false,
  });

  const paragraph = { width: CONTENT_WIDTH, align: 'justify', lineGap: 3 } as const;
  const parcels = `${input.parcels} (${terbilang(input.parcels)})`;
  pdf.fontSize(10.5);
  pdf.text(
    `Pada hari ini ${hari(facts.date)}, tanggal ${tanggal(facts.date)}, yang bertanda tangan di bawah ini:`,
    MARGIN,
    top + QR_SIZE + 34,
    paragraph,
  );
  const party = (no: number, signatory: Signatory, region: Region, called: string) => {
    const y = pdf.y + 8;
    const rows: [string, string][] = [
      ['Nama', signatory.name ?? '................................................'],
      [
        'NIP',
        signatory.nip
          ? printedNip(signatory.nip)
          : '................................................',
      ],
      ['Jabatan', signatory.office],
      ['Wilayah', `${region.name} (${region.code})`],
    ];
    pdf.text(`${no}.`, MARGIN, y, { width: 16, lineBreak: false });
    for (const [index, [label, value]] of rows.entries()) {
      pdf.text(label, MARGIN + 16, y + index * 15, { width: 70, lineBreak: false });
      pdf.text(`: ${printable(value)}`, MARGIN + 86, y + index * 15, {
        width: CONTENT_WIDTH - 86,
        lineBreak: false,
        ellipsis: true,
      });
    }
    pdf.text(`selanjutnya disebut ${called}.`, MARGIN + 16, y + rows.length * 15, {
      width: CONTENT_WIDTH - 16,
    });
  };
  party(1, input.pihakPertama, input.kecamatan, 'PIHAK PERTAMA');
  party(2, input.pihakKedua, input.kelurahan, 'PIHAK KEDUA');

  const paragraphs = [
    `PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima dari PIHAK PERTAMA, ` +
      `bantuan ${input.programme} berupa paket sembako sejumlah ${parcels} paket, untuk ${parcels} ` +
      `penerima di Kelurahan ${input.kelurahan.name} sebagaimana tercantum dalam Daftar Penerima ` +
      `(BNBA) Nomor ${input.bnbaNumber}, berdasarkan Keputusan Walikota Nomor ${input.basis.skNo} ` +
      `tanggal ${tanggal(input.basis.skDate)}.`,
    `PIHAK KEDUA menyalurkan paket tersebut kepada setiap penerima yang tercantum dalam daftar, ` +
      `dan menyerahkan kembali daftar yang telah ditandatangani atau dibubuhi cap jempol penerima ` +
      `bersama Berita Acara ini.`,
    `Demikian Berita Acara Serah Terima ini dibuat dalam rangkap 2 (dua) untuk dipergunakan ` +
      `sebagaimana mestinya.`,
  ];
  for (const text of paragraphs) pdf.text(printable(text), MARGIN, pdf.y + 12, paragraph);

  const signatories = [
    { ...input.pihakKedua, heading: 'PIHAK KEDUA' },
    { ...input.pihakPertama, heading: 'PIHAK PERTAMA' },
  ];
  drawSignatures(pdf, facts, signatories, pdf.y + 24);
  drawFooter(pdf, facts, verification, 1, 1);
  await finish();
}
