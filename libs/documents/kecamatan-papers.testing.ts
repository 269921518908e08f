import type { BaMonevInput } from './ba-monev';
import type { BaPemeriksaanInput } from './ba-pemeriksaan';
import type { BastVendorInput } from './bast-vendor';
import { samplePaper as sampleKelurahanPaper } from './documents.testing';
import type { KecamatanPaper } from './kecamatan-paper';

/** Kecamatan Semarang Tengah's field papers (steps 11, 14, 16) for specs: made-up facts. */

/** A step-6 paper's common part without its kelurahan: what a kecamatan paper shares. */
function samplePaper(number: string, code: string): KecamatanPaper {
  const { facts, verification, programme, basis, kecamatan } = sampleKelurahanPaper(number, code);
  return { facts, verification, programme, basis, kecamatan };
}

const VENDOR = 'CV Sumber Pangan Sejahtera';

export function sampleBaPemeriksaan(
  overrides: Partial<BaPemeriksaanInput> = {},
): BaPemeriksaanInput {
  return {
    ...samplePaper('BAPB/33.74.01/JPS-2021', 'PB7K2-QX4MA'),
    ordered: 1250,
    spkNo: '027/SPK/2021',
    vendorName: VENDOR,
    rounds: [
      {
        inspectionId: 'BA-PB-01',
        date: '2021-07-18',
        presented: 1250,
        counted: 1250,
        passed: 1238,
        reason: 'Beras dalam 12 paket berkutu',
      },
      {
        inspectionId: 'BA-PB-02',
        date: '2021-07-20',
        presented: 12,
        counted: 12,
        passed: 12,
        reason: null,
      },
    ],
    signatories: [
      { heading: 'Mengetahui,', office: 'PPK / Kepala Dinas Sosial' },
      { heading: 'PENYEDIA', office: VENDOR },
      { heading: 'TIM PEMERIKSA', office: 'Ketua Tim Pemeriksa Barang' },
    ],
    ...overrides,
  };
}

export function sampleBastVendor(overrides: Partial<BastVendorInput> = {}): BastVendorInput {
  return {
    ...samplePaper('BAST-P/33.74.01/2/JPS-2021', 'BV3M8-2HX5C'),
    deliveryNo: 2,
    parcels: 50,
    deliveredToDate: 1250,
    expected: 1250,
    spkNo: '027/SPK/2021',
    schedule: {
      date: '2021-07-20',
      rescheduled: true,
      agreedBy: { name: 'Sri Wahyuni, S.Sos', nip: '197305112000032004' },
    },
    resolution: 'Kekurangan 50 paket dikirim susulan',
    pihakPertama: { office: `Penyedia, ${VENDOR}` },
    pihakKedua: {
      office: 'Camat Semarang Tengah',
      name: 'Drs. Bambang Suranggono, M.Si',
      nip: '196805121994031007',
    },
    ...overrides,
  };
}

export function sampleBaMonev(overrides: Partial<BaMonevInput> = {}): BaMonevInput {
  return {
    ...samplePaper('BA-MONEV/33.74.01/JPS-2021', 'MV9Q4-7KD2P'),
    reportNo: 'MONEV/33.74.01/2021',
    assessment: { onTime: true, onTarget: false, useful: true },
    complaints: [
      {
        complaintId: 'ADU-1',
        kelurahan: { code: '33.74.01.1001', name: 'Miroto' },
        kind: 'kualitas_barang',
        source: 'warga',
        description: 'Beras dalam dua paket berkutu',
        needsAction: true,
        followUp: 'Beras diganti oleh penyedia pada 25 Juli 2021',
      },
      {
        complaintId: 'ADU-2',
        kelurahan: { code: '33.74.01.1002', name: 'Brumbungan' },
        kind: 'salah_sasaran',
        source: 'rt_rw',
        description: 'Penerima sudah pindah domisili',
        needsAction: false,
        followUp: null,
      },
    ],
    fieldProblems: 'Akses jalan ke dua RW tergenang banjir',
    reportedToTimPembinaOn: '2021-08-09',
    signatories: [
      { heading: 'Mengetahui,', office: 'Kepala Dinas Sosial' },
      { heading: 'TIM MONEV', office: 'Ketua Tim Monitoring dan Evaluasi' },
    ],
    ...overrides,
  };
}
