import JSZip from 'jszip';
import { FileRejected } from './errors';
import { movePartsLast } from './zip-parts';

async function zipOf(files: Record<string, string>, streamFiles: boolean): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  // streamFiles writes each size after the data (a data descriptor), as streaming writers do.
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles });
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
      const moved = Buffer.concat(
        movePartsLast(await zipOf(files, streamFiles), (name) => name.startsWith('xl/worksheets/')),
      );
      expect(await contents(moved)).toEqual([
        ['xl/sharedStrings.xml', files['xl/sharedStrings.xml']],
        ['xl/workbook.xml', files['xl/workbook.xml']],
        ['xl/worksheets/sheet1.xml', files['xl/worksheets/sheet1.xml']],
        ['xl/worksheets/sheet2.xml', files['xl/worksheets/sheet2.xml']],
      ]);
    },
  );

  it('refuses what is not a whole zip as an unreadable workbook', async () => {
    const zip = await zipOf(files, false);
    for (const bytes of [
      Buffer.from('nik,nama\n'),
      zip.subarray(0, zip.length - 30),
      Buffer.alloc(0),
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
