import type { DocumentFacts, Region, Verification } from './document';
import { hari, tanggal } from './indonesian';

/**
 * What the kecamatan's field papers share (steps 11, 14 and 16: BA Pemeriksaan, BAST from the
 * vendor, BA Monev): the document, the programme, the SK in force they rest on and the
 * kecamatan they are about.
 */
export interface KecamatanPaper {
  readonly facts: DocumentFacts;
  readonly verification: Verification;
  /** "Jaring Pengaman Sosial (JPS) Paket Sembako Tahun 2021". */
  readonly programme: string;
  readonly basis: { readonly skNo: string; readonly skDate: string };
  readonly kecamatan: Region;
}

/** A berita acara's opening line: "Pada hari ini Selasa, tanggal 20 Juli 2021, ...". */
export function opening(date: string, rest: string): string {
  return `Pada hari ini ${hari(date)}, tanggal ${tanggal(date)}, ${rest}`;
}

/** "Keputusan Walikota Nomor 463/447/2021 tanggal 19 Juli 2021". */
export function skReference(basis: KecamatanPaper['basis']): string {
  return `Keputusan Walikota Nomor ${basis.skNo} tanggal ${tanggal(basis.skDate)}`;
}
