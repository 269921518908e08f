import { createHash } from 'node:crypto';

/**
 * The canonical form of an SK's recipient list, which its SHA-256 is computed over.
 * Anyone holding the frozen rows can recompute the hash with this description alone:
 *
 *   line 1:   salur-sk-recipients/v1
 *   then one line per recipient, sorted by kecamatan code, kelurahan code, recipient id
 *   (plain code-unit order, never a locale collation), each the JSON array
 *   ["<kecamatan>","<kelurahan>","<recipient id>","<nik>"]
 *   lines joined by "\n", UTF-8, no trailing newline.
 *
 * The NIK is part of the content so that a later edit of the proposal row cannot change
 * who the SK names while its hash still verifies. Kept out of libs/domain/index.ts
 * because it needs node:crypto, and workflow code imports that index.
 */
export const SK_CONTENT_FORMAT = 'salur-sk-recipients/v1';

export interface SkListedRecipient {
  readonly recipientId: string;
  readonly kecamatanCode: string;
  readonly kelurahanCode: string;
  readonly nik: string;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareSkRecipients(a: SkListedRecipient, b: SkListedRecipient): number {
  return (
    byCodeUnits(a.kecamatanCode, b.kecamatanCode) ||
    byCodeUnits(a.kelurahanCode, b.kelurahanCode) ||
    byCodeUnits(a.recipientId, b.recipientId)
  );
}

export function canonicalSkContent(recipients: readonly SkListedRecipient[]): string {
  const lines = [...recipients]
    .sort(compareSkRecipients)
    .map((r) => JSON.stringify([r.kecamatanCode, r.kelurahanCode, r.recipientId, r.nik]));
  return [SK_CONTENT_FORMAT, ...lines].join('\n');
}

/** Lower-case hex SHA-256 of the canonical form; the order the rows arrive in does not matter. */
export function skContentSha256(recipients: readonly SkListedRecipient[]): string {
  return createHash('sha256').update(canonicalSkContent(recipients), 'utf8').digest('hex');
}
