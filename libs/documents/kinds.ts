import type { SopStep } from '../sop/steps';
import { renderBaMonevPdf, type BaMonevInput } from './ba-monev';
import { renderBaPemeriksaanPdf, type BaPemeriksaanInput } from './ba-pemeriksaan';
import { renderBastPdf, type BastInput } from './bast';
import { renderBastVendorPdf, type BastVendorInput } from './bast-vendor';
import { renderBnbaPdf, renderBnbaXlsx, type BnbaInput } from './bnba';
import { renderLpjPdf, renderLpjXlsx, type LpjInput } from './lpj';
import type { Rendition, Renderer } from './document';
import { renderSkPdf, type SkInput } from './sk';
import { renderSpkPdf, type SpkInput } from './spk';
import { renderSuratEdaranPdf, type SuratEdaranInput } from './surat-edaran';

/**
 * Every kind of document Salur generates, one entry each: its printed name, the SOP step it
 * is an output of, what one document covers, how it is numbered and its renderers. Adding a
 * kind is a renderer (beside bnba.ts) and an entry here; the registry, the API and the
 * verification endpoint take the rest from this table.
 */
export interface DocumentKindSpec<I> {
  /** Short printed name: "BNBA", "BAST". */
  readonly label: string;
  /** What it is, in the language it is signed in. */
  readonly title: string;
  readonly sopStep: SopStep;
  /** One document per kelurahan, per kecamatan, or one for the programme. */
  readonly covers: 'kelurahan' | 'kecamatan' | 'programme';
  readonly numberPrefix: string;
  /** Whether it lists persons (names, NIKs, addresses): kept from those outside their area. */
  readonly personalData: boolean;
  readonly renditions: { readonly [R in Rendition]?: Renderer<I> };
}

/** Each kind's input, by name: a new kind adds its line here and its entry below. */
interface KindInputs {
  bnba: BnbaInput;
  bast: BastInput;
  ba_pemeriksaan: BaPemeriksaanInput;
  bast_vendor: BastVendorInput;
  ba_monev: BaMonevInput;
  surat_edaran: SuratEdaranInput;
  sk: SkInput;
  spk: SpkInput;
  lpj: LpjInput;
}

export type DocumentKind = keyof KindInputs;
/** What a kind's renderers take. */
export type InputOf<K extends DocumentKind> = KindInputs[K];

export const DOCUMENT_KINDS: { readonly [K in DocumentKind]: DocumentKindSpec<KindInputs[K]> } = {
  bnba: {
    label: 'BNBA',
    title: 'Daftar Penerima Bantuan (By Name By Address)',
    sopStep: 'bast-bnba',
    covers: 'kelurahan',
    numberPrefix: 'BNBA',
    personalData: true,
    renditions: { pdf: renderBnbaPdf, xlsx: renderBnbaXlsx },
  },
  bast: {
    label: 'BAST',
    title: 'Berita Acara Serah Terima Bantuan Paket Sembako',
    sopStep: 'bast-bnba',
    covers: 'kelurahan',
    numberPrefix: 'BAST',
    personalData: false,
    renditions: { pdf: (input, out) => renderBastPdf(input, out) },
  },
  ba_pemeriksaan: {
    label: 'BA Pemeriksaan',
    title: 'Berita Acara Pemeriksaan Barang',
    sopStep: 'inspection',
    covers: 'kecamatan',
    numberPrefix: 'BAPB',
    personalData: false,
    renditions: { pdf: (input, out) => renderBaPemeriksaanPdf(input, out) },
  },
  bast_vendor: {
    label: 'BAST Penyedia',
    title: 'Berita Acara Serah Terima Barang dari Penyedia kepada Kecamatan',
    sopStep: 'delivery',
    covers: 'kecamatan',
    numberPrefix: 'BAST-P',
    personalData: false,
    renditions: { pdf: (input, out) => renderBastVendorPdf(input, out) },
  },
  ba_monev: {
    label: 'BA Monev',
    title: 'Berita Acara Hasil Monitoring dan Evaluasi',
    sopStep: 'monev',
    covers: 'kecamatan',
    numberPrefix: 'BA-MONEV',
    personalData: false,
    renditions: { pdf: (input, out) => renderBaMonevPdf(input, out) },
  },
  // The programme's papers are numbered as signed (the letter's, the SK's, the SPK's own
  // number), so numberPrefix only names them.
  surat_edaran: {
    label: 'Surat Edaran',
    title: 'Surat Edaran Kuota Penerima Bantuan',
    sopStep: 'quota-letter',
    covers: 'programme',
    personalData: false,
    numberPrefix: 'SE',
    renditions: { pdf: (input, out) => renderSuratEdaranPdf(input, out) },
  },
  sk: {
    label: 'SK',
    title: 'Keputusan Walikota tentang Penetapan Penerima Bantuan',
    sopStep: 'sk',
    covers: 'programme',
    personalData: true,
    numberPrefix: 'SK',
    renditions: { pdf: renderSkPdf },
  },
  spk: {
    label: 'SPK',
    title: 'Surat Perintah Kerja (Ringkasan)',
    sopStep: 'contract',
    covers: 'programme',
    personalData: false,
    numberPrefix: 'SPK',
    renditions: { pdf: (input, out) => renderSpkPdf(input, out) },
  },
  lpj: {
    label: 'LPJ',
    title: 'Laporan Pertanggungjawaban Penyaluran Bantuan (rekap per kelurahan)',
    sopStep: 'collection',
    covers: 'kecamatan',
    numberPrefix: 'LPJ',
    personalData: false,
    renditions: {
      pdf: (input, out) => renderLpjPdf(input, out),
      xlsx: (input, out) => renderLpjXlsx(input, out),
    },
  },
};

export const DOCUMENT_KIND_NAMES = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && Object.hasOwn(DOCUMENT_KINDS, value);
}

/** The renditions a kind is generated in (a BNBA: PDF and XLSX). */
export function renditionsOf(kind: DocumentKind): Rendition[] {
  return Object.keys(DOCUMENT_KINDS[kind].renditions) as Rendition[];
}

/** The renderer of one rendition, seen through the common interface. */
export function rendererOf<K extends DocumentKind>(
  kind: K,
  rendition: Rendition,
): Renderer<InputOf<K>> | undefined {
  const spec: DocumentKindSpec<InputOf<K>> = DOCUMENT_KINDS[kind];
  return spec.renditions[rendition];
}

/**
 * A document's number: its kind, what it covers and the programme, e.g.
 * `BNBA/33.74.01.1001/JPS-2021`. Versions keep the number (the registry counts them).
 */
export function documentNumber(kind: DocumentKind, subject: string, programId: string): string {
  return `${DOCUMENT_KINDS[kind].numberPrefix}/${subject}/${programId.toUpperCase()}`;
}
