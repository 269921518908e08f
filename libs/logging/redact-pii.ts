/**
 * Masks every run of 16 or more digits (a NIK or a No. KK, possibly glued to other
 * digits) so only its first 4 digits — the province and city, not a person — remain:
 * `3374014107850001` becomes `3374************`. Longer runs are masked whole, so no
 * 16 consecutive digits of any input survive.
 */
export function redactPii(text: string): string {
  return text.replace(/\d{16,}/g, (run) => run.slice(0, 4) + '*'.repeat(run.length - 4));
}
