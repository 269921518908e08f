import { pdfPages, renderToBuffer } from './documents.testing';
import { hashesAtTwoTimes, sampleSuratEdaran } from './programme-papers.testing';
import { renderSuratEdaranPdf, type SuratEdaranInput } from './surat-edaran';

const render = (input: SuratEdaranInput = sampleSuratEdaran()) =>
  renderToBuffer((i: SuratEdaranInput, out) => renderSuratEdaranPdf(i, out), input);

describe('Surat Edaran kuota JPS', () => {
  it('prints the heading, the letter number and the quota of every kecamatan with the total', async () => {
    const pages = pdfPages(await render());
    expect(pages).toHaveLength(1);
    const [text] = pages;
    expect(text).toContain('PEMERINTAH KOTA SEMARANG');
    expect(text).toContain('SURAT EDARAN');
    expect(text).toContain('Nomor: 460/1871/VII/2021');
    expect(text).toContain('Yth. Camat se-Kota Semarang');
    expect(text).toMatch(/1\s+33\.74\.01\s+Semarang Tengah\s+1\.200/);
    expect(text).toMatch(/2\s+33\.74\.02\s+Semarang Utara\s+1\.512/);
    expect(text).toMatch(/3\s+33\.74\.03\s+Semarang Timur\s+1\.824/);
    expect(text).toMatch(/Jumlah\s+4\.536/);
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Jumlah kuota seluruhnya 4.536 (empat ribu lima ratus tiga puluh enam) KPM di 3 (tiga) kecamatan.',
    );
    expect(text).toContain('SE3QT-7KD2M');
    expect(text).toContain('Halaman 1 dari 1');
  });

  it('is signed by the Kepala Dinas: the office printed, a name and NIP Salur does not hold left to fill', async () => {
    const [text] = pdfPages(await render());
    expect(text).toContain('Semarang, 20 Juli 2021');
    expect(text).toMatch(/KEPALA DINAS SOSIAL\s+Kota Semarang/);
    expect(text).toMatch(/\(\.{10,}\)\s+NIP\. \.{10,}/);
  });

  it('runs onto more pages for a long table, every page numbered, the total on the last', async () => {
    const quotas = Array.from({ length: 60 }, (_, i) => ({
      kecamatan: { code: `33.74.${String(i + 1).padStart(2, '0')}`, name: `Kecamatan ${i + 1}` },
      quota: 100,
    }));
    const pages = pdfPages(await render(sampleSuratEdaran({ quotas })));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`Halaman ${i + 1} dari ${pages.length}`));
    expect(pages[pages.length - 1]).toContain('6.000 (enam ribu) KPM');
    expect(pages[1]).toContain('(lanjutan)');
  });

  it('gives the same bytes for the same data whenever rendered, other bytes for another quota', async () => {
    const [first, second] = await hashesAtTwoTimes(() => render());
    expect(second).toBe(first);
    const changed = sampleSuratEdaran();
    const [other] = await hashesAtTwoTimes(() =>
      render({
        ...changed,
        quotas: [{ ...changed.quotas[0], quota: 1201 }, ...changed.quotas.slice(1)],
      }),
    );
    expect(other).not.toBe(first);
  });
});
