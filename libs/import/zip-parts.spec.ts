import { crc32 } from 'node:zlib';
import JSZip from 'jszip';
import { FileRejected } from './errors';
import { movePartsLast } from './zip-parts';

async function zipOf(files: Record<string, string>, streamFiles: boolean): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  // streamFiles writes each size after the data (a data descriptor), as streaming writers do.
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles });
}

/**
 * A zip of stored (uncompressed) parts, each size written after its data in a descriptor
 * without the optional signature, as some streaming writers do; `comment` after the end;
 * `extra` in each directory record, as Info-ZIP writes its timestamps.
 */
function zipWithBareDescriptors(
  files: Record<string, string>,
  comment = '',
  extra = Buffer.alloc(0),
): Buffer {
  const locals: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x08, 6);
    local.writeUInt16LE(nameBytes.length, 26);
    const descriptor = Buffer.alloc(12);
    descriptor.writeUInt32LE(crc32(data), 0);
    descriptor.writeUInt32LE(data.length, 4);
    descriptor.writeUInt32LE(data.length, 8);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x08, 8);
    record.writeUInt32LE(crc32(data), 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(data.length, 24);
    record.writeUInt16LE(nameBytes.length, 28);
    record.writeUInt16LE(extra.length, 30);
    record.writeUInt32LE(offset, 42);
    const part = Buffer.concat([local, nameBytes, data, descriptor]);
    locals.push(part);
    records.push(Buffer.concat([record, nameBytes, extra]));
    offset += part.length;
  }
  const directory = Buffer.concat(records);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return Buffer.concat([...locals, directory, end, Buffer.from(comment)]);
}

async function contents(zip: Buffer): Promise<[string, string][]> {
  const read = await JSZip.loadAsync(zip);
  const names = Object.keys(read.files).filter((name) => !read.files[name].dir);
  return Promise.all(names.map(async (name) => [name, await read.files[name].async('string')]));
}

describe('movePartsLast', () => {
  const files = {
    'xl/worksheets/sheet1.xml': '<sheet>one</sheet>'.repeat(50),
    'xl/sharedStrings.xml': '<sst>strings</sst>',
    'xl/worksheets/sheet2.xml': '<sheet>two</sheet>',
    'xl/workbook.xml': '<workbook/>',
  };

  it.each([false, true])(
    'moves the chosen parts last, each unchanged (data descriptors: %s)',
    async (streamFiles) => {
      const zip = await zipOf(files, streamFiles);
      const chunks = movePartsLast(zip, (name) => name.startsWith('xl/worksheets/'));
      const moved = Buffer.concat(chunks);
      // The parts are the same bytes, moved: as long together as before the directory.
      const parts = (chunks.length - 1) / 2;
      expect(Buffer.concat(chunks.slice(0, parts)).length).toBe(zip.readUInt32LE(zip.length - 6));
      expect(await contents(moved)).toEqual([
        ['xl/sharedStrings.xml', files['xl/sharedStrings.xml']],
        ['xl/workbook.xml', files['xl/workbook.xml']],
        ['xl/worksheets/sheet1.xml', files['xl/worksheets/sheet1.xml']],
        ['xl/worksheets/sheet2.xml', files['xl/worksheets/sheet2.xml']],
      ]);
    },
  );

  it('reads parts whose descriptors lack the optional signature, directory records with extra fields, and a zip with a comment', async () => {
    const moved = movePartsLast(zipWithBareDescriptors(files, 'made by hand'), (name) =>
      name.startsWith('xl/worksheets/'),
    );
    expect(await contents(Buffer.concat(moved))).toEqual([
      ['xl/sharedStrings.xml', files['xl/sharedStrings.xml']],
      ['xl/workbook.xml', files['xl/workbook.xml']],
      ['xl/worksheets/sheet1.xml', files['xl/worksheets/sheet1.xml']],
      ['xl/worksheets/sheet2.xml', files['xl/worksheets/sheet2.xml']],
    ]);
    // The parts are the same bytes, moved, and the new end record says where the directory is.
    const original = zipWithBareDescriptors(files, 'made by hand');
    expect(Buffer.concat(moved.slice(0, 4)).length).toBe(
      original.readUInt32LE(original.length - 'made by hand'.length - 6),
    );
    const end = moved[moved.length - 1];
    const directory = Buffer.concat(moved.slice(4, -1));
    expect([end.readUInt16LE(8), end.readUInt16LE(10)]).toEqual([4, 4]);
    expect(end.readUInt32LE(12)).toBe(directory.length);
    expect(end.readUInt32LE(16)).toBe(Buffer.concat(moved.slice(0, 4)).length);
    // Directory records with an extra field (a UT timestamp), and the end record found
    // behind the longest comment a zip can have.
    const timestamp = Buffer.from([0x55, 0x54, 5, 0, 1, 0x60, 0xec, 0x0b, 0x61]);
    const withExtra = zipWithBareDescriptors(files, '', timestamp);
    expect(await contents(Buffer.concat(movePartsLast(withExtra, () => false)))).toHaveLength(4);
    const longComment = zipWithBareDescriptors(files, 'x'.repeat(0xffff));
    expect(await contents(Buffer.concat(movePartsLast(longComment, () => false)))).toHaveLength(4);
  });

  it('refuses what is not a whole zip as an unreadable workbook', async () => {
    const zip = await zipOf(files, false);
    const bare = zipWithBareDescriptors(files);
    const endAt = bare.length - 22;
    const directoryAt = bare.readUInt32LE(endAt + 16);
    /** The hand-made zip with one number in it changed. */
    const damaged = (at: number, value: number, bytes: 2 | 4 = 4) => {
      const copy = Buffer.from(bare);
      if (bytes === 2) copy.writeUInt16LE(value, at);
      else copy.writeUInt32LE(value, at);
      return copy;
    };
    /** The hand-made zip, ending in `comment`, its first part said to start `fromEnd` before the end. */
    const partAt = (comment: string, fromEnd: number) => {
      const copy = zipWithBareDescriptors(files, comment);
      const directory = copy.readUInt32LE(copy.length - comment.length - 6);
      copy.writeUInt32LE(copy.length + fromEnd, directory + 42);
      return copy;
    };
    /** The hand-made zip with a one-record directory said to start `fromEnd` before its end record. */
    const recordAt = (fromEnd: number) => {
      const copy = damaged(endAt + 16, endAt + fromEnd);
      copy.writeUInt32LE(0x02014b50, endAt + fromEnd);
      copy.writeUInt16LE(1, endAt + 10);
      copy.writeUInt32LE(0, endAt + 12);
      return copy;
    };
    for (const bytes of [
      Buffer.from('nik,nama\n'),
      zip.subarray(0, zip.length - 30),
      Buffer.alloc(0),
      // The end record: a directory past its end or longer than it is, ZIP64 sizes, one part
      // too many.
      damaged(endAt + 16, directoryAt + 1),
      damaged(endAt + 12, bare.readUInt32LE(endAt + 12) + 1),
      damaged(endAt + 12, 0xffffffff),
      damaged(endAt + 16, 0xffffffff),
      damaged(endAt + 10, 5, 2),
      // The first directory record: no signature, ZIP64 sizes, a part past the end.
      damaged(directoryAt, 0),
      damaged(directoryAt + 20, 0xffffffff),
      damaged(directoryAt + 42, 0xffffffff),
      damaged(directoryAt + 42, bare.length - 10),
      damaged(directoryAt + 20, bare.length),
      damaged(directoryAt + 28, 0xffff, 2),
      // The last directory record (xl/workbook.xml's) said to run into the end record.
      damaged(endAt - 46 - 'xl/workbook.xml'.length + 32, 1, 2),
      // A part said to end 2 bytes before the file does, too close for its data descriptor.
      damaged(directoryAt + 20, bare.length - 2 - 30 - bare.readUInt16LE(26)),
      // The first part's local header: no signature.
      damaged(0, 0),
      // A local header's signature, or a directory record's, too close to the end to be whole.
      partAt('PK\u0003\u0004', -4),
      recordAt(-4),
    ]) {
      let error: unknown;
      try {
        movePartsLast(bytes, () => true);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FileRejected);
      expect((error as FileRejected).rows).toEqual([
        { line: 1, column: '(file)', reason: 'is not a readable .xlsx workbook' },
      ]);
    }
  });
});
