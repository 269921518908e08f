import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { FileRejected } from './errors';
import type { RecordNotes } from './record-notes';

const QUOTE = 0x22;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

/** A proposal row is about a kilobyte; a record this long is a quote left open. */
export const MAX_RECORD_BYTES = 1024 * 1024;

function byteSet(bytes: readonly number[]): Uint8Array {
  const set = new Uint8Array(256);
  for (const b of bytes) set[b] = 1;
  return set;
}

// Bytes that may begin or end the whitespace that String.prototype.trim (and csv-parse's
// trim) removes, in UTF-8: ASCII spaces, lead bytes of the Unicode spaces, and any
// continuation byte. A hit only sends the record the exact way, so false alarms are fine.
const MAY_BEGIN_SPACE = byteSet([0x09, 0x0b, 0x0c, 0x20, 0xc2, 0xe1, 0xe2, 0xe3, 0xef]);
const MAY_END_SPACE = byteSet([
  0x09,
  0x0b,
  0x0c,
  0x20,
  ...Array.from({ length: 0x40 }, (_, i) => 0x80 + i),
]);

/**
 * What separates fields: a comma, or a semicolon as Excel writes "CSV" where the decimal
 * separator is a comma (Indonesian settings among them).
 */
export type CsvDelimiter = ',' | ';';

// Bytes with no meaning to the record structure (all but the delimiter, " LF CR NUL).
function plainBytes(delimiter: number): Uint8Array {
  return byteSet(
    Array.from({ length: 256 }, (_, b) => b).filter(
      (b) => b !== delimiter && b !== QUOTE && b !== LF && b !== CR && b !== NUL,
    ),
  );
}
const PLAIN = { ',': plainBytes(COMMA), ';': plainBytes(SEMICOLON) };

/**
 * The delimiter of a file, from its first line that is not blank (outside quotes):
 * semicolons and no comma there mean semicolons. Every import has two or more columns
 * whose names hold neither, so the header decides. Undefined until that line has ended.
 */
export function headerDelimiter(bytes: Uint8Array, atEnd: boolean): CsvDelimiter | undefined {
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  let blank = true;
  for (const b of bytes) {
    if (b === QUOTE) inQuotes = !inQuotes;
    if (inQuotes) continue;
    if (b === COMMA) commas++;
    else if (b === SEMICOLON) semicolons++;
    else if (b === LF) {
      if (!blank) return semicolons > 0 && commas === 0 ? ';' : ',';
      commas = semicolons = 0;
    } else if (b > 0x20 && b < 0x7f) blank = false; // header names are ASCII
  }
  return atEnd ? (semicolons > 0 && commas === 0 ? ';' : ',') : undefined;
}

/**
 * Whether the header line ends with a carriage return alone, as old Mac programs end every
 * line: read as CSV, such a file is one long line, and its rows would be reported as
 * column errors instead of what is wrong with the file.
 */
export function headerEndsWithBareCr(bytes: Uint8Array): boolean {
  let inQuotes = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) inQuotes = !inQuotes;
    if (inQuotes) continue;
    if (b === LF) return false;
    if (b === CR && i + 1 < bytes.length && bytes[i + 1] !== LF) return true;
  }
  return false;
}

export function bareCrLineEndings(): FileRejected {
  return new FileRejected([
    {
      line: 1,
      column: '(file)',
      reason:
        'ends its lines with a carriage return alone (as old Mac programs save); save it ' +
        'again as "CSV UTF-8" or "CSV (Comma delimited)", whose lines end with CR LF',
    },
  ]);
}

/** csv-parse's error codes, reported without the cell text (personal data). */
export function csvSyntaxError(line: number, code: string): FileRejected {
  return new FileRejected([
    { line, column: '(file)', reason: `is not valid CSV (${code}); nothing after it was read` },
  ]);
}

export function notUtf8(line: number): FileRejected {
  return new FileRejected([
    { line, column: '(file)', reason: 'is not valid UTF-8 text; nothing after it was read' },
  ]);
}

const SPACE = /\s/;

/**
 * The fields of one whole record (its text without the line ending): RFC 4180 quoting,
 * whitespace around a field (outside quotes) removed. `line` is where the record starts.
 */
export function parseCsvRecord(
  text: string,
  line: number,
  delimiter: CsvDelimiter = ',',
): string[] {
  const lineAt = (pos: number) => line + (text.slice(0, pos).match(/\n/g)?.length ?? 0);
  const fields: string[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && SPACE.test(text[pos])) pos++;
    let value: string;
    if (text[pos] === '"') {
      value = '';
      let from = pos + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) throw csvSyntaxError(lineAt(pos), 'CSV_QUOTE_NOT_CLOSED');
        value += text.slice(from, close);
        if (text[close + 1] !== '"') {
          pos = close + 1;
          break;
        }
        value += '"';
        from = close + 2;
      }
      while (pos < text.length && SPACE.test(text[pos])) pos++;
      if (pos < text.length && text[pos] !== delimiter) {
        throw csvSyntaxError(lineAt(pos), 'CSV_INVALID_CLOSING_QUOTE');
      }
    } else {
      const next = text.indexOf(delimiter, pos);
      const end = next < 0 ? text.length : next;
      value = text.slice(pos, end).trimEnd();
      const quote = value.indexOf('"');
      if (quote >= 0) throw csvSyntaxError(lineAt(pos + quote), 'INVALID_OPENING_QUOTE');
      pos = end;
    }
    fields.push(value);
    if (pos >= text.length) return fields;
    pos++;
  }
}

/**
 * One record for COPY (FORMAT csv), exactly `width` fields: each value quoted, so none
 * reads as NULL or as the end-of-data marker; NUL, which PostgreSQL text cannot hold,
 * is dropped.
 */
export function csvRecord(
  values: readonly string[],
  width: number,
  eol: string,
  delimiter: CsvDelimiter = ',',
): string {
  const fields: string[] = [];
  for (let i = 0; i < width; i++) {
    fields.push(`"${(values[i] ?? '').replace(/\0/g, '').replace(/"/g, '""')}"`);
  }
  return fields.join(delimiter) + eol;
}

/**
 * Splits CSV bytes into records on their way to COPY ... (FORMAT csv) without parsing
 * them: a well-formed record passes on as the very same bytes. The few records
 * PostgreSQL would read otherwise than csv-parse did — whitespace around a value, a field
 * count other than the header's, a line ending unlike the first record's, a stray
 * carriage return or NUL, a quote inside a field — are parsed exactly and rewritten, or
 * refused for broken quoting. Blank lines are dropped. The first record is the header:
 * parsed, not passed on, and given by `header`; its line decides the `delimiter`, which
 * the records passed on keep. Line numbers and wrong field counts go to `notes`.
 */
export class CsvRecordStream extends Transform {
  /** The header's cells, or undefined for a file without any record. */
  readonly header: Promise<readonly string[] | undefined>;
  /** Data records passed on. */
  records = 0;
  /** The file's field delimiter, known once `header` has settled. */
  delimiter: CsvDelimiter = ',';

  private settleHeader!: (cells: readonly string[] | undefined) => void;
  private failHeader!: (error: unknown) => void;
  private width = 0;
  private eol: string | undefined;

  // Scanning state, carried from one chunk to the next.
  private inQuotes = false;
  private afterQuote = false;
  private atFieldStart = true;
  private leadingSpace = false;
  private fields = 1;
  private odd = false;
  private prev = LF;
  private newlines = 0;
  private line = 1;
  private held: Buffer[] = [];
  private heldBytes = 0;
  // The first bytes, kept until the header line has ended and told the delimiter.
  private probe: Buffer[] | undefined = [];
  private delim = COMMA;
  private plain = PLAIN[','];

  constructor(private readonly notes: RecordNotes) {
    super();
    this.header = new Promise((resolve, reject) => {
      this.settleHeader = resolve;
      this.failHeader = reject;
    });
    // Whoever awaits the header sees the error; this only keeps it from going unhandled.
    this.header.catch(() => undefined);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.accept(chunk, false);
      done();
    } catch (error) {
      this.failHeader(error);
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.accept(Buffer.alloc(0), true);
      if (this.inQuotes) throw csvSyntaxError(this.line, 'CSV_QUOTE_NOT_CLOSED');
      // What follows the last line ending: nothing, dropped as a blank line, or a last
      // record without one, read exactly (no record passes on without a line ending).
      this.endRecord(Buffer.alloc(0), 0, 0, 0, '', this.odd, this.fields, this.newlines);
      this.settleHeader(undefined);
      done();
    } catch (error) {
      this.failHeader(error);
      done(error as Error);
    }
  }

  private accept(chunk: Buffer, atEnd: boolean): void {
    if (!this.probe) {
      this.scan(chunk);
      return;
    }
    this.probe.push(chunk);
    const bytes = Buffer.concat(this.probe);
    const delimiter = headerDelimiter(bytes, atEnd || bytes.length > MAX_RECORD_BYTES);
    if (!delimiter) return;
    if (headerEndsWithBareCr(bytes)) throw bareCrLineEndings();
    this.probe = undefined;
    this.delimiter = delimiter;
    this.delim = delimiter.charCodeAt(0);
    this.plain = PLAIN[delimiter];
    this.scan(bytes);
  }

  // The hot loop: state lives in locals and is written back at the end of the chunk.
  private scan(buf: Buffer): void {
    let { inQuotes, afterQuote, atFieldStart, leadingSpace, fields, odd, prev, newlines } = this;
    const { delim, plain } = this;
    let recordStart = 0;
    let passFrom = 0;
    const end = buf.length;
    for (let i = 0; i < end; i++) {
      const b = buf[i];
      if (inQuotes) {
        if (b === QUOTE) {
          inQuotes = false;
          afterQuote = true;
        } else if (b === LF) newlines++;
        else if (b === NUL) odd = true;
        prev = b;
        continue;
      }
      if (prev === CR && b !== LF) odd = true;
      if (afterQuote) {
        afterQuote = false;
        if (b === QUOTE) {
          // "" inside a quoted field
          inQuotes = true;
          prev = b;
          continue;
        }
        if (b !== delim && b !== LF && b !== CR) odd = true;
      } else if (atFieldStart) {
        atFieldStart = false;
        leadingSpace = MAY_BEGIN_SPACE[b] === 1;
        if (b === QUOTE) {
          inQuotes = true;
          prev = b;
          continue;
        }
        if (leadingSpace) odd = true;
      }
      if (plain[b] === 1) {
        // The rest of a bare value: nothing to look at until the next special byte.
        let next = i + 1;
        while (next < end && plain[buf[next]] === 1) next++;
        i = next - 1;
        prev = buf[i];
        continue;
      }
      if (b === delim) {
        if (MAY_END_SPACE[prev] === 1) odd = true;
        fields++;
        atFieldStart = true;
      } else if (b === LF) {
        const crlf = prev === CR;
        if (!crlf && MAY_END_SPACE[prev] === 1) odd = true;
        passFrom = this.endRecord(
          buf,
          recordStart,
          passFrom,
          i + 1,
          crlf ? '\r\n' : '\n',
          odd,
          fields,
          newlines,
        );
        recordStart = i + 1;
        fields = 1;
        odd = false;
        newlines = 0;
        atFieldStart = true;
      } else if (b === CR) {
        if (MAY_END_SPACE[prev] === 1) odd = true;
      } else if (b === QUOTE) {
        // After text, a quote is broken quoting; after spaces it may open the value, so it
        // opens a quoted part (as PostgreSQL would) and the exact reading decides.
        if (!leadingSpace) throw csvSyntaxError(this.line + newlines, 'INVALID_OPENING_QUOTE');
        odd = true;
        inQuotes = true;
      } else if (b === NUL) odd = true;
      prev = b;
    }
    this.pass(buf, passFrom, recordStart);
    if (recordStart < buf.length) {
      this.held.push(buf.subarray(recordStart));
      this.heldBytes += buf.length - recordStart;
      if (this.heldBytes > MAX_RECORD_BYTES) {
        throw csvSyntaxError(this.line, 'CSV_MAX_RECORD_SIZE');
      }
    }
    Object.assign(this, {
      inQuotes,
      afterQuote,
      atFieldStart,
      leadingSpace,
      fields,
      odd,
      prev,
      newlines,
    });
  }

  /**
   * A record ended at `end` (after its line ending `eol`, '' at the end of the file); its
   * first bytes are held or start at `from`. Returns where passing on continues in `buf`.
   */
  private endRecord(
    buf: Buffer,
    from: number,
    passFrom: number,
    end: number,
    eol: string,
    odd: boolean,
    fields: number,
    newlines: number,
  ): number {
    const length = this.heldBytes + (end - from) - eol.length;
    const line = this.line;
    this.line += 1 + newlines;
    const expectedEol = this.eol ?? (eol || '\n');
    // fields is at least 1, so the header (width still 0) never passes on as it is.
    if (length > 0 && !odd && fields === this.width && eol === expectedEol) {
      this.eol = expectedEol;
      this.notes.recordAt(++this.records, line);
      for (const part of this.held) this.push(part);
      this.held = [];
      this.heldBytes = 0;
      return passFrom;
    }
    // Anything else is read exactly, after passing on the records before it.
    this.pass(buf, passFrom, from);
    const text = this.recordText(buf, from, end, length, line);
    // A blank line, or one of spaces only (csv-parse trimmed those to nothing): dropped.
    if (text.trim() === '') return end;
    const values = parseCsvRecord(text, line, this.delimiter);
    if (this.width === 0) {
      this.width = values.length;
      this.settleHeader(values);
      return end;
    }
    this.eol = expectedEol;
    const ord = ++this.records;
    this.notes.recordAt(ord, line);
    if (values.length !== this.width) this.notes.fieldCount(ord, values.length);
    this.push(csvRecord(values, this.width, this.eol, this.delimiter));
    return end;
  }

  private recordText(buf: Buffer, from: number, end: number, length: number, line: number) {
    const bytes = Buffer.concat([...this.held, buf.subarray(from, end)]).subarray(0, length);
    this.held = [];
    this.heldBytes = 0;
    // As PostgreSQL refuses it in the records passed on as they are.
    if (!isUtf8(bytes)) throw notUtf8(line);
    return bytes.toString('utf8');
  }

  private pass(buf: Buffer, from: number, to: number): void {
    if (to > from) this.push(buf.subarray(from, to));
  }
}
