import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { requirePayloadKeys, type AppConfig } from '@salur/libs/config/app-config';
import type { Timeline, TimelineEntry } from '@salur/libs/domain/timeline';
import { TimelineRepository } from '@salur/libs/persistence/timeline.repository';
import { encryptingDataConverter } from '@salur/libs/temporal/payload-codec';
import { readTimeline } from '@salur/libs/temporal/timeline-reader';

export const TIMELINE_USAGE =
  'timeline <allocation-or-programme id>   every step in order with who, when (WIB and UTC), documents, evidence, refusals and stuck periods; exit 1 where PostgreSQL and the history disagree';

/** Reads a timeline the way the API does, from the database and the Temporal server. */
export async function readTimelineFrom(
  dataSource: DataSource,
  config: AppConfig,
  id: string,
): Promise<Timeline> {
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    // The workers' codec: the history's payloads (update ids, inputs) are read in clear.
    const client = new Client({
      connection,
      namespace: config.temporal.namespace,
      dataConverter: encryptingDataConverter(requirePayloadKeys(config)),
    });
    return await readTimeline(client, new TimelineRepository(dataSource), id);
  } finally {
    await connection.close();
  }
}

function who(entry: TimelineEntry): string {
  const { actor } = entry;
  return actor ? `${actor.username ?? actor.userId} (${actor.role})` : '';
}

/** One line an entry, then its documents and evidence with their SHA-256, indented. */
export function formatTimeline(timeline: Timeline): string {
  const lines: string[] = [];
  for (const entry of timeline.entries) {
    const step = entry.stepNo ? `step ${entry.stepNo} ${entry.stepName ?? ''}`.trim() : '';
    const head = [`#${entry.seq}`, entry.at.wib, `(${entry.at.utc})`, entry.kind.toUpperCase()];
    lines.push([...head, entry.command ?? '', step, who(entry)].filter(Boolean).join('  '));
    for (const d of entry.documents)
      lines.push(
        `    document ${d.kind} ${d.number} v${d.version} ${d.rendition} sha256 ${d.sha256}`,
      );
    for (const e of entry.evidence) lines.push(`    evidence ${e.kind} sha256 ${e.sha256}`);
    for (const r of entry.vervalRuns)
      lines.push(
        `    verval round ${r.round} ruleset ${r.rulesetVersion}: ${r.accepted} accepted, ${r.rejected} rejected of ${r.underReview}`,
      );
    if (entry.refusal) lines.push(`    refused ${entry.refusal.code}: ${entry.refusal.message}`);
    if (entry.stuck) {
      const until = entry.stuck.until ? `until ${entry.stuck.until.wib}` : 'still stuck';
      const names = entry.stuck.mustAct.map((a) => `${a.username ?? a.userId} (${a.role})`);
      lines.push(`    stuck ${until}; had to act: ${names.join(', ') || 'nobody known'}`);
    }
    if (entry.disagreement) lines.push(`    DISAGREEMENT: ${entry.disagreement}`);
  }
  lines.push(
    timeline.disagreements.length === 0
      ? `${timeline.entries.length} entries; PostgreSQL and the workflow history agree`
      : `${timeline.entries.length} entries; ${timeline.disagreements.length} disagreement(s)`,
  );
  return lines.join('\n');
}
