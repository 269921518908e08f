// The documents Salur prints and registers: plain TypeScript (no database, no framework).
// How to add a kind: docs/documents.md.
export * from './document';
export * from './kinds';
export * from './identity';
export { tanggal, hari, terbilang, rupiah, angka } from './indonesian';
export { type BnbaInput, type BnbaRow, bnbaPagePlan, BNBA_TITLE } from './bnba';
export { type BastInput, BAST_TITLE } from './bast';
export { type KecamatanPaper } from './kecamatan-paper';
export {
  type BaPemeriksaanInput,
  type InspectionRound,
  BA_PEMERIKSAAN_TITLE,
} from './ba-pemeriksaan';
export { type BastVendorInput, BAST_VENDOR_TITLE } from './bast-vendor';
export { type BaMonevInput, type MonevComplaint, BA_MONEV_TITLE } from './ba-monev';
export { type SuratEdaranInput, SURAT_EDARAN_TITLE, quotaTotal } from './surat-edaran';
export {
  type SkInput,
  type SkPersonRow,
  type SkChangeRow,
  type SkKelurahanCount,
  type SkAmendment,
  skTitle,
} from './sk';
export { type SpkInput, type SpkItem, SPK_TITLE, spkValue } from './spk';
export { type LpjInput, type LpjKelurahan, lpjTotals, LPJ_TITLE } from './lpj';
