import type { EntityManager } from 'typeorm';
import { skContentSha256 } from '@salur/libs/domain/sk-content';
import type { SkStatus } from '@salur/libs/domain/sk-lifecycle';
import { documentRow, listed } from './sk-rows';

export interface SkVerification {
  skId: string;
  status: SkStatus;
  storedSha256: string | null;
  computedSha256: string;
  valid: boolean;
  sections: {
    kecamatanCode: string;
    storedSha256: string | null;
    computedSha256: string;
    valid: boolean;
  }[];
  /** Listed persons whose proposal row no longer matches the frozen copy (NIK, kelurahan). */
  driftedFromProposals: number;
}

/** Recomputes the hashes from the frozen rows and compares them with the stored ones. */
export async function verify(manager: EntityManager, skId: string): Promise<SkVerification> {
  const doc = await documentRow(manager, skId);
  const rows = await listed(manager, skId);
  const sections: { kecamatan_code: string; content_sha256: string | null }[] = await manager.query(
    `SELECT kecamatan_code, content_sha256 FROM sk_section WHERE sk_id = $1 ORDER BY kecamatan_code`,
    [skId],
  );
  const [{ drifted }]: { drifted: number }[] = await manager.query(
    `SELECT count(*)::int AS drifted FROM sk_recipient s JOIN proposed_recipient r ON r.id = s.recipient_id
      WHERE s.sk_id = $1 AND (r.nik <> s.nik OR r.kelurahan_code <> s.kelurahan_code)`,
    [skId],
  );
  const computed = skContentSha256(rows);
  const sectionChecks = sections.map((s) => {
    const sectionHash = skContentSha256(rows.filter((r) => r.kecamatanCode === s.kecamatan_code));
    return {
      kecamatanCode: s.kecamatan_code,
      storedSha256: s.content_sha256,
      computedSha256: sectionHash,
      valid: s.content_sha256 === sectionHash,
    };
  });
  return {
    skId,
    status: doc.status,
    storedSha256: doc.content_sha256,
    computedSha256: computed,
    valid: doc.content_sha256 === computed && sectionChecks.every((s) => s.valid),
    sections: sectionChecks,
    driftedFromProposals: drifted,
  };
}
