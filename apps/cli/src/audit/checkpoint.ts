import { signCheckpoint } from '@salur/libs/domain/audit-chain';
import type { CheckpointKey } from '@salur/libs/config/audit-config';
import type { AuditChainRepository } from '@salur/libs/persistence/audit-chain.repository';

/**
 * Signs each chain's head (or one programme's) with a key the database does not hold; run
 * it periodically (cron, a CI job). Returns the heads signed now (already signed ones skip).
 */
export async function checkpointChains(
  chain: AuditChainRepository,
  programmeId: string | undefined,
  key: CheckpointKey,
): Promise<{ programmeId: string; seq: number }[]> {
  const signed: { programmeId: string; seq: number }[] = [];
  for (const id of programmeId ? [programmeId] : await chain.programmes()) {
    const head = await chain.head(id);
    if (!head) continue;
    const signedAt = await chain.now();
    const at = { programmeId: id, seq: head.seq, hash: head.hash, signedAt };
    const hmac = signCheckpoint(at, key.key);
    if (await chain.addCheckpoint({ ...at, keyId: key.id, hmac })) {
      signed.push({ programmeId: id, seq: head.seq });
    }
  }
  return signed;
}
