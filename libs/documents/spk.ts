import type { Writable } from 'node:stream';
import type { ProgrammePaper, Signatory } from './document';
import { angka, instantOf, rupiah, tanggal, terbilang } from './indonesian';
import { renderFlow } from './pdf/streamed-flow';

/**
 * Step 7's SPK (Surat Perintah Kerja) in summary: the vendor, what one parcel holds, the
 * value of a parcel, the number of parcels (the recipients of the SK in force), the
 * contract's value and its dates. One paper for the programme.
 */
export interface SpkItem {
  readonly name: string;
  readonly quantity: number;
  readonly unit: string;
}

export interface SpkInput extends ProgrammePaper {
  readonly vendor: { readonly id: string; readonly name: string };
  readonly items: readonly SpkItem[];
  /** Rupiah per parcel. */
  readonly parcelValue: number;
  /** Parcels ordered: one per recipient of the SK in force. */
  readonly parcels: number;
  /** The SK the parcels are counted from. */
  readonly basis: { readonly skNo: string; readonly skDate: string };
  readonly startDate: string;
  readonly endDate: string;
  /** Signing for the vendor and for the Dinas (the Pejabat Pembuat Komitmen). */
  readonly vendorSignatory: Signatory;
  readonly commitmentOfficer: Signatory;
}

export const SPK_TITLE = 'SURAT PERINTAH KERJA (SPK)';

const ITEM_COLUMNS = [
  { title: 'No', width: 34, align: 'center' },
  { title: 'Jenis barang', width: 200 },
  { title: 'Per paket', width: 80, align: 'right' },
  { title: 'Satuan', width: 80, align: 'center' },
  { title: 'Seluruh paket', width: 129, align: 'right' },
] as const;

/** A quantity the Indonesian way: 2.5 → "2,5", 800000 → "800.000". */
export function kuantitas(n: number): string {
  const cents = Math.round(n * 100);
  const whole = angka(Math.floor(cents / 100));
  const fraction = String(cents % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole},${fraction}` : whole;
}

/** Calendar days from start to end, both counted. */
export function contractDays(startDate: string, endDate: string): number {
  return (instantOf(endDate).getTime() - instantOf(startDate).getTime()) / 86_400_000 + 1;
}

export function spkValue(input: Pick<SpkInput, 'parcelValue' | 'parcels'>): number {
  return input.parcelValue * input.parcels;
}

export function renderSpkPdf(input: SpkInput, out: Writable): Promise<void> {
  const { facts, verification } = input;
  const total = spkValue(input);
  const days = contractDays(input.startDate, input.endDate);
  const rows = input.items.map((item, i) => ({
    cells: [
      String(i + 1),
      item.name,
      kuantitas(item.quantity),
      item.unit,
      kuantitas(item.quantity * input.parcels),
    ],
  }));
  return renderFlow(
    out,
    facts,
    verification,
    'SPK',
    `SPK Nomor ${facts.number} (lanjutan)`,
    async (flow) => {
      flow.opening(verification, [
        { text: SPK_TITLE, bold: true, size: 12 },
        { text: 'RINGKASAN', bold: true },
        { text: `Nomor: ${facts.number}` },
      ]);
      flow.labelled([
        ['Paket pekerjaan', `Pengadaan paket sembako ${input.programme}, ${input.city}`],
        ['Penyedia', input.vendor.name],
        [
          'Dasar',
          `Keputusan Walikota Nomor ${input.basis.skNo} tanggal ${tanggal(input.basis.skDate)}`,
        ],
        ['Jumlah paket', `${angka(input.parcels)} (${terbilang(input.parcels)}) paket`],
        [
          'Nilai per paket',
          `${rupiah(input.parcelValue)} (${terbilang(input.parcelValue)} rupiah)`,
        ],
        ['Nilai SPK', `${rupiah(total)} (${terbilang(total)} rupiah)`],
        [
          'Jangka waktu',
          `${tanggal(input.startDate)} s.d. ${tanggal(input.endDate)} (${days} (${terbilang(days)}) hari kalender)`,
        ],
      ]);
      flow.y += 6;
      flow.text('Isi setiap paket dan jumlah seluruhnya:', { gapAfter: 6 });
      await flow.table({
        columns: ITEM_COLUMNS,
        rows: () => rows,
        count: rows.length,
        fontSize: 9,
      });
      flow.text(
        'Penyedia menyerahkan paket sesuai jumlah, isi dan jangka waktu di atas, diperiksa oleh ' +
          'Tim Pemeriksa sebelum diserahterimakan ke kecamatan. Ketentuan lengkap mengikuti ' +
          'dokumen SPK yang ditandatangani para pihak.',
        { align: 'justify', gapAfter: 16 },
      );
      flow.signatures([input.vendorSignatory, input.commitmentOfficer]);
    },
  );
}
