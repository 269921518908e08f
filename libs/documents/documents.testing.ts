/// <reference types="jest" />
// atTime drives Jest's clock, and the benchmarks build this file (their sample data) too.
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { reconcileKelurahan, NO_RETURNS } from '../domain/receipt';
import type { BastInput } from './bast';
import type { BnbaInput, BnbaRow } from './bnba';
import type { DocumentFacts, Issuer, KelurahanPaper } from './document';
import type { Renderer, RenderOptions } from './document';
import type { LpjInput, LpjKelurahan } from './lpj';

/** Sample documents for specs and the benchmark: Kota Semarang's heading, made-up persons. */

export const SEMARANG: Issuer = {
  government: 'Pemerintah Kota Semarang',
  agency: 'Dinas Sosial',
  place: 'Semarang',
};

export const sampleFacts = (number: string, issuer: Issuer = SEMARANG): DocumentFacts => ({
  issuer,
  number,
  date: '2021-07-20',
});

/** The header of a BNBA sheet an office fills in at distribution (as Salur prints it). */
export const SIGNED_BNBA_HEADER = [
  'No',
  'NIK',
  'Nama',
  'Alamat',
  'RT/RW',
  'Tanda tangan / cap jempol',
  'Diterima (ya/tidak)',
  'Alasan',
  'Nama Wakil',
  'Hubungan Wakil',
  'Keterangan',
];

/** The n-th made-up person of a kelurahan: a valid-looking NIK ending in its serial. */
export function samplePerson(i: number): BnbaRow {
  return {
    nik: `337401${String(410785 + (i % 9)).padStart(6, '0')}${String(i + 1).padStart(4, '0')}`,
    name: `WARGA ${i + 1} BINTI SUPARMAN`,
    address: `JL. KARANG ANYAR GG. ${(i % 17) + 1} NO. ${i + 1}`,
    rtRw: `${String((i % 9) + 1).padStart(3, '0')}/${String((i % 5) + 1).padStart(3, '0')}`,
  };
}

/** The persons one by one, as a database cursor would hand them over. */
export async function* samplePersons(count: number): AsyncIterable<BnbaRow> {
  for (let i = 0; i < count; i++) yield await Promise.resolve(samplePerson(i));
}

/** Kelurahan Miroto's papers under SK 463/447/2021, with this number and code. */
export function samplePaper(number: string, code: string): KelurahanPaper {
  return {
    facts: sampleFacts(number),
    verification: { code, url: `http://127.0.0.1:3000/verify/${code}` },
    programme: 'Jaring Pengaman Sosial (JPS) Paket Sembako Tahun 2021',
    basis: { skNo: '463/447/2021', skDate: '2021-07-19' },
    kecamatan: { code: '33.74.01', name: 'Semarang Tengah' },
    kelurahan: { code: '33.74.01.1001', name: 'Miroto' },
  };
}

export function sampleBnba(count: number, overrides: Partial<BnbaInput> = {}): BnbaInput {
  return {
    ...samplePaper('BNBA/33.74.01.1001/JPS-2021', '7KQ2M-XD4PA'),
    recipientCount: count,
    rows: () => samplePersons(count),
    signatories: [
      { heading: 'Mengetahui,', office: 'Camat Semarang Tengah' },
      { office: 'Lurah Miroto' },
    ],
    ...overrides,
  };
}

export function sampleBast(parcels: number, overrides: Partial<BastInput> = {}): BastInput {
  return {
    ...samplePaper('BAST/33.74.01.1001/JPS-2021', 'M3TQ8-2HX5C'),
    parcels,
    bnbaNumber: 'BNBA/33.74.01.1001/JPS-2021',
    pihakPertama: { office: 'Camat Semarang Tengah' },
    pihakKedua: { office: 'Lurah Miroto', name: 'Sri Rahayu', nip: '197001011990032001' },
    ...overrides,
  };
}

/**
 * One kelurahan of Kecamatan Semarang Tengah on the LPJ: `listed` families, the first
 * `returned` of them (moved, died, not found, refused in turn) not received, one in five of
 * the others by a proxy.
 */
export function sampleLpjKelurahan(
  code: string,
  name: string,
  listed: number,
  returned = 0,
  extra: Partial<LpjKelurahan> = {},
): LpjKelurahan {
  const reasons = ['pindah', 'meninggal', 'tidak_ditemukan', 'menolak'] as const;
  const notReceived = { ...NO_RETURNS };
  for (let i = 0; i < returned; i++) notReceived[reasons[i % reasons.length]]++;
  const receivedByProxy = Math.floor((listed - returned) / 5);
  return {
    kelurahan: { code, name },
    bastParcels: listed,
    receipts: reconcileKelurahan({
      kelurahanCode: code,
      listed,
      received: listed - returned - receivedByProxy,
      receivedByProxy,
      notReceived,
    }),
    complaints: 0,
    complaintsResolved: 0,
    signedCollected: true,
    ...extra,
  };
}

export function sampleLpj(overrides: Partial<LpjInput> = {}): LpjInput {
  return {
    facts: sampleFacts('LPJ/33.74.01/JPS-2021'),
    verification: { code: 'P4R7Q-9KD2E', url: 'http://127.0.0.1:3000/verify/P4R7Q-9KD2E' },
    programme: 'Jaring Pengaman Sosial (JPS) Paket Sembako Tahun 2021',
    basis: { skNo: '463/447/2021', skDate: '2021-07-19' },
    kecamatan: { code: '33.74.01', name: 'Semarang Tengah' },
    deliveredToKecamatan: 260,
    kelurahan: [
      sampleLpjKelurahan('33.74.01.1001', 'Miroto', 120, 5, {
        complaints: 2,
        complaintsResolved: 1,
      }),
      sampleLpjKelurahan('33.74.01.1002', 'Brumbungan', 90, 2),
      // Its BAST was printed before an amending SK took two families off the list.
      sampleLpjKelurahan('33.74.01.1003', 'Jagalan', 50, 0, {
        signedCollected: false,
        bastParcels: 52,
      }),
    ],
    complaints: { recorded: 3, resolved: 1 },
    camat: {
      office: 'Camat Semarang Tengah',
      name: 'Drs. Bambang Suranggono, M.Si',
      nip: '196805121994031007',
    },
    kepalaDinas: { office: 'Kepala Dinas Sosial Kota Semarang' },
    ...overrides,
  };
}

/**
 * The cells of a workbook's first sheet, row by row (row 1 first), as exceljs reads them:
 * text as strings, numbers as numbers. What a person sees opening the file in Excel.
 */
export async function xlsxRows(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    // exceljs rows are 1-based: values[0] is always empty.
    rows.push((sheet.getRow(r).values as unknown[]).slice(1));
  }
  return rows;
}

/** A workbook with these rows on its one sheet, cells as given: a sheet an office made. */
export async function xlsxOf(
  rows: readonly (readonly unknown[])[],
  sheetName = 'BNBA',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Opens a workbook, lets `edit` change its first sheet as a person would in Excel, and saves
 * it again (a new file: Excel rewrites the whole package).
 */
export async function editXlsx(
  bytes: Buffer,
  edit: (sheet: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(workbook.worksheets[0]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Runs `work` with the wall clock set to `iso` (timers stay real: streams need them). */
export async function atTime<T>(iso: string, work: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await work();
  } finally {
    jest.useRealTimers();
  }
}

/**
 * A table row of a PDF as pdftotext lays it out (-layout): the line starting with `first`,
 * split into cells on runs of two or more spaces.
 */
export function pdfTableRow(text: string, first: string): string[] {
  const line = text.split('\n').find((l) => new RegExp(`^\\s*${first}\\s{2,}`).test(l));
  if (!line) throw new Error(`no row starting with ${first} in:\n${text}`);
  return line.trim().split(/\s{2,}/);
}

/** Collects what a renderer writes. */
export async function renderToBuffer<I>(
  render: Renderer<I>,
  input: I,
  options: RenderOptions = { nik: 'masked' },
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await render(input, sink, options);
  return Buffer.concat(chunks);
}

/**
 * The text of a PDF as Debian's poppler-utils reads it (`pdftotext -layout`), pages split
 * on form feeds: what a person reading the paper sees, word for word.
 */
export function pdfPages(pdf: Buffer): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return text.split('\f').slice(0, -1);
}
