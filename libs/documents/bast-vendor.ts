import type { Writable } from 'node:stream';
import type { Signatory } from './document';
import { tanggal, terbilang } from './indonesian';
import { opening, skReference, type KecamatanPaper } from './kecamatan-paper';
import { FlowingPdf } from './pdf/flow';

/**
 * Step 14's Berita Acara Serah Terima from the vendor to the kecamatan: one paper per
 * delivery, for the parcels that delivery brought, on the schedule the kecamatan agreed to.
 * The vendor is PIHAK PERTAMA, the Camat PIHAK KEDUA.
 */
export interface BastVendorInput extends KecamatanPaper {
  /** 1 for the first delivery, 2 for the one that brought the rest, ... */
  readonly deliveryNo: number;
  /** Parcels this delivery brought. */
  readonly parcels: number;
  /** Parcels received so far, this delivery included, and how many were handed over for it. */
  readonly deliveredToDate: number;
  readonly expected: number;
  readonly spkNo: string | null;
  /** The delivery date in force and who agreed to it for the kecamatan (none on old records). */
  readonly schedule: {
    readonly date: string | null;
    readonly rescheduled: boolean;
    readonly agreedBy: { readonly name: string; readonly nip?: string } | null;
  };
  /** How a short delivery was resolved, when this delivery resolved one. */
  readonly resolution: string | null;
  readonly pihakPertama: Signatory;
  readonly pihakKedua: Signatory;
}

export const BAST_VENDOR_TITLE = 'BERITA ACARA SERAH TERIMA BARANG';

const count = (n: number) => `${n} (${terbilang(n)}) paket`;

export async function renderBastVendorPdf(input: BastVendorInput, out: Writable): Promise<void> {
  const flow = FlowingPdf.open(out, input, 'BAST Penyedia', [
    BAST_VENDOR_TITLE,
    'DARI PENYEDIA KEPADA KECAMATAN',
  ]);
  // A civil servant signs with an NIP (a line to fill when unknown); the vendor has none.
  const party = (no: number, signatory: Signatory, called: string, official: boolean) =>
    flow
      .paragraph(`${no}. ${signatory.office}`, 6)
      .fields([['Nama', signatory.name], ...(official ? [['NIP', signatory.nip] as const] : [])])
      .paragraph(`selanjutnya disebut ${called}.`, 2);
  const { schedule } = input;
  const agreed = schedule.agreedBy
    ? `${schedule.agreedBy.name}${schedule.agreedBy.nip ? `, NIP. ${schedule.agreedBy.nip}` : ''}`
    : null;
  const remaining = input.expected - input.deliveredToDate;

  flow.paragraph(opening(input.facts.date, 'yang bertanda tangan di bawah ini:'));
  party(1, input.pihakPertama, 'PIHAK PERTAMA', false);
  party(2, input.pihakKedua, 'PIHAK KEDUA', true);
  flow
    .paragraph(
      `PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima dari PIHAK ` +
        `PERTAMA, bantuan ${input.programme} berupa paket sembako sejumlah ${count(input.parcels)} ` +
        `sebagai pengiriman ke-${input.deliveryNo} untuk Kecamatan ${input.kecamatan.name} ` +
        `(${input.kecamatan.code}), bagi penerima yang ditetapkan dengan ${skReference(input.basis)}.`,
      12,
    )
    .fields(
      [
        ['Surat Perintah Kerja', input.spkNo],
        [
          schedule.rescheduled ? 'Jadwal (diubah)' : 'Jadwal pengiriman',
          schedule.date ? tanggal(schedule.date) : null,
        ],
        ['Disetujui kecamatan', agreed],
        ['Pengiriman ini', count(input.parcels)],
        ['Diterima s.d. ini', `${count(input.deliveredToDate)} dari ${count(input.expected)}`],
        ['Kekurangan', remaining > 0 ? count(remaining) : 'tidak ada'],
        ...(input.resolution ? [['Penyelesaian', input.resolution] as const] : []),
      ],
      0,
    )
    .paragraph(
      'PIHAK KEDUA menyimpan paket tersebut dan menyerahkannya kepada kelurahan sesuai Berita ' +
        'Acara Serah Terima dan Daftar Penerima (BNBA) masing-masing kelurahan.',
      12,
    )
    .paragraph(
      'Demikian Berita Acara Serah Terima ini dibuat dalam rangkap 2 (dua) untuk dipergunakan ' +
        'sebagaimana mestinya.',
    )
    .signatures([
      { ...input.pihakKedua, heading: 'PIHAK KEDUA' },
      { ...input.pihakPertama, heading: 'PIHAK PERTAMA' },
    ]);
  await flow.finish();
}
