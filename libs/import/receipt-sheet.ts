import type { Readable } from 'node:stream';
import { readIdNumber } from '../domain/id-number-text';
import {
  bilingual,
  readReceiptContent,
  readReceivedMark,
  RECEIVED_MARK_REASON,
  statusOfMark,
  type PlacedReceiptProblem,
  type PrintedBnbaRow,
  type ReceiptContent,
  type ReceiptField,
} from '../domain/receipt';
import { HashingTap, readXlsxRecords, type SourceRecord } from './rows';

/**
 * A signed BNBA, read back (issue 15, docs/receipts.md): the kelurahan's list as printed,
 * with a "diterima" column the office filled in. Only the columns below are read; the
 * BNBA's others (No, nama, alamat, RT/RW, tanda tangan) and any title rows above the
 * header are left alone, so the file can be the very sheet that was printed and signed.
 */
export const RECEIPT_SHEET_COLUMNS = {
  nik: ['nik'],
  diterima: ['diterima', 'diterima ya tidak', 'status diterima', 'terima'],
  alasan: ['alasan', 'alasan tidak diterima'],
  nama_wakil: ['nama wakil', 'wakil', 'nama kuasa', 'diwakili oleh'],
  hubungan_wakil: ['hubungan wakil', 'hubungan', 'hubungan dengan kpm'],
  keterangan: ['keterangan', 'catatan'],
  // Read only to find a row of a printed BNBA, whose NIK is masked (docs/receipts.md).
  no: ['no', 'nomor', 'no urut'],
  nama: ['nama', 'nama kpm', 'nama penerima'],
} as const;
export type ReceiptSheetColumn = keyof typeof RECEIPT_SHEET_COLUMNS;
const COLUMNS = Object.keys(RECEIPT_SHEET_COLUMNS) as ReceiptSheetColumn[];
/** A row with none of these filled is not a person's (a footer, a signature block). */
const PERSON_COLUMNS: readonly ReceiptSheetColumn[] = [
  'nik',
  'diterima',
  'alasan',
  'nama_wakil',
  'hubungan_wakil',
  'keterangan',
];
/** A NIK as Salur prints it on a BNBA: twelve asterisks and the last four digits. */
const MASKED_NIK = /^\*{12}(\d{4})$/;

/** The header is looked for in this many rows (the BNBA's title block sits above it). */
export const HEADER_SEARCH_ROWS = 30;
/** A kelurahan's BNBA is hundreds of rows; more than this is not one. */
export const MAX_SHEET_ROWS = 20_000;

/** Where each field of a receipt comes from in the sheet, to name it in a problem. */
const COLUMN_OF: Record<ReceiptField, ReceiptSheetColumn> = {
  status: 'diterima',
  reason: 'alasan',
  proxyName: 'nama_wakil',
  proxyRelationship: 'hubungan_wakil',
  note: 'keterangan',
  // Never read from a sheet: a photo goes with a receipt sent as JSON.
  evidenceId: 'keterangan',
};

/** Who a row is: a full NIK, or a row of the BNBA as Salur printed it (NIK masked). */
export type ReceiptSheetPerson =
  | {
      readonly nik: string;
      /** The NIK cell held a number: Excel kept 15 of its digits. */
      readonly nikFromNumber: boolean;
    }
  | { readonly printed: PrintedBnbaRow };

export type ReceiptSheetRow = {
  readonly line: number;
  readonly content: ReceiptContent;
} & ReceiptSheetPerson;

export interface ReceiptSheet {
  /** Rows naming a person (title, blank and footer rows are not counted). */
  readonly rowCount: number;
  /** Rows whose "diterima" cell is empty: no receipt yet, nothing recorded for them. */
  readonly unmarked: number;
  readonly rows: readonly ReceiptSheetRow[];
  readonly problems: readonly PlacedReceiptProblem[];
}

/** A header cell as a column name: `Nama Wakil`, `nama_wakil` and `NAMA-WAKIL` alike. */
export function receiptHeaderName(cell: string): string {
  return cell
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function columnOf(cell: string): ReceiptSheetColumn | undefined {
  const name = receiptHeaderName(cell);
  return COLUMNS.find((c) => (RECEIPT_SHEET_COLUMNS[c] as readonly string[]).includes(name));
}

const problem = (line: number, field: string, reason: string): PlacedReceiptProblem => ({
  line,
  field,
  reason,
  conflict: false,
});

/** Reads the rows of a sheet already parsed into records. Pure. */
export function receiptSheetOf(records: readonly SourceRecord[]): ReceiptSheet {
  const headerAt = records
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((r) => r.cells.some((cell) => columnOf(cell) === 'nik'));
  if (headerAt < 0) {
    return refused(
      problem(
        1,
        '(header)',
        bilingual(
          `tidak ada baris judul kolom dengan kolom NIK dalam ${HEADER_SEARCH_ROWS} baris pertama`,
          `no header row with a NIK column in the first ${HEADER_SEARCH_ROWS} rows`,
        ),
      ),
    );
  }
  const header = records[headerAt];
  const index = new Map<ReceiptSheetColumn, number>();
  const headerProblems: PlacedReceiptProblem[] = [];
  header.cells.forEach((cell, i) => {
    const column = columnOf(cell);
    if (!column) return;
    if (index.has(column)) {
      headerProblems.push(
        problem(header.line, column, bilingual('ada dua kali', 'appears more than once')),
      );
    }
    index.set(column, i);
  });
  if (!index.has('diterima')) {
    headerProblems.push(
      problem(
        header.line,
        'diterima',
        bilingual(
          'kolom tidak ada: isi ya/tidak per KPM',
          'column is missing: fill in ya/tidak for each KPM',
        ),
      ),
    );
  }
  if (headerProblems.length > 0) return refused(...headerProblems);

  const data = records.slice(headerAt + 1);
  if (data.length > MAX_SHEET_ROWS) {
    return refused(
      problem(
        data[MAX_SHEET_ROWS].line,
        '(file)',
        bilingual(
          `lebih dari ${MAX_SHEET_ROWS} baris; unggah BNBA satu kelurahan`,
          `more than ${MAX_SHEET_ROWS} rows; upload one kelurahan's BNBA`,
        ),
      ),
    );
  }
  const rows: ReceiptSheetRow[] = [];
  const problems: PlacedReceiptProblem[] = [];
  let rowCount = 0;
  let unmarked = 0;
  for (const record of data) {
    const cell = (column: ReceiptSheetColumn) => {
      const i = index.get(column);
      return i === undefined ? '' : (record.cells[i] ?? '').trim();
    };
    if (PERSON_COLUMNS.every((column) => cell(column) === '')) continue;
    rowCount++;
    const read = readRow(record, cell, index);
    if ('problems' in read) problems.push(...read.problems);
    else if (read.row) rows.push(read.row);
    else unmarked++;
  }
  if (rowCount === 0) {
    return refused(
      problem(header.line + 1, '(file)', bilingual('tidak ada baris data', 'has no data rows')),
    );
  }
  return { rowCount, unmarked, rows, problems };
}

function refused(...problems: PlacedReceiptProblem[]): ReceiptSheet {
  return { rowCount: 0, unmarked: 0, rows: [], problems };
}

/** One person's row: its receipt, nothing (not yet marked) or its problems. */
function readRow(
  record: SourceRecord,
  cell: (column: ReceiptSheetColumn) => string,
  index: ReadonlyMap<ReceiptSheetColumn, number>,
): { row?: ReceiptSheetRow } | { problems: PlacedReceiptProblem[] } {
  const line = record.line;
  const problems: PlacedReceiptProblem[] = [];
  const mark = readReceivedMark(cell('diterima'));
  if (mark === undefined) problems.push(problem(line, 'diterima', RECEIVED_MARK_REASON));
  if (mark === 'unmarked') {
    const filled = (['alasan', 'nama_wakil', 'hubungan_wakil'] as const).filter(
      (c) => cell(c) !== '',
    );
    if (filled.length === 0) return {};
    return {
      problems: [
        problem(
          line,
          'diterima',
          bilingual(
            `wajib diisi bila ${filled.join('/')} diisi`,
            `is required when ${filled.join('/')} is filled in`,
          ),
        ),
      ],
    };
  }

  const nikText = cell('nik');
  const nikFromNumber = record.numeric.includes(index.get('nik')!);
  let person: ReceiptSheetPerson | undefined;
  let nik: string | undefined;
  const masked = MASKED_NIK.exec(nikText);
  if (masked) {
    person = printedRow(line, cell, masked[1], problems);
  } else if (nikText === '') {
    problems.push(problem(line, 'nik', bilingual('wajib diisi', 'is required')));
  } else if (nikFromNumber) {
    // Matched on the BNBA by its first 15 digits, the ones Excel kept (receipt-writes.ts).
    if (/^\d{16}$/.test(nikText)) nik = nikText;
    else problems.push(problem(line, 'nik', bilingual('harus 16 digit', 'must be 16 digits')));
  } else {
    const read = readIdNumber(nikText);
    if (read.ok) nik = read.value;
    else problems.push(problem(line, 'nik', read.reason));
  }
  if (mark === undefined) return { problems };

  const { content, problems: fieldProblems } = readReceiptContent({
    status: statusOfMark(mark, cell('nama_wakil')),
    reason: cell('alasan'),
    proxyName: cell('nama_wakil'),
    proxyRelationship: cell('hubungan_wakil'),
    note: cell('keterangan'),
  });
  for (const p of fieldProblems) problems.push(problem(line, COLUMN_OF[p.field], p.reason));
  if (nik !== undefined) person = { nik, nikFromNumber };
  if (problems.length > 0 || !content || !person) return { problems };
  return { row: { line, content, ...person } };
}

/**
 * A row of the BNBA Salur printed, its NIK masked: found by its No, checked against the
 * NIK's last four digits and the name (empty when the list has none), so the full NIK is
 * never needed.
 */
function printedRow(
  line: number,
  cell: (column: ReceiptSheetColumn) => string,
  nikTail: string,
  problems: PlacedReceiptProblem[],
): ReceiptSheetPerson | undefined {
  const noText = cell('no');
  const name = cell('nama').replace(/\s+/g, ' ');
  const no = /^\d{1,6}$/.test(noText) ? Number(noText) : undefined;
  const because = {
    id: 'NIK tersamar (seperti dicetak Salur): baris dicari menurut No BNBA',
    en: 'the NIK is masked (as Salur prints it): the row is found by its BNBA No',
  };
  if (no === undefined || no < 1) {
    problems.push(
      problem(
        line,
        'no',
        bilingual(
          `harus nomor urut BNBA (1, 2, ...); ${because.id}`,
          `must be the BNBA row number (1, 2, ...); ${because.en}`,
        ),
      ),
    );
  }
  return no === undefined || no < 1 ? undefined : { printed: { no, nikTail, name } };
}

/** Reads an uploaded BNBA workbook (its first sheet) and hashes its bytes on the way. */
export async function readReceiptSheet(
  stream: Readable,
): Promise<ReceiptSheet & { readonly sha256: string }> {
  const tap = new HashingTap();
  stream.once('error', (error) => tap.destroy(error));
  stream.pipe(tap);
  const records: SourceRecord[] = [];
  for await (const record of readXlsxRecords(tap)) {
    records.push(record);
    // Enough to refuse an oversized sheet; the bytes were all read (and hashed) already.
    if (records.length > HEADER_SEARCH_ROWS + MAX_SHEET_ROWS + 1) break;
  }
  return { ...receiptSheetOf(records), sha256: tap.digest() };
}
