import { type Readable, Readable as ReadableStream } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { matchHeader, type ColumnSpec } from './columns';
import { copyEscape, pickColumns } from './cells';
import { FileRejected } from './errors';
import { HashingTap, readRecords, type SourceRecord } from './rows';
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
  readonly headerLength: number;
  readonly bytes: number;
}

/** Name of the per-transaction staging table. */
export const STAGE_TABLE = 'import_stage';

// COPY is fed in chunks of roughly this size: large enough to keep the protocol busy,
// small enough that memory stays flat whatever the file size.
const CHUNK_CHARS = 256 * 1024;

/**
 * Streams the file into a temporary staging table with COPY: all text, no checks, so
 * every problem can then be found in SQL at once. The table lives only as long as the
 * transaction. Hashes the bytes on the way in.
 */
export async function stageFile(
  client: ClientBase,
  columns: readonly ColumnSpec[],
  file: ImportFile,
): Promise<StagedFile> {
  const names = columns.map((c) => `"${c.name}"`);
  await client.query(
    `CREATE TEMP TABLE ${STAGE_TABLE} (line int NOT NULL, field_count int NOT NULL,
       ${names.map((n) => `${n} text NOT NULL`).join(', ')}, lossy text[] NOT NULL)
     ON COMMIT DROP`,
  );

  const tap = new HashingTap(file.onBytes);
  file.stream.once('error', (error) => tap.destroy(error));
  file.stream.pipe(tap);
  const records = readRecords(file.format, tap);

  let rowCount = 0;
  let headerLength = 0;
  async function* copyChunks(): AsyncGenerator<string> {
    const first = await records.next();
    if (first.done) {
      throw new FileRejected([{ line: 1, column: '(file)', reason: 'is empty: no header row' }]);
    }
    const header = first.value;
    const match = matchHeader(columns, header.cells);
    if (match.problems.length > 0) throw new FileRejected(match.problems);
    headerLength = header.cells.length;

    let chunk = '';
    for await (const record of records) {
      rowCount++;
      chunk += stagedLine(record, columns, match.order, headerLength, file.format);
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  try {
    await pipeline(
      ReadableStream.from(copyChunks(), { objectMode: false }),
      client.query(
        copyFrom(
          `COPY ${STAGE_TABLE} (line, field_count, ${names.join(', ')}, lossy) FROM STDIN (FORMAT text)`,
        ),
      ),
    );
  } catch (error) {
    // Stop reading: the rest of a refused file is not needed.
    tap.destroy();
    file.stream.destroy();
    throw error;
  }
  // The parser may stop before the last bytes (a zip's directory); the hash needs them all.
  if (!tap.readableEnded) {
    tap.unpipe();
    tap.resume();
    await finished(tap);
  }
  if (rowCount === 0) {
    throw new FileRejected([{ line: 2, column: '(file)', reason: 'has no data rows' }]);
  }
  // Temporary tables are never analysed automatically; the checks join on it.
  await client.query(`ANALYZE ${STAGE_TABLE}`);
  return { sha256: tap.digest(), rowCount, headerLength, bytes: tap.bytes };
}

function stagedLine(
  record: SourceRecord,
  columns: readonly ColumnSpec[],
  order: readonly number[],
  headerLength: number,
  format: ImportFormat,
): string {
  const values = pickColumns(record.cells, order);
  const lossy = columns
    .filter((_, i) => order[i] >= 0 && record.lossy.includes(order[i]))
    .map((c) => c.name);
  // An XLSX row simply ends at its last filled cell; only extra cells are a problem there.
  const fieldCount =
    format === 'xlsx' ? Math.max(record.cells.length, headerLength) : record.cells.length;
  return `${[
    String(record.line),
    String(fieldCount),
    ...values.map(copyEscape),
    `{${lossy.join(',')}}`,
  ].join('\t')}\n`;
}
