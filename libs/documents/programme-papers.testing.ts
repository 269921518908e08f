import type { SkChangeRow, SkInput, SkPersonRow } from './sk';
import type { SpkInput } from './spk';
import type { SuratEdaranInput } from './surat-edaran';
import { atTime, samplePerson, sampleFacts } from './documents.testing';

/** Sample programme papers (Surat Edaran, SK, SPK) for specs: Kota Semarang's 2021 round. */

const programmePaper = (number: string, code: string) => ({
  facts: sampleFacts(number),
  verification: { code, url: `http://127.0.0.1:3000/verify/${code}` },
  programme: 'Jaring Pengaman Sosial (JPS) Paket Sembako Tahun 2021',
  city: 'Kota Semarang',
});

const KECAMATAN = [
  { code: '33.74.01', name: 'Semarang Tengah' },
  { code: '33.74.02', name: 'Semarang Utara' },
  { code: '33.74.03', name: 'Semarang Timur' },
];

export function sampleSuratEdaran(overrides: Partial<SuratEdaranInput> = {}): SuratEdaranInput {
  return {
    ...programmePaper('460/1871/VII/2021', 'SE3QT-7KD2M'),
    quotas: KECAMATAN.map((kecamatan, i) => ({ kecamatan, quota: 1200 + i * 312 })),
    signatory: { heading: 'KEPALA DINAS SOSIAL', office: 'Kota Semarang' },
    ...overrides,
  };
}

/** The n-th person of the SK's lampiran, living in Miroto or Pekunden. */
export function sampleSkPerson(i: number): SkPersonRow {
  const { nik, name, address } = samplePerson(i);
  return { nik, name, address, kelurahan: i % 2 === 0 ? 'Miroto' : 'Pekunden' };
}

async function* skPersons(count: number): AsyncIterable<SkPersonRow> {
  for (let i = 0; i < count; i++) yield await Promise.resolve(sampleSkPerson(i));
}

async function* skChanges(added: number, removed: number): AsyncIterable<SkChangeRow> {
  for (let i = 0; i < added + removed; i++) {
    const person = sampleSkPerson(10_000 + i);
    yield await Promise.resolve({ ...person, change: i < added ? 'add' : 'remove' });
  }
}

/** SK 463/447/2021 of `count` persons over two kelurahan of Semarang Tengah. */
export function sampleSk(count: number, overrides: Partial<SkInput> = {}): SkInput {
  const miroto = Math.ceil(count / 2);
  return {
    ...programmePaper('463/447/2021', 'K7SQM-2XD4P'),
    head: 'Walikota Semarang',
    recipientCount: count,
    byKelurahan: [
      {
        kecamatan: KECAMATAN[0],
        kelurahan: { code: '33.74.01.1001', name: 'Miroto' },
        recipients: miroto,
      },
      {
        kecamatan: KECAMATAN[0],
        kelurahan: { code: '33.74.01.1002', name: 'Pekunden' },
        recipients: count - miroto,
      },
    ],
    amountPerKpm: 200_000,
    amends: null,
    rows: () => skPersons(count),
    changes: () => skChanges(0, 0),
    signatory: { heading: 'WALIKOTA SEMARANG,', office: '', nip: null },
    ...overrides,
  };
}

/** An amending SK: `added` persons in, `removed` out, after SK 463/447/2021. */
export function sampleAmendingSk(count: number, added: number, removed: number): SkInput {
  return sampleSk(count, {
    facts: sampleFacts('463/447.1/2021'),
    amends: {
      skNo: '463/447/2021',
      skDate: '2021-07-19',
      reason: 'terdapat penerima yang pindah domisili dan usulan susulan yang memenuhi syarat',
      added,
      removed,
      changesSha256: 'a'.repeat(64),
    },
    changes: () => skChanges(added, removed),
  });
}

export function sampleSpk(overrides: Partial<SpkInput> = {}): SpkInput {
  return {
    ...programmePaper('027/SPK/JPS/VII/2021', 'P4KQ2-M3TXD'),
    vendor: { id: 'vendor-cv-sps', name: 'CV Sumber Pangan Sejahtera' },
    items: [
      { name: 'Beras medium', quantity: 10, unit: 'kg' },
      { name: 'Minyak goreng', quantity: 2, unit: 'liter' },
      { name: 'Gula pasir', quantity: 1.5, unit: 'kg' },
    ],
    parcelValue: 200_000,
    parcels: 4_536,
    basis: { skNo: '463/447/2021', skDate: '2021-07-19' },
    startDate: '2021-07-14',
    endDate: '2021-08-13',
    vendorSignatory: {
      heading: 'PENYEDIA',
      office: 'Direktur CV Sumber Pangan Sejahtera',
      nip: null,
    },
    commitmentOfficer: {
      heading: 'PEJABAT PEMBUAT KOMITMEN',
      office: 'Dinas Sosial Kota Semarang',
    },
    ...overrides,
  };
}

/** The SHA-256 of the same input rendered at two wall-clock times years apart. */
export async function hashesAtTwoTimes(render: () => Promise<Buffer>): Promise<[string, string]> {
  const { createHash } = await import('node:crypto');
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const first = await atTime('2026-01-01T08:00:00Z', render);
  const second = await atTime('2030-06-15T23:59:59Z', render);
  return [sha256(first), sha256(second)];
}
