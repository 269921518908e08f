import { createHash } from 'node:crypto';
import { renderBaPemeriksaanPdf } from './ba-pemeriksaan';
import { atTime, pdfPages, renderToBuffer } from './documents.testing';
import { sampleBaPemeriksaan } from './kecamatan-papers.testing';
import type { BaPemeriksaanInput } from './ba-pemeriksaan';

const render = (input: BaPemeriksaanInput = sampleBaPemeriksaan()) =>
  renderToBuffer((i: BaPemeriksaanInput, out) => renderBaPemeriksaanPdf(i, out), input);
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('BA Pemeriksaan', () => {
  it('lists each inspection round in order: presented, counted, passed, failed and why', async () => {
    const pages = pdfPages(await render());
    expect(pages).toHaveLength(1);
    const [text] = pages;
    expect(text).toContain('PEMERINTAH KOTA SEMARANG');
    expect(text).toContain('BERITA ACARA PEMERIKSAAN BARANG');
    expect(text).toContain('Nomor: BAPB/33.74.01/JPS-2021');
    expect(flat(text)).toContain('Pada hari ini Selasa, tanggal 20 Juli 2021');
    expect(text).toMatch(/Penyedia\s+: CV Sumber Pangan Sejahtera/);
    expect(text).toMatch(/Surat Perintah Kerja\s+: 027\/SPK\/2021/);
    expect(text).toMatch(/Jumlah dipesan\s+: 1250 \(seribu dua ratus lima puluh\) paket/);
    const rounds = [
      ...text.matchAll(
        /^\s*(\d)\s+(\d+ \w+ 2021)\s+(BA-PB-\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/gm,
      ),
    ];
    expect(rounds.map((r) => r.slice(1, 8))).toEqual([
      ['1', '18 Juli 2021', 'BA-PB-01', '1250', '1250', '1238', '12'],
      ['2', '20 Juli 2021', 'BA-PB-02', '12', '12', '12', '0'],
    ]);
    expect(flat(text)).toContain('Tidak memenuhi syarat: Beras dalam 12 paket berkutu');
    expect(rounds[1][8]).toContain('Memenuhi syarat');
    expect(flat(text)).toContain(
      'Sampai dengan pemeriksaan ke-2, barang yang memenuhi syarat berjumlah 1250 (seribu dua ratus lima puluh) paket',
    );
    expect(flat(text)).toContain('Seluruh barang memenuhi syarat dan dapat diserahterimakan');
    expect(text).toContain('Halaman 1 dari 1');
    expect(text).toContain('PB7K2-QX4MA');
  });

  it('after a failed round says what goes back to the vendor to be inspected again', async () => {
    const first = sampleBaPemeriksaan().rounds.slice(0, 1);
    const text = flat(pdfPages(await render(sampleBaPemeriksaan({ rounds: first })))[0]);
    expect(text).toContain('berjumlah 1238 (seribu dua ratus tiga puluh delapan) paket dari 1250');
    expect(text).toContain(
      'Sebanyak 12 (dua belas) paket tidak memenuhi syarat dan dikembalikan kepada Penyedia',
    );
    expect(text).not.toContain('Seluruh barang memenuhi syarat');
  });

  it('has signature blocks for Mengetahui PPK / Kepala Dinas, the vendor and Tim Pemeriksa', async () => {
    const [text] = pdfPages(await render());
    expect(text).toMatch(/Mengetahui,\s+PENYEDIA\s+TIM PEMERIKSA/);
    expect(text).toMatch(
      /PPK \/ Kepala Dinas Sosial\s+CV Sumber Pangan Sejahtera\s+Ketua Tim Pemeriksa Barang/,
    );
    expect(text).toContain('Semarang, 20 Juli 2021');
    expect(text.match(/\(\.+\)/g)).toHaveLength(3);
  });

  it('continues a long list of rounds on the next pages, numbered "Halaman x dari y"', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      ...sampleBaPemeriksaan().rounds[0],
      inspectionId: `BA-PB-${i + 1}`,
    }));
    const pages = pdfPages(await render(sampleBaPemeriksaan({ rounds: many })));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`Halaman ${i + 1} dari ${pages.length}`));
    expect(pages[1]).toContain('BA Pemeriksaan - Nomor BAPB/33.74.01/JPS-2021 (lanjutan)');
    expect(pages[1]).toContain('Dihitung');
    const listed = pages.join('\n').match(/BA-PB-\d+/g);
    expect(listed).toEqual(many.map((r) => r.inspectionId));
  });

  it('is the same bytes at two wall-clock times, and other bytes for another count', async () => {
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const morning = sha(await atTime('2021-07-20T01:00:00Z', () => render()));
    const later = sha(await atTime('2030-01-05T17:30:00Z', () => render()));
    expect(later).toBe(morning);
    const other = sampleBaPemeriksaan({ ordered: 1251 });
    expect(sha(await render(other))).not.toBe(morning);
  });
});
