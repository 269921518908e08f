import type { Writable } from 'node:stream';
import { tanggal } from './indonesian';

/**
 * What every document Salur prints carries, whatever its kind: who issues it (the heading),
 * its number and date, and how a reader verifies it. Plain data, passed in by the caller:
 * no renderer knows a government, a date or a URL of its own.
 */

/** The issuing government and office, printed as the heading (kop surat). */
export interface Issuer {
  /** First heading line: "PEMERINTAH KOTA SEMARANG". */
  readonly government: string;
  /** Second heading line: "DINAS SOSIAL". */
  readonly agency: string;
  /** An address line under the heading, when the settings give one. */
  readonly address?: string;
  /** The place written before a signature date: "Semarang". */
  readonly place: string;
}

/** Where a printed document leads its reader to check it (QR code and short code). */
export interface Verification {
  /** Short code printed on every page, e.g. `7KQ2M-XD4PA`. */
  readonly code: string;
  /** The address the QR code holds: the verification endpoint with the code. */
  readonly url: string;
}

/** The identity of one document as printed. */
export interface DocumentFacts {
  readonly issuer: Issuer;
  readonly number: string;
  /** The document's own date, YYYY-MM-DD: also the PDF's and XLSX's creation date. */
  readonly date: string;
}

/** A party that signs: its office always, its name and NIP when known (else blank lines). */
export interface Signatory {
  /** Above the office: "PIHAK PERTAMA", "Mengetahui,". */
  readonly heading?: string;
  /** "Camat Semarang Tengah", "Lurah Miroto". */
  readonly office: string;
  readonly name?: string;
  /** Null for an office that has none (the Walikota): no NIP line is printed. */
  readonly nip?: string | null;
}

export interface Region {
  readonly code: string;
  readonly name: string;
}

/**
 * What the step-6 papers of one kelurahan share: the document, the programme, the SK in force
 * they rest on and where they apply.
 */
export interface KelurahanPaper {
  readonly facts: DocumentFacts;
  readonly verification: Verification;
  /** "Jaring Pengaman Sosial (JPS) Paket Sembako Tahun 2021". */
  readonly programme: string;
  /** The SK in force whose list this is. */
  readonly basis: { readonly skNo: string; readonly skDate: string };
  readonly kecamatan: Region;
  readonly kelurahan: Region;
}

/** What a programme's papers (Surat Edaran, SK, SPK) share: the document and the programme. */
export interface ProgrammePaper {
  readonly facts: DocumentFacts;
  readonly verification: Verification;
  /** "Jaring Pengaman Sosial (JPS) Paket Sembako Tahun 2021". */
  readonly programme: string;
  /** The city or regency the programme serves: "Kota Semarang". */
  readonly city: string;
}

/** The "Dasar" line of a paper resting on an SK: the decree's number and date. */
export function skBasisLine(basis: {
  readonly skNo: string;
  readonly skDate: string;
}): [string, string] {
  return ['Dasar', `Keputusan Walikota Nomor ${basis.skNo} tanggal ${tanggal(basis.skDate)}`];
}

/** How NIKs are printed: masked like the API (last four digits) unless asked otherwise. */
export type NikDisplay = 'masked' | 'full';

export interface RenderOptions {
  readonly nik: NikDisplay;
}

export const RENDITIONS = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
} as const;

export type Rendition = keyof typeof RENDITIONS;
export type DocumentMediaType = (typeof RENDITIONS)[Rendition]['mediaType'];

/**
 * Writes one rendition of a document to `out` and resolves once every byte is handed to it
 * (`out` is ended). The same input and options give the same bytes.
 */
export type Renderer<I> = (input: I, out: Writable, options: RenderOptions) => Promise<void>;
