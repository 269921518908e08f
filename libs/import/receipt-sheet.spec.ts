import { Readable } from 'node:stream';
import { SIGNED_BNBA_HEADER, xlsxOf } from '@salur/libs/documents/documents.testing';
import type { SourceRecord } from './rows';
import { readReceiptSheet, receiptHeaderName, receiptSheetOf } from './receipt-sheet';

const NIK = '3374014107850001';
const NIK_2 = '3374015203900002';
const [NIK_3, NIK_4, NIK_5, NIK_6] = ['3', '4', '5', '6'].map((d) => `337401410785000${d}`);

const record = (line: number, cells: string[], numeric: number[] = []): SourceRecord => ({
  line,
  cells,
  numeric,
});

// The BNBA as printed: a title block, then No, NIK, Nama, Alamat, RT/RW, tanda tangan, and
// the columns the office fills in.
const TITLE = [
  record(1, ['PEMERINTAH KOTA SEMARANG']),
  record(2, ['DAFTAR PENERIMA (BNBA) KELURAHAN 33.74.01.1001']),
];
const HEADER = record(4, SIGNED_BNBA_HEADER);
const row = (line: number, nik: string, rest: string[], numeric: number[] = []) =>
  record(line, [String(line - 4), nik, 'Nama', 'Jl. Mawar 1', '001/002', '', ...rest], numeric);

describe('a signed BNBA read back', () => {
  it('finds the header under the title block and reads each mark as a receipt', () => {
    const sheet = receiptSheetOf([
      ...TITLE,
      HEADER,
      row(5, NIK, ['ya']),
      row(6, NIK_2, ['✓', '', 'Siti Aminah', 'anak']),
      row(7, `'3374010101900003`, ['tidak', 'Meninggal dunia']),
      row(8, '3374010101900004', ['']),
      record(10, ['', '', '', '', '', 'Mengetahui, Lurah']),
    ]);
    expect(sheet.problems).toEqual([]);
    expect(sheet).toMatchObject({ rowCount: 4, unmarked: 1 });
    expect(sheet.rows).toEqual([
      {
        line: 5,
        nik: NIK,
        nikFromNumber: false,
        content: expect.objectContaining({ status: 'received', proxyName: null }),
      },
      {
        line: 6,
        nik: NIK_2,
        nikFromNumber: false,
        content: expect.objectContaining({
          status: 'received_by_proxy',
          proxyName: 'Siti Aminah',
          proxyRelationship: 'anak',
        }),
      },
      {
        line: 7,
        nik: '3374010101900003',
        nikFromNumber: false,
        content: expect.objectContaining({ status: 'not_received', reason: 'meninggal' }),
      },
    ]);
  });

  it('keeps a NIK from a number cell, flagged: only its first 15 digits can be trusted', () => {
    const sheet = receiptSheetOf([HEADER, row(5, '3374014107850000', ['1'], [1])]);
    expect(sheet.rows).toEqual([expect.objectContaining({ nikFromNumber: true })]);
    const short = receiptSheetOf([HEADER, row(5, '337401410785000', ['1'], [1])]);
    expect(short.problems).toEqual([
      { line: 5, field: 'nik', reason: 'harus 16 digit / must be 16 digits', conflict: false },
    ]);
  });

  it('names the line and column of every problem, Indonesian first, never the value', () => {
    const sheet = receiptSheetOf([
      HEADER,
      row(5, NIK, ['x']),
      row(6, '3.37401E+15', ['tidak']),
      row(7, '', ['ya', 'pindah']),
      row(8, NIK_2, ['', '', 'Siti']),
      row(9, NIK_2, ['ya', '', '', 'anak']),
    ]);
    expect(sheet.rows).toEqual([]);
    expect(sheet.problems.map((p) => [p.line, p.field])).toEqual([
      [5, 'diterima'],
      [6, 'nik'],
      [6, 'alasan'],
      [7, 'nik'],
      [7, 'alasan'],
      [8, 'diterima'],
      [9, 'hubungan_wakil'],
    ]);
    expect(sheet.problems[0].reason).toMatch(/^harus ya\/y\/v.* \/ must be ya\/y\/v/);
    expect(sheet.problems[2].reason).toMatch(/^wajib diisi bila tidak diterima/);
    expect(sheet.problems[5].reason).toMatch(/is required when nama_wakil is filled in$/);
    expect(JSON.stringify(sheet.problems)).not.toContain(NIK_2);
  });

  it('refuses a sheet without a NIK header, without a diterima column, or without rows', () => {
    expect(receiptSheetOf([record(1, ['nama', 'alamat'])]).problems).toEqual([
      expect.objectContaining({ line: 1, field: '(header)' }),
    ]);
    expect(receiptSheetOf([record(3, ['No', 'NIK', 'Nama'])]).problems).toEqual([
      expect.objectContaining({ line: 3, field: 'diterima' }),
    ]);
    expect(receiptSheetOf([record(3, ['NIK', 'diterima', 'NIK'])]).problems).toEqual([
      expect.objectContaining({ field: 'nik', reason: expect.stringMatching(/more than once/) }),
    ]);
    expect(receiptSheetOf([HEADER]).problems).toEqual([
      expect.objectContaining({ line: 5, field: '(file)' }),
    ]);
  });

  it('matches header names without case, spaces or punctuation', () => {
    expect(receiptHeaderName(' Nama_Wakil ')).toBe('nama wakil');
    expect(receiptHeaderName('DITERIMA (YA/TIDAK)')).toBe('diterima ya tidak');
  });

  it('reads an .xlsx as Excel writes it, NIK typed as a number included, and hashes it', async () => {
    const bytes = await xlsxOf([
      ['BNBA KELURAHAN 33.74.01.1001'],
      ['No', 'NIK', 'Nama', 'Diterima'],
      [1, NIK, 'A', 'ya'],
      [2, Number(NIK_2), 'B', 'V'],
    ]);
    const read = await readReceiptSheet(Readable.from([bytes]));
    expect(read.problems).toEqual([]);
    expect(
      read.rows.map((r) => ('nik' in r ? [r.line, r.nik, r.nikFromNumber, r.content.status] : r)),
    ).toEqual([
      [3, NIK, false, 'received'],
      [4, NIK_2, true, 'received'],
    ]);
    expect(read.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await readReceiptSheet(Readable.from([bytes]));
    expect(again.sha256).toBe(read.sha256);
  });

  it('takes what Excel stores for a typed mark: 1/0, TRUE/FALSE, ya/tidak; refuses other values naming the row', async () => {
    const bytes = await xlsxOf([
      ['No', 'NIK', 'Nama', 'Diterima', 'Alasan'],
      [1, NIK, 'A', 1],
      [2, NIK_2, 'B', 0, 'pindah'],
      [3, NIK_3, 'C', true],
      [4, NIK_4, 'D', false, 'menolak'],
      [5, NIK_5, 'E', 2],
      [6, NIK_6, 'F', 'mungkin'],
    ]);
    const read = await readReceiptSheet(Readable.from([bytes]));
    expect(read.rows.map((r) => [r.line, r.content.status])).toEqual([
      [2, 'received'],
      [3, 'not_received'],
      [4, 'received'],
      [5, 'not_received'],
    ]);
    expect(read.problems.map((p) => [p.line, p.field])).toEqual([
      [6, 'diterima'],
      [7, 'diterima'],
    ]);
  });
});

describe('the BNBA as Salur printed it, NIK masked', () => {
  const HEADER_PRINTED = record(13, SIGNED_BNBA_HEADER);

  it('names each row by its No, the NIK’s last four digits and the name', () => {
    const sheet = receiptSheetOf([
      HEADER_PRINTED,
      record(14, ['1', '************0001', 'WARGA  1', 'JL. X', '001/001', '', 'ya'], [0]),
      record(15, ['2', '************0002', 'WARGA 2', 'JL. Y', '001/001', '', 'tidak', 'pindah']),
    ]);
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows.map((r) => ('printed' in r ? [r.line, r.printed] : r))).toEqual([
      [14, { no: 1, nikTail: '0001', name: 'WARGA 1' }],
      [15, { no: 2, nikTail: '0002', name: 'WARGA 2' }],
    ]);
  });

  it('refuses a masked row without its No, naming the row and the column', () => {
    const sheet = receiptSheetOf([
      HEADER_PRINTED,
      record(14, ['', '************0001', 'WARGA 1', '', '', '', 'ya']),
      record(15, ['x', '************0002', 'WARGA 2', '', '', '', 'ya']),
    ]);
    expect(sheet.problems.map((p) => [p.line, p.field])).toEqual([
      [14, 'no'],
      [15, 'no'],
    ]);
    expect(sheet.problems[0].reason).toContain('NIK tersamar');
  });
});
