import type { Writable } from 'node:stream';
import type { Signatory } from './document';
import { tanggal, terbilang } from './indonesian';
import { opening, skReference, type KecamatanPaper } from './kecamatan-paper';
import { FlowingPdf } from './pdf/flow';

/**
 * Step 11's Berita Acara Pemeriksaan barang: the parcels the vendor presented, counted, and
 * found fit or not, round by round. One paper per allocation, a new version at each
 * inspection listing every round so far: the inspectors sign the version of the day, and the
 * one that passes shows why parcels were replaced (earlier versions stay verifiable, marked
 * superseded).
 */
export interface InspectionRound {
  readonly inspectionId: string;
  /** The day it was recorded, YYYY-MM-DD. */
  readonly date: string;
  /** Parcels the vendor presented this round (the whole order, then the replacements). */
  readonly presented: number;
  readonly counted: number;
  readonly passed: number;
  readonly reason: string | null;
}

export interface BaPemeriksaanInput extends KecamatanPaper {
  /** Parcels ordered for the kecamatan under the SPK. */
  readonly ordered: number;
  readonly spkNo: string | null;
  /** The vendor (Penyedia), by name when the SPK gave it. */
  readonly vendorName: string | null;
  readonly rounds: readonly InspectionRound[];
  /** Tim Pemeriksa, the vendor, and Mengetahui PPK / Kepala Dinas. */
  readonly signatories: readonly Signatory[];
}

export const BA_PEMERIKSAAN_TITLE = 'BERITA ACARA PEMERIKSAAN BARANG';

const count = (n: number) => `${n} (${terbilang(n)}) paket`;
const failedIn = (round: InspectionRound) => round.presented - round.passed;

export async function renderBaPemeriksaanPdf(
  input: BaPemeriksaanInput,
  out: Writable,
): Promise<void> {
  const flow = FlowingPdf.open(out, input, 'BA Pemeriksaan', [
    BA_PEMERIKSAAN_TITLE,
    'BANTUAN PAKET SEMBAKO',
  ]);
  const passed = input.rounds.reduce((sum, round) => sum + round.passed, 0);
  const last = input.rounds[input.rounds.length - 1];
  flow
    .paragraph(
      opening(
        input.facts.date,
        `Tim Pemeriksa Barang telah melakukan pemeriksaan atas paket sembako bantuan ` +
          `${input.programme} untuk Kecamatan ${input.kecamatan.name} (${input.kecamatan.code}), ` +
          `disaksikan oleh Penyedia, dengan hasil sebagai berikut.`,
      ),
    )
    .fields(
      [
        ['Penyedia', input.vendorName],
        ['Surat Perintah Kerja', input.spkNo],
        ['Dasar penerima', skReference(input.basis)],
        ['Jumlah dipesan', count(input.ordered)],
      ],
      0,
    )
    .section('Hasil pemeriksaan')
    .table(
      [
        { title: 'Ke-', width: 24, align: 'center' },
        { title: 'Tanggal', width: 80, align: 'center' },
        { title: 'Kode pemeriksaan', width: 78 },
        { title: 'Diajukan', width: 48, align: 'right' },
        { title: 'Dihitung', width: 48, align: 'right' },
        { title: 'Lolos', width: 42, align: 'right' },
        { title: 'Tidak lolos', width: 46, align: 'right' },
        { title: 'Keterangan', width: 157.28 },
      ],
      input.rounds.map((round, index) => [
        String(index + 1),
        tanggal(round.date),
        round.inspectionId,
        String(round.presented),
        String(round.counted),
        String(round.passed),
        String(failedIn(round)),
        failedIn(round) === 0 ? 'Memenuhi syarat' : `Tidak memenuhi syarat: ${round.reason ?? '-'}`,
      ]),
    )
    .paragraph(
      `Sampai dengan pemeriksaan ke-${input.rounds.length}, barang yang memenuhi syarat ` +
        `berjumlah ${count(passed)} dari ${count(input.ordered)} yang dipesan.`,
      12,
    )
    .paragraph(
      failedIn(last) === 0
        ? 'Seluruh barang memenuhi syarat dan dapat diserahterimakan untuk dikirim ke kecamatan.'
        : `Sebanyak ${count(failedIn(last))} tidak memenuhi syarat dan dikembalikan kepada ` +
            `Penyedia untuk diganti atau dilengkapi, kemudian diperiksa kembali.`,
    )
    .paragraph(
      'Demikian Berita Acara Pemeriksaan ini dibuat dengan sebenarnya untuk dipergunakan ' +
        'sebagaimana mestinya.',
    )
    .signatures(input.signatories);
  await flow.finish();
}
