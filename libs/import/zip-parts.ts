import { FileRejected } from './errors';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const HAS_DATA_DESCRIPTOR = 0x08;
const ZIP64_MARK = 0xffffffff;

export function unreadableWorkbook(): FileRejected {
  return new FileRejected([
    { line: 1, column: '(file)', reason: 'is not a readable .xlsx workbook' },
  ]);
}

interface Part {
  readonly name: string;
  /** The local header, the compressed data and any data descriptor, as in the file. */
  readonly bytes: Buffer;
  /** The part's central directory record, as in the file. */
  readonly record: Buffer;
}

/**
 * The same zip with the parts that `later` picks moved after all the others, as chunks to
 * stream: each part's bytes are views of the original (nothing is decompressed or copied),
 * then a new central directory. A streaming reader then meets the parts in the order it
 * needs them, whatever order the writer chose: Excel, for one, writes the shared strings
 * after the sheets that refer to them.
 */
export function movePartsLast(zip: Buffer, later: (name: string) => boolean): Buffer[] {
  const parts = readParts(zip);
  const ordered = [...parts.filter((p) => !later(p.name)), ...parts.filter((p) => later(p.name))];
  const records: Buffer[] = [];
  let offset = 0;
  for (const part of ordered) {
    const record = Buffer.from(part.record);
    record.writeUInt32LE(offset, 42);
    records.push(record);
    offset += part.bytes.length;
  }
  const directorySize = records.reduce((sum, r) => sum + r.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(ordered.length, 8);
  end.writeUInt16LE(ordered.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return [...ordered.map((p) => p.bytes), ...records, end];
}

/** The parts listed in the zip's central directory; anything inconsistent is refused. */
function readParts(zip: Buffer): Part[] {
  const end = findEndOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  let at = zip.readUInt32LE(end + 16);
  if (directorySize === ZIP64_MARK || at === ZIP64_MARK || at + directorySize > end) {
    throw unreadableWorkbook();
  }
  const parts: Part[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw unreadableWorkbook();
    const flags = zip.readUInt16LE(at + 8);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const recordLength = 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (at + recordLength > end || compressedSize === ZIP64_MARK || local === ZIP64_MARK) {
      throw unreadableWorkbook();
    }
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    parts.push({
      name,
      bytes: zip.subarray(local, localPartEnd(zip, local, compressedSize, flags)),
      record: zip.subarray(at, at + recordLength),
    });
    at += recordLength;
  }
  return parts;
}

function findEndOfDirectory(zip: Buffer): number {
  // The record is 22 bytes and may be followed by a comment of up to 65,535 bytes.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw unreadableWorkbook();
}

function localPartEnd(zip: Buffer, local: number, compressedSize: number, flags: number): number {
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_HEADER) {
    throw unreadableWorkbook();
  }
  let end = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  end += compressedSize;
  if (flags & HAS_DATA_DESCRIPTOR) {
    // CRC and the two sizes, with or without the descriptor's optional signature.
    end += end + 4 <= zip.length && zip.readUInt32LE(end) === DATA_DESCRIPTOR ? 16 : 12;
  }
  if (end > zip.length) throw unreadableWorkbook();
  return end;
}
