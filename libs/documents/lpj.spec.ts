import { createHash } from 'node:crypto';
import { renderLpjPdf, renderLpjXlsx, lpjPagePlan } from './lpj';
import {
  atTime,
  pdfPages,
  pdfTableRow,
  renderToBuffer,
  sampleLpj,
  sampleLpjKelurahan,
  xlsxRows,
} from './documents.testing';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdf = (input = sampleLpj()) => renderToBuffer((i, out) => renderLpjPdf(i, out), input);
const xlsx = (input = sampleLpj()) => renderToBuffer((i, out) => renderLpjXlsx(i, out), input);

describe('LPJ rekap as PDF', () => {
  let text: string;
  beforeAll(async () => {
    const pages = pdfPages(await pdf());
    expect(pages).toHaveLength(1);
    text = pages[0];
  });

  it('prints the heading, the number, the kecamatan, the SK and the parcels delivered to it', () => {
    expect(text).toContain('PEMERINTAH KOTA SEMARANG');
    expect(text).toContain('LAPORAN PERTANGGUNGJAWABAN (LPJ)');
    expect(text).toContain('Nomor: LPJ/33.74.01/JPS-2021');
    expect(text).toMatch(/Kecamatan\s+: Semarang Tengah \(33\.74\.01\)/);
    expect(text).toContain('Keputusan Walikota Nomor 463/447/2021 tanggal 19 Juli 2021');
    expect(text).toMatch(/Diterima dari penyedia\s+: 260 paket/);
    expect(text).toContain('P4R7Q-9KD2E');
    expect(text).toContain('Halaman 1 dari 1');
  });

  it('has a row per kelurahan: SK, BAST, received, by proxy, each reason, returned, complaints, collected', () => {
    // No, Kelurahan, SK, BAST, KPM, wakil, diterima, pindah, meninggal, tidak ditemukan,
    // menolak, dikembalikan, aduan, aduan selesai, BAST/BNBA kembali.
    expect(pdfTableRow(text, '1')).toEqual([
      '1',
      'Miroto',
      '120',
      '120',
      '92',
      '23',
      '115',
      '2',
      '1',
      '1',
      '1',
      '5',
      '2',
      '1',
      'Ya',
    ]);
    expect(pdfTableRow(text, '2')).toEqual([
      '2',
      'Brumbungan',
      '90',
      '90',
      '71',
      '17',
      '88',
      '1',
      '1',
      '0',
      '0',
      '2',
      '0',
      '0',
      'Ya',
    ]);
    expect(pdfTableRow(text, '3')).toEqual([
      '3',
      'Jagalan',
      '50',
      '52',
      '40',
      '10',
      '50',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      'Belum',
    ]);
  });

  it("adds the kecamatan's totals, complaints without a kelurahan included, and says them in words", () => {
    expect(pdfTableRow(text, 'JUMLAH')).toEqual([
      'JUMLAH',
      '260',
      '262',
      '203',
      '50',
      '253',
      '3',
      '2',
      '1',
      '1',
      '7',
      '3',
      '1',
      '2',
    ]);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Dari 260 (dua ratus enam puluh) penerima dalam SK');
    expect(flat).toContain(
      '253 (dua ratus lima puluh tiga) paket diterima keluarga penerima (50 melalui wakil)',
    );
    expect(flat).toContain('7 (tujuh) paket tidak diterima dan dikembalikan');
    expect(flat).toContain('BAST/BNBA bertanda tangan kembali dari 2 dari 3 kelurahan');
  });

  it('is signed by the Camat, named with the NIP printed in groups, and acknowledged by the head of the office', () => {
    expect(text).toMatch(/Mengetahui,\s+Yang melaporkan,/);
    expect(text).toMatch(/Kepala Dinas Sosial Kota Semarang\s+Camat Semarang Tengah/);
    expect(text).toMatch(/\(\.+\)\s+Drs\. Bambang Suranggono, M\.Si/);
    expect(text).toMatch(/NIP\. \.+\s+NIP\. 19680512 199403 1 007/);
    expect(text).toContain('Semarang, 20 Juli 2021');
  });

  it('runs onto more pages for a long list, numbering them', async () => {
    const kelurahan = Array.from({ length: 45 }, (_, i) =>
      sampleLpjKelurahan(`33.74.01.${1001 + i}`, `Kelurahan ${i + 1}`, 10),
    );
    const input = sampleLpj({ kelurahan });
    const planned = lpjPagePlan(input.facts, kelurahan.length).pages;
    const pages = pdfPages(await pdf(input));
    expect(planned).toBeGreaterThan(1);
    expect(pages).toHaveLength(planned);
    pages.forEach((page, i) => expect(page).toContain(`Halaman ${i + 1} dari ${planned}`));
    expect(pages.join('\n')).toContain('Kelurahan 45');
    expect(pages[pages.length - 1]).toContain('Yang melaporkan,');
  });

  it('gives the same bytes for the same data, whenever it is rendered', async () => {
    const first = await atTime('2026-01-01T08:00:00Z', () => pdf());
    const second = await atTime('2030-06-15T23:59:59Z', () => pdf());
    expect(sha256(second)).toBe(sha256(first));
    const other = sampleLpj();
    const changed = await pdf({ ...other, complaints: { recorded: 4, resolved: 1 } });
    expect(sha256(changed)).not.toBe(sha256(first));
  });
});

describe('LPJ rekap as XLSX', () => {
  it('holds the same table, one row per kelurahan and the total row, figures as numbers', async () => {
    const rows = await xlsxRows(await xlsx());
    const header = rows.findIndex((r) => r[0] === 'No');
    expect(rows[header]).toEqual([
      'No',
      'Kelurahan',
      'Penerima SK',
      'Paket BAST',
      'Diterima KPM',
      'Diterima wakil',
      'Jumlah diterima',
      'Pindah',
      'Meninggal',
      'Tidak ditemukan',
      'Menolak',
      'Dikembalikan',
      'Aduan',
      'Aduan selesai',
      'BAST/BNBA kembali',
    ]);
    expect(rows.slice(header + 1)).toEqual([
      [1, 'Miroto', 120, 120, 92, 23, 115, 2, 1, 1, 1, 5, 2, 1, 'Ya'],
      [2, 'Brumbungan', 90, 90, 71, 17, 88, 1, 1, 0, 0, 2, 0, 0, 'Ya'],
      [3, 'Jagalan', 50, 52, 40, 10, 50, 0, 0, 0, 0, 0, 0, 0, 'Belum'],
      [undefined, 'JUMLAH', 260, 262, 203, 50, 253, 3, 2, 1, 1, 7, 3, 1, 2],
    ]);
    expect(rows.find((r) => r[0] === 'Nomor')).toEqual(['Nomor', 'LPJ/33.74.01/JPS-2021']);
    expect(rows.find((r) => r[0] === 'Diterima dari penyedia')).toEqual([
      'Diterima dari penyedia',
      260,
    ]);
  });

  it('gives the same bytes whenever it is rendered', async () => {
    const first = await atTime('2026-01-01T08:00:00Z', () => xlsx());
    const second = await atTime('2030-06-15T23:59:59Z', () => xlsx());
    expect(sha256(second)).toBe(sha256(first));
  });
});
