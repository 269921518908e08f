// The documents Salur prints and registers: plain TypeScript (no database, no framework).
// How to add a kind: docs/documents.md.
export * from './document';
export * from './kinds';
export * from './identity';
export { tanggal, hari, terbilang } from './indonesian';
export { type BnbaInput, type BnbaRow, bnbaPagePlan, BNBA_TITLE } from './bnba';
export { type BastInput, BAST_TITLE } from './bast';
export { type LpjInput, type LpjKelurahan, lpjTotals, LPJ_TITLE } from './lpj';
