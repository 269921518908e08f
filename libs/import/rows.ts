import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText } from './cells';
import { FileRejected } from './errors';
import { movePartsLast, unreadableWorkbook } from './zip-parts';

/** One row of an XLSX sheet as read: its row number (header = 1) and its cells as text. */
export interface SourceRecord {
  readonly line: number;
  readonly cells: readonly string[];
  /** Indexes of the cells that held a number rather than text. */
  readonly numeric: readonly number[];
}

/**
 * Passes bytes through unchanged while hashing and counting them, so the SHA-256 of the
 * file and the progress come from the same single read.
 */
export class HashingTap extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(private readonly onBytes?: (total: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.onBytes?.(this.bytes);
    done(null, chunk);
  }

  /** Hex SHA-256 of everything that passed; call once, after the end. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/**
 * XLSX: the first sheet (the first in the file), its rows read as a stream; lines are the
 * sheet's row numbers.
 *
 * The zip itself is read into memory first, once (compressed: a fraction of the rows' text).
 * Its parts may come in any order — Excel writes the shared strings after the sheets,
 * exceljs in whatever order they are ready — and exceljs's streaming reader, meeting a
 * sheet before the shared strings, parks it in a temporary file and then, now and then,
 * misses the shared strings altogether (every text cell read as empty). With the sheets
 * moved last it reads each sheet straight away.
 */
export async function* readXlsxRecords(input: Readable): AsyncGenerator<SourceRecord> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(chunk as Buffer);
  const zip = movePartsLast(Buffer.concat(chunks), (name) => WORKSHEET.test(name));
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(zip), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    let firstSheet = true;
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        // Later sheets are read through (the whole file is hashed) but not imported.
        if (!firstSheet) continue;
        const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
        const cells: string[] = [];
        const numeric: number[] = [];
        // exceljs rows are 1-based: values[0] is always empty.
        for (let i = 1; i < values.length; i++) {
          const cell = cellText(values[i]);
          cells.push(cell.text);
          if (cell.numeric) numeric.push(i - 1);
        }
        while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
        if (cells.length === 0) continue;
        yield { line: row.number, cells, numeric };
      }
      firstSheet = false;
    }
  } catch (error) {
    if (error instanceof FileRejected) throw error;
    throw unreadableWorkbook();
  }
}
