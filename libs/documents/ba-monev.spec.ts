import { createHash } from 'node:crypto';
import { renderBaMonevPdf, type BaMonevInput } from './ba-monev';
import { atTime, pdfPages, renderToBuffer } from './documents.testing';
import { sampleBaMonev } from './kecamatan-papers.testing';

const render = (input: BaMonevInput = sampleBaMonev()) =>
  renderToBuffer((i: BaMonevInput, out) => renderBaMonevPdf(i, out), input);
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('BA Monev', () => {
  it('prints the assessment, the field problems and the day Tim Pembina was told', async () => {
    const pages = pdfPages(await render());
    expect(pages).toHaveLength(1);
    const [text] = pages;
    expect(text).toContain('BERITA ACARA HASIL MONITORING DAN EVALUASI');
    expect(text).toContain('Nomor: BA-MONEV/33.74.01/JPS-2021');
    expect(text).toMatch(/Nomor laporan\s+: MONEV\/33\.74\.01\/2021/);
    expect(text).toMatch(/Tepat waktu\s+Ya/);
    expect(text).toMatch(/Tepat sasaran\s+Tidak/);
    expect(text).toMatch(/Bermanfaat bagi penerima\s+Ya/);
    expect(flat(text)).toContain(
      'C. Permasalahan di lapangan Akses jalan ke dua RW tergenang banjir',
    );
    expect(flat(text)).toContain('telah dilaporkan kepada Tim Pembina pada tanggal 9 Agustus 2021');
    expect(text).toContain('Halaman 1 dari 1');
  });

  it('lists each complaint with its kelurahan, kind, source, description and follow-up', async () => {
    const [text] = pdfPages(await render());
    expect(text).toContain('B. Pengaduan (2)');
    expect(text).toMatch(
      /1\s+ADU-1\s+Miroto\s+Kualitas barang\s+Warga\s+Beras dalam dua paket berkutu\s+Beras diganti oleh penyedia/,
    );
    expect(flat(text)).toContain('pada 25 Juli 2021');
    expect(text).toMatch(/2\s+ADU-2\s+Brumbungan\s+Salah sasaran\s+RT\/RW\s+Penerima sudah pindah/);
    expect(text).toContain('Tidak memerlukan tindak lanjut');
  });

  it('says when there was no complaint and leaves the unreported date to fill', async () => {
    const text = flat(
      pdfPages(
        await render(
          sampleBaMonev({ complaints: [], fieldProblems: null, reportedToTimPembinaOn: null }),
        ),
      )[0],
    );
    expect(text).toContain('B. Pengaduan (0) Tidak ada pengaduan.');
    expect(text).toContain('Tidak ada permasalahan yang dicatat.');
    expect(text).toContain('Tanggal pelaporan kepada Tim Pembina: ....');
  });

  it('has signature blocks for Mengetahui Kepala Dinas and Tim Monev', async () => {
    const [text] = pdfPages(await render());
    expect(text).toMatch(/Mengetahui,\s+TIM MONEV/);
    expect(text).toMatch(/Kepala Dinas Sosial\s+Ketua Tim Monitoring dan Evaluasi/);
    expect(text).toContain('Semarang, 20 Juli 2021');
  });

  it('is the same bytes at two wall-clock times, and other bytes for another follow-up', async () => {
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const first = sha(await atTime('2021-08-10T03:00:00Z', () => render()));
    expect(sha(await atTime('2033-03-03T12:00:00Z', () => render()))).toBe(first);
    const [one, two] = sampleBaMonev().complaints;
    const other = sampleBaMonev({ complaints: [one, { ...two, followUp: 'Dicek ulang' }] });
    expect(sha(await render(other))).not.toBe(first);
  });
});
