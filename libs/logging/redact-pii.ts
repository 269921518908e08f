import { replaceNiks } from '../domain/nik-in-text';

/**
 * Masks every NIK or No. KK in a text, however it is written (16 or more digits, contiguous
 * or split by spaces, dots or dashes: `libs/domain/nik-in-text.ts`), so only its first 4
 * digits — the province and city, not a person — remain: `3374014107850001` becomes
 * `3374************` and `3374 0112 0385 0002` becomes `3374 **** **** ****`. Separators
 * stay, so the length does not change; longer runs are masked whole. UUIDs (request and user
 * ids) are not NIKs and stay as they are.
 */
export function redactPii(text: string): string {
  return replaceNiks(text, (run) => {
    let seen = 0;
    return run.replace(/\p{Nd}/gu, (digit) => (++seen <= 4 ? digit : '*'));
  });
}
