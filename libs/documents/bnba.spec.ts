import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { bnbaPagePlan, renderBnbaPdf, renderBnbaXlsx } from './bnba';
import {
  atTime,
  pdfPages,
  renderToBuffer,
  sampleBnba,
  samplePerson,
  samplePersons,
  SEMARANG,
  SIGNED_BNBA_HEADER,
  xlsxRows,
} from './documents.testing';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('BNBA as PDF', () => {
  const count = 60;
  let pages: string[];
  beforeAll(async () => {
    pages = pdfPages(await renderToBuffer(renderBnbaPdf, sampleBnba(count)));
  });

  it('prints the heading passed in, the number, date and basis on its first page', () => {
    expect(pages[0]).toContain('PEMERINTAH KOTA SEMARANG');
    expect(pages[0]).toContain('DINAS SOSIAL');
    expect(pages[0]).toContain('DAFTAR PENERIMA BANTUAN (BY NAME BY ADDRESS)');
    expect(pages[0]).toContain('Nomor: BNBA/33.74.01.1001/JPS-2021');
    expect(pages[0]).toContain('Keputusan Walikota Nomor 463/447/2021 tanggal 19 Juli 2021');
    expect(pages[0]).toMatch(/Kelurahan\s+: Miroto \(33\.74\.01\.1001\)/);
    expect(pages[0]).toMatch(/Jumlah penerima\s+: 60 orang/);
    expect(pages[0]).toContain('7KQ2M-XD4PA');
  });

  it('lists every person once, in order, with the columns of the SOP and the NIK masked', () => {
    const text = pages.join('\n');
    for (const header of ['No', 'NIK', 'Nama', 'Alamat', 'RT/RW', 'Tanda tangan']) {
      expect(pages[0]).toContain(header);
    }
    const numbered = [...text.matchAll(/^\s*(\d+)\s+\*{12}(\d{4})\s+WARGA (\d+) BINTI/gm)];
    expect(numbered.map((m) => Number(m[1]))).toEqual(
      Array.from({ length: count }, (_, i) => i + 1),
    );
    expect(numbered.every((m) => Number(m[2]) === Number(m[1]) && m[3] === m[1])).toBe(true);
    expect(text).toContain(samplePerson(0).address);
    expect(text).toContain(samplePerson(0).rtRw);
    // No full NIK anywhere: 16 digits in a row never appear.
    expect(text).not.toMatch(/\d{16}/);
  });

  it('numbers every page "Halaman x dari y", y being the planned page count', () => {
    const planned = bnbaPagePlan(sampleBnba(count).facts, count).pages;
    expect(pages).toHaveLength(planned);
    expect(planned).toBeGreaterThan(1);
    pages.forEach((page, index) => expect(page).toContain(`Halaman ${index + 1} dari ${planned}`));
  });

  it('ends with the count and the signature blocks of the Camat and the Lurah', () => {
    const last = pages[pages.length - 1];
    expect(last).toContain('Jumlah penerima pada daftar ini: 60 (enam puluh) orang.');
    expect(last).toContain('Mengetahui,');
    expect(last).toContain('Camat Semarang Tengah');
    expect(last).toContain('Lurah Miroto');
    expect(last).toContain('Semarang, 20 Juli 2021');
    expect(last.match(/NIP\./g)).toHaveLength(2);
  });

  it('puts the signatures on a page of their own when the rows fill the last page', async () => {
    const facts = sampleBnba(1).facts;
    const { rowsOnFirst, rowsOnNext } = bnbaPagePlan(facts, 1);
    const full = rowsOnFirst + rowsOnNext;
    expect(bnbaPagePlan(facts, full).pages).toBe(3);
    const pages = pdfPages(await renderToBuffer(renderBnbaPdf, sampleBnba(full)));
    expect(pages).toHaveLength(3);
    expect(pages[1]).toContain(`WARGA ${full} BINTI`);
    expect(pages[1]).not.toContain('Lurah Miroto');
    expect(pages[2]).toContain('Lurah Miroto');
    expect(pages[2]).toContain('Halaman 3 dari 3');
  });

  it('prints full NIKs only when asked to', async () => {
    const full = pdfPages(await renderToBuffer(renderBnbaPdf, sampleBnba(3), { nik: 'full' })).join(
      '\n',
    );
    expect(full).toContain(samplePerson(2).nik);
  });

  it('takes its heading from the data: another issuer prints its own', async () => {
    const demak = { ...SEMARANG, government: 'Pemerintah Kabupaten Demak', place: 'Demak' };
    const input = sampleBnba(2, { facts: { ...sampleBnba(2).facts, issuer: demak } });
    const text = pdfPages(await renderToBuffer(renderBnbaPdf, input)).join('\n');
    expect(text).toContain('PEMERINTAH KABUPATEN DEMAK');
    expect(text).toContain('Demak, 20 Juli 2021');
    expect(text).not.toContain('SEMARANG,');
  });

  it('refuses rows that do not match the announced count (page numbers would lie)', async () => {
    await expect(
      renderToBuffer(renderBnbaPdf, sampleBnba(5, { rows: () => samplePersons(4) })),
    ).rejects.toThrow('4 given, 5 announced');
    await expect(
      renderToBuffer(renderBnbaPdf, sampleBnba(5, { rows: () => samplePersons(6) })),
    ).rejects.toThrow('more than the 5 announced');
  });

  it('gives the same bytes for the same data, whenever it is rendered', async () => {
    const first = await atTime('2026-01-01T08:00:00Z', () =>
      renderToBuffer(renderBnbaPdf, sampleBnba(40)),
    );
    const second = await atTime('2030-06-15T23:59:59Z', () =>
      renderToBuffer(renderBnbaPdf, sampleBnba(40)),
    );
    expect(sha256(second)).toBe(sha256(first));
    // Dated by the document itself, not the clock.
    expect(first.toString('latin1')).toContain('(D:20210720000000Z)');
    const changed = await renderToBuffer(
      renderBnbaPdf,
      sampleBnba(40, { facts: { ...sampleBnba(40).facts, date: '2021-07-21' } }),
    );
    expect(sha256(changed)).not.toBe(sha256(first));
  });
});

describe('BNBA as XLSX', () => {
  it('holds the same list, NIK masked, with the header facts above it', async () => {
    const rows = await xlsxRows(await renderToBuffer(renderBnbaXlsx, sampleBnba(25)));
    const values = (row: number) => rows[row - 1];
    expect(values(1)).toEqual(['PEMERINTAH KOTA SEMARANG']);
    expect(values(4)).toEqual(['Nomor', 'BNBA/33.74.01.1001/JPS-2021']);
    // The columns of the SOP, then those the office fills in at distribution.
    expect(values(13)).toEqual(SIGNED_BNBA_HEADER);
    expect(values(14)).toEqual([
      1,
      '************0001',
      'WARGA 1 BINTI SUPARMAN',
      samplePerson(0).address,
      samplePerson(0).rtRw,
    ]);
    expect(rows[37][0]).toBe(25);
    expect(rows).toHaveLength(38);
  });

  it('gives the same bytes whenever it is rendered: zip entries and properties carry the document date', async () => {
    const first = await atTime('2026-01-01T08:00:00Z', () =>
      renderToBuffer(renderBnbaXlsx, sampleBnba(10)),
    );
    const second = await atTime('2030-06-15T23:59:59Z', () =>
      renderToBuffer(renderBnbaXlsx, sampleBnba(10)),
    );
    expect(sha256(second)).toBe(sha256(first));
    const zip = await JSZip.loadAsync(first);
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString().slice(0, 10)));
    expect([...dates]).toEqual(['2021-07-20']);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('2021-07-20T00:00:00Z');
    expect(core).not.toMatch(/20(2[6-9]|30)-/);
  });
});
