import { pdfPages, renderToBuffer } from './documents.testing';
import { hashesAtTwoTimes, sampleSpk } from './programme-papers.testing';
import { contractDays, kuantitas, renderSpkPdf, type SpkInput } from './spk';

const render = (input: SpkInput = sampleSpk()) =>
  renderToBuffer((i: SpkInput, out) => renderSpkPdf(i, out), input);

describe('SPK ringkasan', () => {
  it('prints the vendor, the items per parcel, parcel value, parcels, total value and dates', async () => {
    const pages = pdfPages(await render());
    expect(pages).toHaveLength(1);
    const [text] = pages;
    expect(text).toContain('SURAT PERINTAH KERJA (SPK)');
    expect(text).toContain('Nomor: 027/SPK/JPS/VII/2021');
    expect(text).toMatch(/Penyedia\s+: CV Sumber Pangan Sejahtera/);
    expect(text).toMatch(/Jumlah paket\s+: 4\.536 \(empat ribu lima ratus tiga puluh enam\) paket/);
    expect(text).toMatch(/Nilai per paket\s+: Rp 200\.000 \(dua ratus ribu rupiah\)/);
    expect(text).toMatch(
      /Nilai SPK\s+: Rp 907\.200\.000 \(sembilan ratus tujuh juta dua ratus ribu rupiah\)/,
    );
    expect(text).toMatch(
      /14 Juli 2021 s\.d\. 13 Agustus 2021 \(31 \(tiga puluh satu\) hari kalender\)/,
    );
    expect(text).toContain('Keputusan Walikota Nomor 463/447/2021 tanggal 19 Juli 2021');
    expect(text).toMatch(/1\s+Beras medium\s+10\s+kg\s+45\.360/);
    expect(text).toMatch(/2\s+Minyak goreng\s+2\s+liter\s+9\.072/);
    expect(text).toMatch(/3\s+Gula pasir\s+1,5\s+kg\s+6\.804/);
    expect(text).toContain('Halaman 1 dari 1');
  });

  it('has a signature block for the vendor and for the Pejabat Pembuat Komitmen', async () => {
    const [text] = pdfPages(await render());
    expect(text).toMatch(/PENYEDIA\s+PEJABAT PEMBUAT KOMITMEN/);
    expect(text).toMatch(/Direktur CV Sumber Pangan Sejahtera\s+Dinas Sosial Kota Semarang/);
    // The vendor's director has no NIP; the officer's is left to fill.
    expect(text.match(/NIP\./g)).toHaveLength(1);
  });

  it('writes quantities and durations the Indonesian way', () => {
    expect(kuantitas(2.5)).toBe('2,5');
    expect(kuantitas(0.25)).toBe('0,25');
    expect(kuantitas(800_000)).toBe('800.000');
    expect(contractDays('2021-07-14', '2021-07-14')).toBe(1);
    expect(contractDays('2021-07-14', '2021-08-13')).toBe(31);
  });

  it('gives the same bytes for the same data whenever rendered, other bytes for another vendor', async () => {
    const [first, second] = await hashesAtTwoTimes(() => render());
    expect(second).toBe(first);
    const [other] = await hashesAtTwoTimes(() =>
      render(sampleSpk({ vendor: { id: 'v2', name: 'CV Lain' } })),
    );
    expect(other).not.toBe(first);
  });
});
