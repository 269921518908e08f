import { createHash } from 'node:crypto';
import { renderBastPdf } from './bast';
import { pdfPages, renderToBuffer, sampleBast } from './documents.testing';

const render = (parcels: number) =>
  renderToBuffer((input, out) => renderBastPdf(input, out), sampleBast(parcels));

describe('BAST per kelurahan', () => {
  it('names both parties, the parcels in figures and words, the BNBA and the SK', async () => {
    const pages = pdfPages(await render(312));
    expect(pages).toHaveLength(1);
    const [text] = pages;
    const flat = text.replace(/\s+/g, ' ');
    expect(text).toContain('PEMERINTAH KOTA SEMARANG');
    expect(text).toContain('BERITA ACARA SERAH TERIMA');
    expect(text).toContain('Nomor: BAST/33.74.01.1001/JPS-2021');
    expect(flat).toContain('Pada hari ini Selasa, tanggal 20 Juli 2021');
    expect(flat).toContain('selanjutnya disebut PIHAK PERTAMA');
    expect(flat).toContain('selanjutnya disebut PIHAK KEDUA');
    expect(flat).toContain('sejumlah 312 (tiga ratus dua belas) paket');
    expect(flat).toContain('Nomor BNBA/33.74.01.1001/JPS-2021');
    expect(flat).toContain('Keputusan Walikota Nomor 463/447/2021 tanggal 19 Juli 2021');
    expect(text).toContain('Halaman 1 dari 1');
    expect(text).toContain('M3TQ8-2HX5C');
  });

  it('has a signature block for each party: known names printed, unknown ones left to fill', async () => {
    const [text] = pdfPages(await render(5));
    expect(text).toMatch(/PIHAK KEDUA\s+PIHAK PERTAMA/);
    expect(text).toMatch(/Lurah Miroto\s+Camat Semarang Tengah/);
    expect(text).toContain('Semarang, 20 Juli 2021');
    expect(text).toMatch(/Sri Rahayu\s+\(\.+\)/);
    // An NIP typed as 18 digits is printed in its four groups.
    expect(text).toMatch(/NIP\. 19700101 199003 2 001\s+NIP\. \.+/);
    expect(text).not.toContain('197001011990032001');
  });

  it('is the same bytes for the same data and other bytes for another count', async () => {
    const hash = async (parcels: number) =>
      createHash('sha256')
        .update(await render(parcels))
        .digest('hex');
    expect(await hash(12)).toBe(await hash(12));
    expect(await hash(13)).not.toBe(await hash(12));
  });
});
