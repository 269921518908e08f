import type { Writable } from 'node:stream';
import type { ProgrammePaper, Region, Signatory } from './document';
import { angka, terbilang } from './indonesian';
import { renderFlow } from './pdf/streamed-flow';

/**
 * Step 1's Surat Edaran: the Kepala Dinas tells every Camat the programme's quota, one line
 * per kecamatan, with the total in figures and words. One paper for the programme.
 */
export interface SuratEdaranInput extends ProgrammePaper {
  /** Every kecamatan of the programme with its quota (KPM), in code order. */
  readonly quotas: readonly { readonly kecamatan: Region; readonly quota: number }[];
  /** The Kepala Dinas: office always, name and NIP when known. */
  readonly signatory: Signatory;
}

export const SURAT_EDARAN_TITLE = 'SURAT EDARAN';

const COLUMNS = [
  { title: 'No', width: 34, align: 'center' },
  { title: 'Kode', width: 90, align: 'center' },
  { title: 'Kecamatan', width: 250 },
  { title: 'Kuota (KPM)', width: 149, align: 'right' },
] as const;

export function quotaTotal(input: Pick<SuratEdaranInput, 'quotas'>): number {
  return input.quotas.reduce((sum, q) => sum + q.quota, 0);
}

export function renderSuratEdaranPdf(input: SuratEdaranInput, out: Writable): Promise<void> {
  const { facts, verification } = input;
  const total = quotaTotal(input);
  const rows = [
    ...input.quotas.map((q, i) => ({
      cells: [String(i + 1), q.kecamatan.code, q.kecamatan.name, angka(q.quota)],
    })),
    { cells: ['', '', 'Jumlah', angka(total)], bold: true },
  ];
  return renderFlow(
    out,
    facts,
    verification,
    'Surat Edaran',
    `Surat Edaran Nomor ${facts.number} (lanjutan)`,
    async (flow) => {
      flow.opening(verification, [
        { text: SURAT_EDARAN_TITLE, bold: true, size: 12 },
        { text: `Nomor: ${facts.number}` },
        { text: 'TENTANG', bold: true },
        { text: `KUOTA PENERIMA BANTUAN ${input.programme.toUpperCase()}`, bold: true },
      ]);
      flow.text(`Yth. Camat se-${input.city}`, { gapAfter: 0 });
      flow.text('di tempat', { gapAfter: 10 });
      flow.text(
        `Dalam rangka pelaksanaan ${input.programme}, bersama ini disampaikan kuota penerima ` +
          `bantuan (Keluarga Penerima Manfaat, KPM) untuk setiap kecamatan sebagai berikut:`,
        { align: 'justify', gapAfter: 8 },
      );
      await flow.table({ columns: COLUMNS, rows: () => rows, count: rows.length, fontSize: 9 });
      flow.text(
        `Jumlah kuota seluruhnya ${angka(total)} (${terbilang(total)}) KPM di ` +
          `${input.quotas.length} (${terbilang(input.quotas.length)}) kecamatan.`,
        { gapAfter: 8 },
      );
      flow.text(
        'Camat diminta menyampaikan surat permohonan bantuan dan mengusulkan calon penerima ' +
          'melalui Sidaksos paling banyak sejumlah kuota kecamatannya, untuk diverifikasi dan ' +
          'divalidasi oleh Dinas Sosial.',
        { align: 'justify', gapAfter: 8 },
      );
      flow.text('Demikian Surat Edaran ini untuk dilaksanakan sebagaimana mestinya.', {
        gapAfter: 16,
      });
      flow.signatures([input.signatory]);
    },
  );
}
