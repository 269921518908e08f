import { pdfPages, renderToBuffer } from './documents.testing';
import {
  hashesAtTwoTimes,
  sampleAmendingSk,
  sampleSk,
  sampleSkPerson,
} from './programme-papers.testing';
import { renderSkPdf, type SkInput } from './sk';

const render = (input: SkInput, nik: 'masked' | 'full' = 'masked') =>
  renderToBuffer(renderSkPdf, input, { nik });

describe('SK Walikota penetapan penerima', () => {
  const count = 130;
  let pages: string[];
  beforeAll(async () => {
    pages = pdfPages(await render(sampleSk(count)));
  });
  const flat = (text: string) => text.replace(/\s+/g, ' ');

  it('decrees the recipients with their counts per kecamatan and kelurahan, amount and total value', () => {
    const body = flat(pages[0]);
    expect(body).toContain('KEPUTUSAN WALIKOTA SEMARANG');
    expect(body).toContain('NOMOR 463/447/2021');
    expect(body).toContain('PENETAPAN PENERIMA BANTUAN JARING PENGAMAN SOSIAL (JPS) PAKET SEMBAKO');
    expect(body).toContain(
      'sejumlah 130 (seratus tiga puluh) Keluarga Penerima Manfaat (KPM) di 1 (satu) kecamatan dan 2 (dua) kelurahan',
    );
    expect(pages[0]).toMatch(/1\s+Semarang Tengah\s+Miroto\s+65/);
    expect(pages[0]).toMatch(/2\s+Semarang Tengah\s+Pekunden\s+65/);
    expect(pages[0]).toMatch(/Jumlah Kecamatan Semarang Tengah\s+130/);
    expect(body).toContain('senilai Rp 200.000 (dua ratus ribu rupiah)');
    expect(body).toContain('seluruhnya Rp 26.000.000 (dua puluh enam juta rupiah)');
    expect(body).not.toContain('Lampiran II');
  });

  it('is signed by the Walikota (no NIP line) under the decree and under the lampiran', () => {
    const signed = pages.filter(
      (p) => p.includes('WALIKOTA SEMARANG,') && p.includes('Semarang, 20 Juli 2021'),
    );
    expect(signed.length).toBe(2);
    expect(pages.join('\n')).not.toContain('NIP.');
    expect(pages[0]).toMatch(/\(\.{10,}\)/);
  });

  it('lists every person in the lampiran once, in order, NIK masked, with address and kelurahan', () => {
    const lampiran = pages.slice(1).join('\n');
    expect(lampiran).toContain('LAMPIRAN I');
    expect(lampiran).toContain('DAFTAR PENERIMA BANTUAN');
    const numbered = [
      ...lampiran.matchAll(
        /^\s*(\d+)\s+\*{12}(\d{4})\s+WARGA (\d+) BINTI SUPARMAN\s+(.+?)\s{2,}(Miroto|Pekunden)\s*$/gm,
      ),
    ];
    expect(numbered.map((m) => Number(m[1]))).toEqual(
      Array.from({ length: count }, (_, i) => i + 1),
    );
    expect(numbered.every((m) => m[3] === m[1] && Number(m[2]) === Number(m[1]))).toBe(true);
    expect(numbered[0][4]).toBe(sampleSkPerson(0).address);
    expect(numbered[1][5]).toBe('Pekunden');
    expect(lampiran).not.toMatch(/\d{16}/);
    expect(flat(lampiran)).toContain('Jumlah penerima: 130 (seratus tiga puluh) KPM.');
  });

  it('numbers every page "Halaman x dari y"', () => {
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, i) => expect(page).toContain(`Halaman ${i + 1} dari ${pages.length}`));
  });

  it('prints full NIKs only when asked to', async () => {
    const text = pdfPages(await render(sampleSk(3), 'full')).join('\n');
    expect(text).toContain(sampleSkPerson(2).nik);
  });

  it('an amending SK prints what it changes: the SK amended, the reason, persons added and removed', async () => {
    const amending = pdfPages(await render(sampleAmendingSk(40, 3, 2)));
    const body = flat(amending[0]);
    expect(body).toContain('NOMOR 463/447.1/2021');
    expect(body).toContain('PERUBAHAN ATAS KEPUTUSAN WALIKOTA SEMARANG NOMOR 463/447/2021');
    expect(body).toContain('bahwa terdapat penerima yang pindah domisili');
    expect(body).toContain('ditambahkan 3 (tiga) penerima dan dikeluarkan 2 (dua) penerima');
    const changes = amending.slice(amending.findIndex((p) => p.includes('LAMPIRAN II'))).join('\n');
    expect(changes).toContain('PERUBAHAN DAFTAR PENERIMA');
    expect(changes.match(/Ditambahkan$/gm)).toHaveLength(3);
    expect(changes.match(/Dikeluarkan$/gm)).toHaveLength(2);
    expect(changes).toMatch(/1\s+\*{12}0001\s+WARGA 10001 BINTI/);
    expect(changes).not.toMatch(/\d{16}/);
  });

  it('refuses rows that do not match the announced count (page numbers would lie)', async () => {
    await expect(render(sampleSk(5, { recipientCount: 6 }))).rejects.toThrow(
      '5 given, 6 announced',
    );
  });

  it('gives the same bytes for the same data whenever rendered, other bytes for another amount', async () => {
    const [first, second] = await hashesAtTwoTimes(() => render(sampleSk(50)));
    expect(second).toBe(first);
    const [other] = await hashesAtTwoTimes(() => render(sampleSk(50, { amountPerKpm: 250_000 })));
    expect(other).not.toBe(first);
  });
});
