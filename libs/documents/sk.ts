import type { Writable } from 'node:stream';
import { printedNik } from './bnba';
import type { NikDisplay, ProgrammePaper, Region, RenderOptions, Signatory } from './document';
import { angka, rupiah, tanggal, terbilang } from './indonesian';
import { renderFlow, type Flow, type TableRow } from './pdf/streamed-flow';

/**
 * Step 5's SK: the Walikota's decree fixing the programme's recipients, its counts per
 * kecamatan and kelurahan in the body, the amount per KPM and the total value, and its
 * lampiran listing every person (NIK masked unless asked otherwise). An amending SK is a
 * paper of its own: it lists everyone in force after the change, and the change itself
 * (persons added and removed) in a second lampiran. Persons stream through, page by page.
 */
export interface SkPersonRow {
  readonly nik: string;
  readonly name: string | null;
  readonly address: string | null;
  /** The kelurahan's name. */
  readonly kelurahan: string;
}

export interface SkChangeRow extends SkPersonRow {
  readonly change: 'add' | 'remove';
}

export interface SkKelurahanCount {
  readonly kecamatan: Region;
  readonly kelurahan: Region;
  readonly recipients: number;
}

export interface SkAmendment {
  /** The SK this one amends. */
  readonly skNo: string;
  readonly skDate: string;
  readonly reason: string;
  readonly added: number;
  readonly removed: number;
  /** SHA-256 of the change rows (the input hash covers them through this). */
  readonly changesSha256: string;
}

export interface SkInput extends ProgrammePaper {
  /** Who decrees: "Walikota Semarang" (or "Bupati Demak"). */
  readonly head: string;
  readonly recipientCount: number;
  /** Recipients per kelurahan, by kecamatan then kelurahan code: the body's table. */
  readonly byKelurahan: readonly SkKelurahanCount[];
  /** DRAFT_SK's amount per KPM, in rupiah; null for a round drafted before it was asked. */
  readonly amountPerKpm: number | null;
  readonly amends: SkAmendment | null;
  /** Every person in force, `recipientCount` of them, in lampiran order. */
  readonly rows: () => AsyncIterable<SkPersonRow>;
  /** An amending SK's changes, `added + removed` of them; nothing for a first SK. */
  readonly changes: () => AsyncIterable<SkChangeRow>;
  readonly signatory: Signatory;
}

const COUNT_COLUMNS = [
  { title: 'No', width: 34, align: 'center' },
  { title: 'Kecamatan', width: 170 },
  { title: 'Kelurahan', width: 200 },
  { title: 'Jumlah KPM', width: 119, align: 'right' },
] as const;

const PERSON_COLUMNS = [
  { title: 'No', width: 40, align: 'center' },
  { title: 'NIK', width: 92 },
  { title: 'Nama', width: 140 },
  { title: 'Alamat', width: 151 },
  { title: 'Kelurahan', width: 100 },
] as const;

const CHANGE_COLUMNS = [
  { title: 'No', width: 34, align: 'center' },
  { title: 'NIK', width: 88 },
  { title: 'Nama', width: 126 },
  { title: 'Alamat', width: 127 },
  { title: 'Kelurahan', width: 84 },
  { title: 'Perubahan', width: 64, align: 'center' },
] as const;

const ORDINALS = ['KESATU', 'KEDUA', 'KETIGA', 'KEEMPAT', 'KELIMA'];

/** The body's table: each kelurahan, a subtotal per kecamatan, the total. */
function countRows(input: SkInput): TableRow[] {
  const rows: TableRow[] = [];
  let no = 0;
  for (const [index, line] of input.byKelurahan.entries()) {
    rows.push({
      cells: [String(++no), line.kecamatan.name, line.kelurahan.name, angka(line.recipients)],
    });
    const next = input.byKelurahan[index + 1];
    if (next?.kecamatan.code !== line.kecamatan.code) {
      const sum = input.byKelurahan
        .filter((k) => k.kecamatan.code === line.kecamatan.code)
        .reduce((total, k) => total + k.recipients, 0);
      rows.push({
        cells: ['', `Jumlah Kecamatan ${line.kecamatan.name}`, '', angka(sum)],
        bold: true,
      });
    }
  }
  rows.push({ cells: ['', 'Jumlah seluruhnya', '', angka(input.recipientCount)], bold: true });
  return rows;
}

async function* personRows(input: SkInput, nik: NikDisplay): AsyncIterable<TableRow> {
  let no = 0;
  for await (const p of input.rows()) {
    yield {
      cells: [String(++no), printedNik(p.nik, nik), p.name ?? '', p.address ?? '', p.kelurahan],
    };
  }
}

async function* changeRows(input: SkInput, nik: NikDisplay): AsyncIterable<TableRow> {
  let no = 0;
  for await (const p of input.changes()) {
    const change = p.change === 'add' ? 'Ditambahkan' : 'Dikeluarkan';
    yield {
      cells: [
        String(++no),
        printedNik(p.nik, nik),
        p.name ?? '',
        p.address ?? '',
        p.kelurahan,
        change,
      ],
    };
  }
}

export function skTitle(input: Pick<SkInput, 'amends' | 'programme' | 'head'>): string {
  const subject = `PENETAPAN PENERIMA BANTUAN ${input.programme.toUpperCase()}`;
  return input.amends
    ? `PERUBAHAN ATAS KEPUTUSAN ${input.head.toUpperCase()} NOMOR ${input.amends.skNo} TENTANG ${subject}`
    : subject;
}

export function renderSkPdf(input: SkInput, out: Writable, options: RenderOptions): Promise<void> {
  const { facts, verification } = input;
  const head = input.head.toUpperCase();
  const title = skTitle(input);
  const kecamatan = new Set(input.byKelurahan.map((k) => k.kecamatan.code)).size;
  const kelurahan = input.byKelurahan.length;
  const decree = `Keputusan ${input.head} Nomor ${facts.number}`;

  const lampiranHeading = (flow: Flow, numeral: string) => {
    flow.newPage();
    flow.labelled(
      [
        [`LAMPIRAN ${numeral}`, `KEPUTUSAN ${head}`],
        ['NOMOR', facts.number],
        ['TANGGAL', tanggal(facts.date)],
        ['TENTANG', title],
      ],
      90,
      8.5,
    );
    flow.y += 6;
  };

  return renderFlow(out, facts, verification, 'SK', `${decree} (lanjutan)`, async (flow) => {
    flow.opening(verification, [
      { text: `KEPUTUSAN ${head}`, bold: true, size: 12 },
      { text: `NOMOR ${facts.number}` },
      { text: 'TENTANG', bold: true },
      { text: title, bold: true },
    ]);
    flow.text(`${head},`, { bold: true, align: 'center', gapAfter: 8 });
    const considering = input.amends
      ? `bahwa ${input.amends.reason.replace(/\.$/, '')}, perlu mengubah Keputusan ${input.head} ` +
        `Nomor ${input.amends.skNo} tanggal ${tanggal(input.amends.skDate)};`
      : `bahwa berdasarkan hasil verifikasi dan validasi usulan calon penerima oleh Dinas Sosial, ` +
        `perlu menetapkan penerima bantuan ${input.programme} dengan Keputusan ${input.head};`;
    flow.labelled([['Menimbang', considering]], 80);
    flow.y += 4;
    flow.text('MEMUTUSKAN:', { bold: true, align: 'center', gapAfter: 6 });
    flow.labelled([['Menetapkan', `KEPUTUSAN ${head} TENTANG ${title}.`]], 80);

    const diktum: string[] = [
      `Menetapkan penerima bantuan ${input.programme} sejumlah ${angka(input.recipientCount)} ` +
        `(${terbilang(input.recipientCount)}) Keluarga Penerima Manfaat (KPM) di ${kecamatan} ` +
        `(${terbilang(kecamatan)}) kecamatan dan ${kelurahan} (${terbilang(kelurahan)}) kelurahan, ` +
        `dengan rincian per kecamatan dan kelurahan sebagai berikut:`,
    ];
    flow.labelled([[ORDINALS[0], diktum[0]]], 80);
    const rows = countRows(input);
    await flow.table({ columns: COUNT_COLUMNS, rows: () => rows, count: rows.length });
    const more: string[] = [
      `Nama, NIK dan alamat penerima sebagaimana dimaksud Diktum KESATU tercantum dalam ` +
        `Lampiran I yang merupakan bagian tidak terpisahkan dari Keputusan ini.`,
    ];
    if (input.amountPerKpm !== null) {
      const total = input.amountPerKpm * input.recipientCount;
      more.push(
        `Setiap KPM menerima bantuan berupa paket sembako senilai ${rupiah(input.amountPerKpm)} ` +
          `(${terbilang(input.amountPerKpm)} rupiah), sehingga nilai bantuan seluruhnya ` +
          `${rupiah(total)} (${terbilang(total)} rupiah).`,
      );
    }
    if (input.amends) {
      const { added, removed } = input.amends;
      more.push(
        `Keputusan ini mengubah Keputusan ${input.head} Nomor ${input.amends.skNo} tanggal ` +
          `${tanggal(input.amends.skDate)}: ditambahkan ${added} (${terbilang(added)}) penerima ` +
          `dan dikeluarkan ${removed} (${terbilang(removed)}) penerima, sebagaimana tercantum ` +
          `dalam Lampiran II; daftar dalam Lampiran I menggantikan daftar Keputusan tersebut.`,
      );
    }
    more.push('Keputusan ini mulai berlaku pada tanggal ditetapkan.');
    more.forEach((text, index) => flow.labelled([[ORDINALS[index + 1], text]], 80));
    flow.y += 8;
    flow.signatures([input.signatory]);

    lampiranHeading(flow, 'I');
    flow.text('DAFTAR PENERIMA BANTUAN', { bold: true, align: 'center', gapAfter: 6 });
    await flow.table({
      columns: PERSON_COLUMNS,
      rows: () => personRows(input, options.nik),
      count: input.recipientCount,
      rowHeight: 14,
      fontSize: 7.5,
    });
    flow.text(
      `Jumlah penerima: ${angka(input.recipientCount)} (${terbilang(input.recipientCount)}) KPM.`,
      { size: 9, gapAfter: 8 },
    );
    flow.signatures([input.signatory]);

    if (input.amends) {
      const { added, removed } = input.amends;
      lampiranHeading(flow, 'II');
      flow.text('PERUBAHAN DAFTAR PENERIMA', { bold: true, align: 'center', gapAfter: 6 });
      await flow.table({
        columns: CHANGE_COLUMNS,
        rows: () => changeRows(input, options.nik),
        count: added + removed,
        rowHeight: 14,
        fontSize: 7.5,
      });
      flow.text(
        `Ditambahkan ${added} (${terbilang(added)}) penerima; dikeluarkan ${removed} ` +
          `(${terbilang(removed)}) penerima.`,
        { size: 9, gapAfter: 8 },
      );
      flow.signatures([input.signatory]);
    }
  });
}
