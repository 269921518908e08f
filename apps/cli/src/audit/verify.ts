import { describeBreak, findBreaks, type ChainBreak } from '@salur/libs/domain/audit-chain';
import type { CheckpointKey } from '@salur/libs/config/audit-config';
import type { AuditChainRepository } from '@salur/libs/persistence/audit-chain.repository';

export interface VerifyReport {
  readonly programmes: number;
  /** Per broken programme, its breaks in chain order; the first is the one to look at. */
  readonly broken: { programmeId: string; breaks: ChainBreak[] }[];
}

/** Recomputes each programme's chain (or one) from the rows as they are now. */
export async function verifyChains(
  chain: AuditChainRepository,
  programmeId: string | undefined,
  key: CheckpointKey | undefined,
): Promise<VerifyReport> {
  const programmes = programmeId ? [programmeId] : await chain.programmes();
  const broken: VerifyReport['broken'] = [];
  for (const id of programmes) {
    const { entries, rows, checkpoints } = await chain.snapshot(id);
    const usable = key ? checkpoints.filter((c) => c.keyId === key.id) : checkpoints;
    const breaks = findBreaks(entries, rows, usable, key?.key);
    if (breaks.length > 0) broken.push({ programmeId: id, breaks });
  }
  return { programmes: programmes.length, broken };
}

export function formatVerifyReport(report: VerifyReport): string {
  if (report.broken.length === 0) {
    return `Rantai audit utuh / audit chain intact: ${report.programmes} programme(s) verified\n`;
  }
  const lines = report.broken.map(
    ({ programmeId, breaks }) =>
      `FIRST BREAK ${describeBreak(programmeId, breaks[0])}` +
      (breaks.length > 1 ? ` (+${breaks.length - 1} more)` : ''),
  );
  return (
    `Rantai audit rusak / audit chain BROKEN in ${report.broken.length} of ${report.programmes} programme(s):\n` +
    lines.join('\n') +
    '\n'
  );
}
