import type { Writable } from 'node:stream';
import type { Region, Signatory } from './document';
import { tanggal } from './indonesian';
import { opening, skReference, type KecamatanPaper } from './kecamatan-paper';
import { FlowingPdf } from './pdf/flow';

/**
 * Step 16's Berita Acara hasil Monitoring dan Evaluasi of one kecamatan: the assessment (on
 * time, on target, useful), every complaint with where it arose, what it was about, who
 * brought it and its follow-up, the problems met in the field, and when Tim Pembina was told.
 */
export interface MonevComplaint {
  readonly complaintId: string;
  /** Absent on complaints recorded before the document facts existed. */
  readonly kelurahan: Region | null;
  readonly kind: string | null;
  readonly source: string | null;
  readonly description: string | null;
  readonly needsAction: boolean;
  readonly followUp: string | null;
}

export interface BaMonevInput extends KecamatanPaper {
  /** The monev report's own number, as Tim Monev gave it. */
  readonly reportNo: string;
  readonly assessment: {
    readonly onTime: boolean;
    readonly onTarget: boolean;
    readonly useful: boolean;
  } | null;
  readonly complaints: readonly MonevComplaint[];
  readonly fieldProblems: string | null;
  readonly reportedToTimPembinaOn: string | null;
  /** Tim Monev and Mengetahui Kepala Dinas. */
  readonly signatories: readonly Signatory[];
}

export const BA_MONEV_TITLE = 'BERITA ACARA HASIL MONITORING DAN EVALUASI';

/** How the BA Monev names a complaint's kind and source (the command's values). */
export const COMPLAINT_KIND_LABELS: Readonly<Record<string, string>> = {
  tidak_menerima: 'Tidak menerima bantuan',
  kualitas_barang: 'Kualitas barang',
  jumlah_kurang: 'Jumlah kurang',
  salah_sasaran: 'Salah sasaran',
  jadwal: 'Jadwal',
  lainnya: 'Lainnya',
};
export const COMPLAINT_SOURCE_LABELS: Readonly<Record<string, string>> = {
  warga: 'Warga',
  rt_rw: 'RT/RW',
  kelurahan: 'Kelurahan',
  kecamatan: 'Kecamatan',
  media: 'Media',
  lainnya: 'Lainnya',
};

const label = (labels: Readonly<Record<string, string>>, value: string | null) =>
  value === null ? '-' : (labels[value] ?? value);

function followUpOf(complaint: MonevComplaint): string {
  if (complaint.followUp) return complaint.followUp;
  return complaint.needsAction ? 'Belum ditindaklanjuti' : 'Tidak memerlukan tindak lanjut';
}

export async function renderBaMonevPdf(input: BaMonevInput, out: Writable): Promise<void> {
  const flow = FlowingPdf.open(out, input, 'BA Monev', [
    BA_MONEV_TITLE,
    'PENYALURAN BANTUAN PAKET SEMBAKO',
  ]);
  const yesNo = (value: boolean | undefined) =>
    value === undefined ? '-' : value ? 'Ya' : 'Tidak';
  flow
    .paragraph(
      opening(
        input.facts.date,
        `Tim Monitoring dan Evaluasi telah melaksanakan monitoring dan evaluasi penyaluran ` +
          `bantuan ${input.programme} di Kecamatan ${input.kecamatan.name} ` +
          `(${input.kecamatan.code}) bagi penerima yang ditetapkan dengan ` +
          `${skReference(input.basis)}, dengan hasil sebagai berikut.`,
      ),
    )
    .fields([['Nomor laporan', input.reportNo]], 0)
    .section('A. Penilaian')
    .table(
      [
        { title: 'Aspek', width: 360 },
        { title: 'Hasil', width: 163.28, align: 'center' },
      ],
      [
        ['Tepat waktu', yesNo(input.assessment?.onTime)],
        ['Tepat sasaran', yesNo(input.assessment?.onTarget)],
        ['Bermanfaat bagi penerima', yesNo(input.assessment?.useful)],
      ],
    )
    .section(`B. Pengaduan (${input.complaints.length})`);
  if (input.complaints.length === 0) {
    flow.paragraph('Tidak ada pengaduan.', 0);
  } else {
    flow.table(
      [
        { title: 'No', width: 22, align: 'center' },
        { title: 'Kode', width: 62 },
        { title: 'Kelurahan', width: 66 },
        { title: 'Jenis', width: 74 },
        { title: 'Sumber', width: 44 },
        { title: 'Uraian', width: 125.28 },
        { title: 'Tindak lanjut', width: 130 },
      ],
      input.complaints.map((complaint, index) => [
        String(index + 1),
        complaint.complaintId,
        complaint.kelurahan ? complaint.kelurahan.name : '-',
        label(COMPLAINT_KIND_LABELS, complaint.kind),
        label(COMPLAINT_SOURCE_LABELS, complaint.source),
        complaint.description ?? '-',
        followUpOf(complaint),
      ]),
    );
  }
  flow
    .section('C. Permasalahan di lapangan')
    .paragraph(input.fieldProblems ?? 'Tidak ada permasalahan yang dicatat.', 0)
    .section('D. Pelaporan')
    .paragraph(
      input.reportedToTimPembinaOn
        ? `Hasil monitoring dan evaluasi ini telah dilaporkan kepada Tim Pembina pada tanggal ` +
            `${tanggal(input.reportedToTimPembinaOn)}.`
        : 'Tanggal pelaporan kepada Tim Pembina: ................................',
      0,
    )
    .paragraph(
      'Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
      12,
    )
    .signatures(input.signatories);
  await flow.finish();
}
