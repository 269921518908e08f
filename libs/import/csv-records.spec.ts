import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CsvRecordStream, headerDelimiter, MAX_RECORD_BYTES } from './csv-records';
import { FileRejected } from './errors';
import { RecordNotes } from './record-notes';

interface Scanned {
  header: readonly string[] | undefined;
  delimiter: string;
  /** The bytes passed on, as PostgreSQL's COPY (FORMAT csv) would read them. */
  output: string;
  records: string[][];
  lines: number[];
  fieldCounts: Map<number, number>;
}

/** Runs `input` through the stream in chunks of `chunkSize` bytes. */
async function scan(input: string | Buffer, chunkSize = 7): Promise<Scanned> {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const notes = new RecordNotes();
  const records = new CsvRecordStream(notes);
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    records,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  const output = Buffer.concat(out).toString('utf8');
  const problems = notes.recordProblems();
  return {
    header: await records.header,
    delimiter: records.delimiter,
    output,
    // Strict: no trimming, every record as wide as the header.
    records:
      output === ''
        ? []
        : parse(output, { relax_column_count: false, delimiter: records.delimiter }),
    lines: Array.from({ length: records.records }, (_, i) => notes.lineOf(i + 1)),
    fieldCounts: new Map(problems.ord.map((ord, i) => [ord, problems.fieldCount[i] ?? 0])),
  };
}

async function rejection(input: string | Buffer): Promise<FileRejected> {
  const error = await scan(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRejected);
  return error as FileRejected;
}

describe('CsvRecordStream', () => {
  it('passes well-formed records on as the very same bytes, the header kept back', async () => {
    const body = 'x,"a, ""b"""\r\n"multi\r\nline",\r\n';
    const result = await scan(`nik,nama\r\n${body}`);
    expect(result.header).toEqual(['nik', 'nama']);
    expect(result.output).toBe(body);
    expect(result.records).toEqual([
      ['x', 'a, "b"'],
      ['multi\r\nline', ''],
    ]);
    expect(result.lines).toEqual([2, 3]);
  });

  it('gives each record the file line it starts on, across blank lines and quoted newlines', async () => {
    const result = await scan('\uFEFFa,b\n1,2\n\n"x\ny",3\n \t\n 4 ,5,6\n');
    expect(result.header).toEqual(['a', 'b']);
    expect(result.records).toEqual([
      ['1', '2'],
      ['x\ny', '3'],
      ['4', '5'],
    ]);
    expect(result.lines).toEqual([2, 4, 7]);
    expect(result.fieldCounts).toEqual(new Map([[3, 3]]));
  });

  it('rewrites what PostgreSQL would read otherwise: spaces, a short record, another line ending, NUL', async () => {
    const result = await scan('a,b,c\r\n 1 , "2" ,3\r\n4\n5,6\0,7\r\n8,\r9,x');
    expect(result.records).toEqual([
      ['1', '2', '3'],
      ['4', '', ''],
      ['5', '6', '7'],
      ['8', '9', 'x'],
    ]);
    expect(result.fieldCounts).toEqual(new Map([[2, 1]]));
    expect(result.output.split('\r\n')).toHaveLength(5);
  });

  it('reports broken quoting by line and code, without the cell text', async () => {
    const error = await rejection('a,b\n1,2\n"secret"x,1\n');
    expect(error.rows).toEqual([expect.objectContaining({ line: 3, column: '(file)' })]);
    expect(error.rows[0].reason).toMatch(/CSV_INVALID_CLOSING_QUOTE/);
    expect(JSON.stringify(error.rows)).not.toMatch(/secret/);
    expect((await rejection('a,b\n1,x"y\n')).rows[0].reason).toMatch(/INVALID_OPENING_QUOTE/);
    expect((await rejection('a,b\n1,2\n3,"open\n')).rows[0]).toMatchObject({ line: 3 });
  });

  it('passes records on as they are, but rewrites one with spaces before a delimiter or at its end, whatever its line ending', async () => {
    const result = await scan(
      'nik,nama\n3374011006830236,Siti Aminah\n3374011006830237,Budi \n3374011006830238 ,Ani\n1,Dewi\n',
    );
    expect(result.output).toBe(
      '3374011006830236,Siti Aminah\n"3374011006830237","Budi"\n"3374011006830238","Ani"\n1,Dewi\n',
    );
    const excel = await scan(
      'nik;nama\r\n3374011006830236 ;Siti\r\n3374011006830237;Budi \r\n3374011006830238;Ani\r\n',
    );
    expect(excel.output).toBe(
      '"3374011006830236";"Siti"\r\n"3374011006830237";"Budi"\r\n3374011006830238;Ani\r\n',
    );
    // The last record, without a line ending, is read exactly: here its trailing space.
    expect((await scan('nik,nama\n3374011006830236,Siti ')).output).toBe(
      '"3374011006830236","Siti"\n',
    );
  });

  it('drops a blank line in a one-column file too', async () => {
    const result = await scan('nik\n3374011006830236\n\n3374011006830237\n');
    expect(result.records).toEqual([['3374011006830236'], ['3374011006830237']]);
    expect(result.lines).toEqual([2, 4]);
  });

  it('quotes a lone carriage return (a line from an old Mac) so that COPY reads it as data', async () => {
    const result = await scan('nik,nama,alamat\n1,Siti\r2,Budi\n3,Ani,Jl. Pemuda\n');
    expect(result.output).toBe('"1","Siti\r2","Budi"\n3,Ani,Jl. Pemuda\n');
  });

  it('refuses a file whose lines all end with a lone carriage return, saying so and how to save it', async () => {
    const problem = (await rejection('nik,nama,alamat\r1,Siti,Jl. A\r2,Budi,Jl. B\r')).rows;
    expect(problem).toEqual([
      {
        line: 1,
        column: '(file)',
        reason: expect.stringMatching(/^ends its lines with a carriage return alone/),
      },
    ]);
    // A quoted header name may hold one; a CR LF file and a stray CR further down are read.
    expect((await scan('"nik\r",nama\r\n1,Siti\r\n')).header).toEqual(['nik\r', 'nama']);
    expect((await scan('nik,nama\n1,Siti\r2\n')).records).toEqual([['1', 'Siti\r2']]);
  });

  it('reports broken quoting at its own line in a record that spans lines', async () => {
    const at = async (input: string) => (await rejection(input)).rows;
    const quoteError = (line: number, code: string) => [
      { line, column: '(file)', reason: `is not valid CSV (${code}); nothing after it was read` },
    ];
    // The record starts on line 2; its address, in quotes, goes on to line 3.
    const address = 'nik,alamat,nama\n1,"Jl. Pemuda\nRT 01",';
    expect(await at(`${address} Siti Aminah "Ani"\n`)).toEqual(
      quoteError(3, 'INVALID_OPENING_QUOTE'),
    );
    expect(await at(`${address}Siti Aminah "Ani"\n`)).toEqual(
      quoteError(3, 'INVALID_OPENING_QUOTE'),
    );
    expect(await at('nik,nama,alamat\n1,"Siti" Aminah,"Jl. Pemuda\nRT 01"\n')).toEqual(
      quoteError(2, 'CSV_INVALID_CLOSING_QUOTE'),
    );
  });

  it('refuses bytes that are not UTF-8 in a record it reads, naming the line and not the bytes', async () => {
    const notUtf8 = Buffer.from([0xc3, 0x28]);
    const file = (...parts: (string | Buffer)[]) =>
      Buffer.concat(parts.map((part) => (Buffer.isBuffer(part) ? part : Buffer.from(part))));
    for (const [input, line] of [
      [file('a,', notUtf8, '\n1,2\n'), 1],
      [file('a,b\n1,2\n ', notUtf8, ',3\n'), 3],
      [file('a,b\n1,2\n\n"x\ny",', notUtf8), 4],
    ] as const) {
      expect((await rejection(input)).rows).toEqual([
        { line, column: '(file)', reason: 'is not valid UTF-8 text; nothing after it was read' },
      ]);
    }
  });

  it('refuses a record longer than any proposal row: a quote left open', async () => {
    const error = await rejection(`a,b\n1,"${'x'.repeat(MAX_RECORD_BYTES)}`);
    expect(error.rows[0]).toMatchObject({ line: 2 });
    expect(error.rows[0].reason).toMatch(/CSV_MAX_RECORD_SIZE/);
  });

  it('reads a last record of exactly MAX_RECORD_BYTES, however the chunks fall', async () => {
    const value = 'x'.repeat(MAX_RECORD_BYTES - 2);
    expect((await scan(`a,b\n1,${value}`, 64 * 1024)).records).toEqual([['1', value]]);
  });

  it('reads semicolon-separated files as Excel writes them under Indonesian settings', async () => {
    const result = await scan(
      '\uFEFFnik;nama;alamat\r\n1;"Siti; Aminah";Jl. Pemuda 1, Semarang\r\n2 ; x;\r\n',
    );
    expect(result.delimiter).toBe(';');
    expect(result.header).toEqual(['nik', 'nama', 'alamat']);
    expect(result.records).toEqual([
      ['1', 'Siti; Aminah', 'Jl. Pemuda 1, Semarang'],
      ['2', 'x', ''],
    ]);
    // The header line decides, even when it arrives one byte at a time after blank lines.
    const late = await scan('\n  \na;b\n1,5;2\n', 1);
    expect(late.delimiter).toBe(';');
    expect(late.records).toEqual([['1,5', '2']]);
  });

  it('takes the delimiter from the header line: semicolons and no comma, or else commas', () => {
    const at = (text: string, atEnd = false) => headerDelimiter(Buffer.from(text), atEnd);
    expect(at('nik;nama\n1,2;3')).toBe(';');
    expect(at('nik,nama\n1;2,3')).toBe(',');
    expect(at('nik;nama,x\n')).toBe(',');
    expect(at('"a;b",c\n')).toBe(',');
    expect(at('"a,b";c\n')).toBe(';');
    expect(at('\uFEFF\r\n \t\nnik;nama\n')).toBe(';');
    expect(at('nik;nama')).toBeUndefined();
    expect(at('nik;nama', true)).toBe(';');
    expect(at('nik;nama,x', true)).toBe(',');
    expect(at('nik', true)).toBe(',');
    expect(at('"nik\n;nama"')).toBeUndefined();
  });

  it('reads any file as csv-parse did (trim, blank lines skipped, any field count)', async () => {
    // No CR inside values: csv-parse counted a quoted CR LF as two lines (the first test
    // has one, counted once).
    const value = fc.string({
      unit: fc.constantFrom('a', '7', ' ', '\t', ',', ';', '"', '\n', 'é', '\u00a0'),
      maxLength: 6,
    });
    // How a value is written: quoted, or bare when nothing in it needs quotes (neither
    // delimiter, whichever the file uses).
    const field = fc
      .tuple(value, fc.boolean(), fc.constantFrom('', ' ', '\t '), fc.constantFrom('', ' '))
      .map(([text, quoted, before, after]) =>
        quoted || /[",;\n\r]/.test(text)
          ? `${before}"${text.replace(/"/g, '""')}"${after}`
          : `${before}${text}${after}`,
      );
    const file = fc.record({
      delimiter: fc.constantFrom(',', ';'),
      width: fc.integer({ min: 2, max: 4 }),
      eol: fc.constantFrom('\n', '\r\n'),
      rows: fc.array(
        fc.oneof(
          { weight: 6, arbitrary: fc.array(field, { minLength: 1, maxLength: 5 }) },
          { weight: 1, arbitrary: fc.constantFrom([], ['  ']) },
        ),
        { maxLength: 8 },
      ),
      finalEol: fc.boolean(),
      chunkSize: fc.integer({ min: 1, max: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(file, async ({ delimiter, width, eol, rows, finalEol, chunkSize }) => {
        const header = ['a', 'b', 'c', 'd'].slice(0, width).join(delimiter);
        const text =
          [header, ...rows.map((row) => row.join(delimiter))].join(eol) + (finalEol ? eol : '');

        // The options the importer used with csv-parse.
        const expected = parse(text, {
          delimiter,
          bom: true,
          relax_column_count: true,
          skip_empty_lines: true,
          trim: true,
          info: true,
        }) as unknown as { record: string[]; info: { lines: number; empty_lines: number } }[];
        let previousEnd = expected[0].info.lines;
        let previousEmpty = expected[0].info.empty_lines;
        const lines = expected.slice(1).map(({ info }) => {
          const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
          previousEnd = info.lines;
          previousEmpty = info.empty_lines;
          return line;
        });
        const data = expected.slice(1).map(({ record }) => record);

        const result = await scan(text, chunkSize);
        expect(result.delimiter).toBe(delimiter);
        expect(result.header).toEqual(expected[0].record);
        expect(result.records).toEqual(
          data.map((record) => Array.from({ length: width }, (_, i) => record[i] ?? '')),
        );
        expect(result.lines).toEqual(lines);
        expect(result.fieldCounts).toEqual(
          new Map(
            data.flatMap((record, i) =>
              record.length === width ? [] : [[i + 1, record.length] as const],
            ),
          ),
        );
      }),
      { numRuns: 500 },
    );
  });
});
