import { createHash } from 'node:crypto';
import { renderBastVendorPdf, type BastVendorInput } from './bast-vendor';
import { atTime, pdfPages, renderToBuffer } from './documents.testing';
import { sampleBastVendor } from './kecamatan-papers.testing';

const render = (input: BastVendorInput = sampleBastVendor()) =>
  renderToBuffer((i: BastVendorInput, out) => renderBastVendorPdf(i, out), input);
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('BAST from the vendor to the kecamatan', () => {
  it("hands over this delivery's parcels on the schedule the kecamatan agreed to", async () => {
    const pages = pdfPages(await render());
    expect(pages).toHaveLength(1);
    const [text] = pages;
    expect(text).toContain('BERITA ACARA SERAH TERIMA BARANG');
    expect(text).toContain('DARI PENYEDIA KEPADA KECAMATAN');
    expect(text).toContain('Nomor: BAST-P/33.74.01/2/JPS-2021');
    expect(flat(text)).toContain('Pada hari ini Selasa, tanggal 20 Juli 2021');
    expect(flat(text)).toContain(
      'sejumlah 50 (lima puluh) paket sebagai pengiriman ke-2 untuk Kecamatan Semarang Tengah (33.74.01)',
    );
    expect(flat(text)).toContain('Keputusan Walikota Nomor 463/447/2021 tanggal 19 Juli 2021');
    expect(text).toMatch(/Jadwal \(diubah\)\s+: 20 Juli 2021/);
    expect(text).toMatch(/Disetujui kecamatan\s+: Sri Wahyuni, S\.Sos, NIP\. 197305112000032004/);
    expect(text).toMatch(
      /Diterima s\.d\. ini\s+: 1250 \(seribu dua ratus lima puluh\) paket dari 1250/,
    );
    expect(text).toMatch(/Kekurangan\s+: tidak ada/);
    expect(text).toMatch(/Penyelesaian\s+: Kekurangan 50 paket dikirim susulan/);
    expect(text).toContain('Halaman 1 dari 1');
  });

  it('names the vendor PIHAK PERTAMA and the Camat PIHAK KEDUA, each with a signature block', async () => {
    const [text] = pdfPages(await render());
    expect(flat(text)).toContain(
      '1. Penyedia, CV Sumber Pangan Sejahtera Nama : ................................................ selanjutnya disebut PIHAK PERTAMA.',
    );
    expect(flat(text)).toContain(
      '2. Camat Semarang Tengah Nama : Drs. Bambang Suranggono, M.Si NIP : 196805121994031007 selanjutnya disebut PIHAK KEDUA.',
    );
    expect(text).toMatch(/PIHAK KEDUA\s+PIHAK PERTAMA\n/);
    expect(text).toMatch(/Camat Semarang Tengah\s+Penyedia, CV Sumber Pangan Sejahtera/);
    expect(text).toMatch(/Drs\. Bambang Suranggono, M\.Si\s+\(\.+\)/);
    expect(text).toContain('Semarang, 20 Juli 2021');
  });

  it('leaves a line to fill where the schedule was recorded without the agreement, and counts what is short', async () => {
    const text = flat(
      pdfPages(
        await render(
          sampleBastVendor({
            deliveryNo: 1,
            parcels: 1200,
            deliveredToDate: 1200,
            schedule: { date: '2021-07-19', rescheduled: false, agreedBy: null },
            resolution: null,
          }),
        ),
      )[0],
    );
    expect(text).toContain('Jadwal pengiriman : 19 Juli 2021');
    expect(text).toContain('Disetujui kecamatan : ....');
    expect(text).toContain('Kekurangan : 50 (lima puluh) paket');
    expect(text).not.toContain('Penyelesaian');
  });

  it('is the same bytes at two wall-clock times, and other bytes for another delivery', async () => {
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const first = sha(await atTime('2021-07-20T01:00:00Z', () => render()));
    expect(sha(await atTime('2029-12-31T23:59:00Z', () => render()))).toBe(first);
    expect(sha(await render(sampleBastVendor({ parcels: 51 })))).not.toBe(first);
  });
});
