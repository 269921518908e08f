import { type Readable, Readable as ReadableStream } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatabaseError, type ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { headerName, matchHeader, type ColumnSpec } from './columns';
import { csvRecord, CsvRecordStream, notUtf8, type CsvDelimiter } from './csv-records';
import { FileRejected } from './errors';
import { RecordNotes } from './record-notes';
import { HashingTap, readXlsxRecords } from './rows';
import type { ImportFormat } from './target';

/** The file to import: a byte stream (read once) and how to parse it. */
export interface ImportFile {
  readonly stream: Readable;
  readonly format: ImportFormat;
  readonly fileName: string;
  /** Called as bytes are read (drives the CLI progress bar). */
  readonly onBytes?: (bytesRead: number) => void;
}

export interface StagedFile {
  readonly sha256: string;
  readonly rowCount: number;
  readonly bytes: number;
  /** Lines and per-record problems the staged rows do not carry. */
  readonly notes: RecordNotes;
}

/** Name of the per-transaction staging table. */
export const STAGE_TABLE = 'import_stage';

// XLSX records are written to COPY in chunks of roughly this size: large enough to keep
// the protocol busy, small enough that memory stays flat whatever the file size.
const CHUNK_CHARS = 256 * 1024;

/** The file as CSV records for COPY, once its header has been read. */
interface RecordSource {
  readonly header: readonly string[] | undefined;
  /** The data records, every one with the header's field count. */
  readonly records: Readable;
  readonly delimiter: CsvDelimiter;
  count(): number;
}

/**
 * Streams the file into a temporary staging table with COPY (FORMAT csv): all text, no
 * checks, so every problem can then be found in SQL at once. A CSV file's bytes go to
 * COPY as they are; only its header is read here. Hashes the bytes on the way in.
 *
 * The table lives only as long as the transaction. Reading it in full returns the rows in
 * file order, which numbering and the apply rely on (no sort of a million rows): one COPY
 * into a table created in the same transaction appends page after page (it skips the
 * free space map), and a temporary table is never read by a synchronised scan that
 * could start midway.
 */
export async function stageFile(
  client: ClientBase,
  columns: readonly ColumnSpec[],
  file: ImportFile,
): Promise<StagedFile> {
  const tap = new HashingTap(file.onBytes);
  file.stream.once('error', (error) => tap.destroy(error));
  file.stream.pipe(tap);
  const notes = new RecordNotes();
  let source: RecordSource | undefined;
  try {
    source =
      file.format === 'csv' ? await csvSource(tap, notes) : await xlsxSource(tap, notes, columns);
    if (!source.header) {
      throw new FileRejected([{ line: 1, column: '(file)', reason: 'is empty: no header row' }]);
    }
    const match = matchHeader(columns, source.header);
    if (match.problems) throw new FileRejected(match.problems);

    // Every column is in the header exactly once: COPY takes them in the file's order.
    const fileOrder = columns
      .map((column, i) => ({ name: `"${column.name}"`, index: match.order[i] }))
      .sort((a, b) => a.index - b.index)
      .map((column) => column.name);
    await client.query(
      `CREATE TEMP TABLE ${STAGE_TABLE} (${fileOrder.map((n) => `${n} text NOT NULL`).join(', ')})
       ON COMMIT DROP`,
    );
    await copyRecords(client, source, fileOrder, notes);

    const rowCount = source.count();
    if (rowCount === 0) {
      throw new FileRejected([{ line: 2, column: '(file)', reason: 'has no data rows' }]);
    }
    return { sha256: tap.digest(), rowCount, bytes: tap.bytes, notes };
  } catch (error) {
    // Stop reading: the rest of a refused file is not needed.
    source?.records.destroy();
    tap.destroy();
    file.stream.destroy();
    throw error;
  }
}

async function copyRecords(
  client: ClientBase,
  source: RecordSource,
  fileOrder: readonly string[],
  notes: RecordNotes,
): Promise<void> {
  try {
    // Unquoted empty fields are empty text, as quoted ones are: no NULLs to tell apart.
    await pipeline(
      source.records,
      client.query(
        copyFrom(
          `COPY ${STAGE_TABLE} (${fileOrder.join(', ')}) FROM STDIN
           WITH (FORMAT csv, DELIMITER '${source.delimiter}',
                 FORCE_NOT_NULL (${fileOrder.join(', ')}))`,
        ),
      ),
    );
  } catch (error) {
    throw copyProblem(error, notes) ?? error;
  }
}

/**
 * What PostgreSQL refused while reading the records (bad UTF-8, mostly), by file line.
 * Its own message quotes the value, so only the kind of problem is kept.
 */
function copyProblem(error: unknown, notes: RecordNotes): FileRejected | undefined {
  if (!(error instanceof DatabaseError)) return undefined;
  const record = /COPY \S+, line (\d+)/.exec(error.where ?? '');
  if (!record) return undefined;
  const line = notes.lineOf(Number(record[1]));
  if (error.code === '22021') return notUtf8(line);
  return new FileRejected([
    {
      line,
      column: '(file)',
      reason: `could not be read (SQLSTATE ${error.code}); nothing after it was read`,
    },
  ]);
}

async function csvSource(input: HashingTap, notes: RecordNotes): Promise<RecordSource> {
  const records = new CsvRecordStream(notes);
  input.once('error', (error) => records.destroy(error));
  // An error before COPY's pipeline takes over reaches the caller through the header or
  // that pipeline (which sees a stream that has already failed); it must not go unhandled.
  records.on('error', () => undefined);
  input.pipe(records);
  const header = await records.header;
  return { header, records, delimiter: records.delimiter, count: () => records.records };
}

/**
 * The first sheet's rows as CSV records; cells past the header's are counted, not kept.
 * A number cell in a text-only column is noted: its digits may not be what was typed.
 */
async function xlsxSource(
  input: HashingTap,
  notes: RecordNotes,
  columns: readonly ColumnSpec[],
): Promise<RecordSource> {
  const rows = readXlsxRecords(input);
  const first = await rows.next();
  if (first.done) {
    return { header: undefined, records: ReadableStream.from([]), delimiter: ',', count: () => 0 };
  }
  const header = first.value.cells;
  const textOnly = new Set(columns.filter((c) => c.textOnly).map((c) => c.name));
  // The text-only column a cell index falls in, if any; the header is checked later.
  const names = header.map((cell) => {
    const name = headerName(cell);
    return textOnly.has(name) ? name : undefined;
  });
  let count = 0;
  async function* chunks(): AsyncGenerator<string> {
    let chunk = '';
    for await (const row of rows) {
      const ord = ++count;
      notes.recordAt(ord, row.line);
      if (row.cells.length > header.length) notes.fieldCount(ord, row.cells.length);
      const numeric = row.numeric.flatMap((i) => names[i] ?? []);
      if (numeric.length > 0) notes.numeric(ord, numeric);
      chunk += csvRecord(row.cells, header.length, '\n');
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk.length > 0) yield chunk;
  }
  return {
    header,
    records: ReadableStream.from(chunks(), { objectMode: false }),
    delimiter: ',',
    count: () => count,
  };
}
