import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Pool } from 'pg';
import {
  FileRejected,
  poolConnector,
  type ConnectImportDb,
  type ImportFile,
  type ImportFormat,
  type RequestLetter,
} from '@salur/libs/import';
import { TEMPLATE_COLUMNS } from '@salur/libs/synthetic/generator';
import { kkNumber, semarangNik } from './factories';
import { TEST_DATABASE_URL } from './services';

/**
 * A proposal row in template column order. Unlike the generator's, these rows carry CSV
 * quoting cases (quotes, commas) and NIKs from test/support/factories, so tests never collide.
 */
export type ProposalRow = string[];

/** The Sidaksos template's columns, as the generator writes them. */
export const PROPOSAL_HEADER: string[] = [...TEMPLATE_COLUMNS];

/** Valid proposal rows for persons of one kecamatan, spread over the given kelurahan. */
export function proposalRows(
  kecamatanCode: string,
  kelurahan: string[],
  count: number,
): ProposalRow[] {
  return Array.from({ length: count }, (_, i) => [
    semarangNik(kecamatanCode, { female: i % 2 === 1 }),
    kkNumber(kecamatanCode),
    `Warga Uji ${i + 1}`,
    `Jl. Percobaan No. ${i + 1}, "Blok A"`,
    String((i % 9) + 1),
    '2',
    kelurahan[i % kelurahan.length],
    i % 3 === 0 ? '' : `0812000${String(i).padStart(5, '0')}`,
    'Kehilangan pekerjaan, usaha tutup',
  ]);
}

const csvCell = (value: string) =>
  /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export function toCsv(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n');
}

/** An .xlsx workbook with the rows on its first sheet (cells as given: text or numbers). */
export async function toXlsx(rows: readonly (readonly (string | number)[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('usulan');
  for (const row of rows) sheet.addRow([...row]);
  workbook.addWorksheet('catatan').addRow(['Sheets after the first are not imported']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function sha256(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

/** The buffer as an import file read in small chunks, like a stream from disk. */
export function fileOf(buffer: Buffer, format: ImportFormat): ImportFile {
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += 4096) chunks.push(buffer.subarray(i, i + 4096));
  return { stream: Readable.from(chunks), format, fileName: `test.${format}` };
}

/** Mijen, the kecamatan the import tests propose persons for, and its first kelurahan. */
export const MIJEN = '33.74.14';
export const MIJEN_KELURAHAN = ['33.74.14.1001', '33.74.14.1002', '33.74.14.1003'];

/** Mijen's request letter; each test file gives its own number, as real letters differ. */
export function mijenLetter(letterNo: string): RequestLetter {
  return {
    letterNo,
    letterDate: '2021-07-12',
    acknowledgedByCamat: true,
    submittedBy: 'operator-mijen',
  };
}

/** A pool on the test database for the enclosing describe block, ended after it. */
export function useImportPool(max: number): {
  readonly pool: Pool;
  readonly connect: ConnectImportDb;
} {
  let pool: Pool | undefined;
  let connect: ConnectImportDb | undefined;
  beforeAll(() => {
    pool = new Pool({ connectionString: TEST_DATABASE_URL, max });
    connect = poolConnector(pool);
  });
  afterAll(async () => {
    await pool?.end();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useImportPool: the pool opens in beforeAll');
    return value;
  };
  return {
    get pool() {
      return opened(pool);
    },
    get connect() {
      return opened(connect);
    },
  };
}

/** The FileRejected an import ended with; fails the test when it ended otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<FileRejected> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRejected);
  return error as FileRejected;
}
