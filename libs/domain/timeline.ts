import { COMMANDS, type Command } from '../sop/commands';
import type { Role } from '../sop/roles';
import { recordedStep } from '../sop/step-records';
import { STEPS } from '../sop/steps';
import { kecamatanOfAllocationId } from './auth';
import { encodeCursor, type ListQuery, type ListSpec, type Page } from './listing';

/**
 * An allocation's (or a programme's) step timeline for the auditor (issue 16): PostgreSQL's
 * step records merged with the workflows' histories, tied by the transition id (the Temporal
 * update id of a command, the signal id of a city-wide event), with the documents, evidence,
 * verval runs, refusals and stuck periods beside them, and every place where the two
 * sources disagree named. Plain data in, plain data out: the API and the CLI load the facts.
 */

/** A sop_step_record row; data.transitionId ties it to the history. */
export interface StepRecordFact {
  readonly id: string;
  readonly workflowId: string;
  readonly kind: string;
  readonly recordedAt: Date;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface DocumentFact {
  readonly id: string;
  readonly workflowId: string | null;
  readonly kind: string;
  readonly rendition: string;
  readonly number: string;
  readonly version: number;
  readonly sha256: string;
  readonly sopStep: string;
  readonly stepRecordId: string | null;
  readonly generatedBy: string;
  readonly generatedAt: Date;
}

export interface EvidenceFact {
  readonly id: string;
  readonly workflowId: string;
  readonly kind: string;
  readonly sha256: string;
  readonly uploadedBy: string;
  readonly role: string;
  readonly uploadedAt: Date;
}

export interface VervalRunFact {
  readonly workflowId: string;
  readonly round: number;
  readonly rulesetVersion: string;
  readonly underReview: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly ranAt: Date;
}

/** A refused command the API recorded (sop_command_refusal). */
export interface RefusalFact {
  readonly id: string;
  readonly workflowId: string;
  readonly updateId: string | null;
  readonly command: string;
  readonly role: string;
  readonly actorId: string;
  readonly code: string;
  readonly message: string;
  readonly stepNo: number | null;
  readonly refusedAt: Date;
}

/** A command as the workflow's history shows it: an update, or a city-wide signal. */
export interface HistoryCommand {
  readonly workflowId: string;
  /** The update id, or the city-wide event's id (the programme's update id). */
  readonly transitionId: string;
  readonly via: 'update' | 'signal';
  readonly command: string;
  readonly role: string | null;
  readonly actorId: string | null;
  readonly at: Date;
  /** 'completed' applied; 'failed' refused inside the handler; 'open' not finished yet. */
  readonly outcome: 'completed' | 'failed' | 'open';
  readonly failure?: string;
}

/** A period the workflow's Stuck search attribute was true. */
export interface StuckPeriod {
  readonly workflowId: string;
  readonly step: string | null;
  readonly from: Date;
  readonly until: Date | null;
}

export interface HistoryFacts {
  readonly commands: readonly HistoryCommand[];
  readonly stuck: readonly StuckPeriod[];
}

export interface UserFact {
  readonly id: string;
  readonly username: string;
  readonly role: string;
  /** An area role's kecamatan: it had to act only on its own kecamatan's allocation. */
  readonly kecamatanCode?: string | null;
}

export interface TimelineFacts {
  readonly records: readonly StepRecordFact[];
  readonly documents: readonly DocumentFact[];
  readonly evidence: readonly EvidenceFact[];
  readonly vervalRuns: readonly VervalRunFact[];
  readonly refusals: readonly RefusalFact[];
  readonly history: HistoryFacts;
  /** The users named anywhere above (by id). */
  readonly users: readonly UserFact[];
  /** Who must act now on each workflow that is stuck at this moment. */
  readonly mustActNow?: Readonly<Record<string, readonly Actor[]>>;
}

export interface When {
  readonly utc: string;
  /** The same moment in Kota Semarang's time (WIB, UTC+07:00). */
  readonly wib: string;
}

export interface Actor {
  readonly userId: string;
  /** From app_user; null for an id no user has (a test driver, the system). */
  readonly username: string | null;
  readonly role: string;
}

export type TimelineEntryKind = 'step' | 'refusal' | 'stuck' | 'document' | 'evidence';

export interface TimelineEntry {
  readonly seq: number;
  readonly kind: TimelineEntryKind;
  readonly at: When;
  readonly workflowIds: readonly string[];
  readonly stepNo: number | null;
  readonly stepName: string | null;
  readonly command: string | null;
  readonly actor: Actor | null;
  readonly transitionId: string | null;
  readonly records: readonly { id: string; kind: string; workflowId: string }[];
  readonly documents: readonly {
    id: string;
    kind: string;
    rendition: string;
    number: string;
    version: number;
    sha256: string;
  }[];
  readonly evidence: readonly { id: string; kind: string; sha256: string }[];
  readonly vervalRuns: readonly Omit<VervalRunFact, 'ranAt' | 'workflowId'>[];
  readonly refusal?: { readonly code: string; readonly message: string };
  readonly stuck?: {
    readonly until: When | null;
    /** Who had to act: the users who may send the command that ended it, or who may act now. */
    readonly mustAct: readonly Actor[];
    readonly actedBy: Actor | null;
  };
  /** Where PostgreSQL and the history disagree about this entry; absent when they agree. */
  readonly disagreement?: string;
}

export interface Timeline {
  readonly entries: readonly TimelineEntry[];
  readonly disagreements: readonly string[];
}

const WIB_OFFSET_MS = 7 * 3600_000;

export function whenOf(at: Date): When {
  const wib = new Date(at.getTime() + WIB_OFFSET_MS).toISOString().replace('Z', '+07:00');
  return { utc: at.toISOString(), wib };
}

/** The roles that may send a command; a city-wide one's people, not the programme workflow. */
export function rolesOfCommand(command: string): readonly Role[] {
  return Object.hasOwn(COMMANDS, command) ? COMMANDS[command as Command].roles : [];
}

type Draft = Omit<TimelineEntry, 'seq'> & { readonly sortAt: number };

const emptyParts = {
  records: [],
  documents: [],
  evidence: [],
  vervalRuns: [],
} as const;

function stepOf(step: string | null): Pick<TimelineEntry, 'stepNo' | 'stepName'> {
  const info = STEPS.find((s) => s.step === step);
  return { stepNo: info?.stepNo ?? null, stepName: info?.stepName ?? null };
}

/**
 * Which transition each document and piece of evidence belongs to: a document to the one
 * whose record it names (step_record_id); otherwise the first transition, in record order,
 * whose record data names its id (a later step may name it again, e.g. at the collection).
 */
function ownersOf(
  facts: TimelineFacts,
  recordsById: ReadonlyMap<string, readonly StepRecordFact[]>,
): Map<string, string> {
  const owners = new Map<string, string>();
  const transitionOfRecord = new Map<string, string>();
  for (const [transitionId, records] of recordsById)
    for (const r of records) transitionOfRecord.set(r.id, transitionId);
  for (const d of facts.documents) {
    const owner = d.stepRecordId ? transitionOfRecord.get(d.stepRecordId) : undefined;
    if (owner) owners.set(d.id, owner);
  }
  const byTime = [...facts.records].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  const known = new Set([...facts.documents.map((d) => d.id), ...facts.evidence.map((e) => e.id)]);
  for (const record of byTime) {
    for (const id of stringsIn(record.data, new Set())) {
      if (known.has(id) && !owners.has(id)) owners.set(id, transitionOfRecord.get(record.id)!);
    }
  }
  return owners;
}

function stringsIn(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/** Merges the facts into one ordered timeline; every fact appears in exactly one entry. */
export function buildTimeline(facts: TimelineFacts): Timeline {
  const users = new Map(facts.users.map((u) => [u.id, u]));
  const actorOf = (userId: string | null | undefined, role: string | null | undefined) => {
    if (!userId) return null;
    const user = users.get(userId);
    // A city-wide event reaches the allocation as the role 'programme'; the person had theirs.
    const shownRole = role && role !== 'programme' ? role : (user?.role ?? role ?? 'unknown');
    return { userId, username: user?.username ?? null, role: shownRole };
  };

  const historyById = new Map<string, HistoryCommand[]>();
  for (const command of facts.history.commands) {
    historyById.set(command.transitionId, [
      ...(historyById.get(command.transitionId) ?? []),
      command,
    ]);
  }
  const recordsById = new Map<string, StepRecordFact[]>();
  for (const record of facts.records) {
    const { transitionId } = record.data;
    const id = typeof transitionId === 'string' ? transitionId : `record:${record.id}`;
    recordsById.set(id, [...(recordsById.get(id) ?? []), record]);
  }
  const refusalByUpdate = new Map(
    facts.refusals.filter((r) => r.updateId).map((r) => [r.updateId!, r]),
  );

  const owners = ownersOf(facts, recordsById);
  const usedDocuments = new Set<string>();
  const usedEvidence = new Set<string>();
  const drafts: Draft[] = [];
  const disagreements: string[] = [];

  // Steps: every transition id either source knows and the history did not refuse.
  const transitionIds = new Set([
    ...recordsById.keys(),
    ...facts.history.commands.filter((c) => c.outcome !== 'failed').map((c) => c.transitionId),
  ]);
  for (const transitionId of transitionIds) {
    const records = recordsById.get(transitionId) ?? [];
    const applied = (historyById.get(transitionId) ?? []).filter((c) => c.outcome !== 'failed');
    const first = applied.find((c) => c.via === 'update') ?? applied[0];
    const record = records[0];
    const documents = facts.documents.filter((d) => owners.get(d.id) === transitionId);
    const evidence = facts.evidence.filter((e) => owners.get(e.id) === transitionId);
    documents.forEach((d) => usedDocuments.add(d.id));
    evidence.forEach((e) => usedEvidence.add(e.id));
    const vervalRuns = facts.vervalRuns.filter((run) =>
      records.some(
        (r) => r.kind === 'verval' && r.workflowId === run.workflowId && r.data.round === run.round,
      ),
    );

    let disagreement: string | undefined;
    const unmatched = records.filter((r) => !applied.some((c) => c.workflowId === r.workflowId));
    if (applied.length === 0) {
      disagreement = `step record${records.length > 1 ? 's' : ''} ${records.map((r) => r.id).join(', ')} without an accepted update or signal ${transitionId} in the history`;
    } else if (unmatched.length > 0) {
      disagreement = `step record ${unmatched.map((r) => r.id).join(', ')} of a workflow whose history lacks ${transitionId}`;
    } else if (records.length === 0 && applied.some((c) => c.outcome === 'completed')) {
      disagreement = `${first.command} (${transitionId}) was applied in the history but left no step record`;
    }
    if (disagreement) disagreements.push(disagreement);

    const at = first?.at ?? record.recordedAt;
    drafts.push({
      kind: 'step',
      sortAt: at.getTime(),
      at: whenOf(at),
      workflowIds: [...new Set([...applied, ...records].map((x) => x.workflowId))].sort(),
      ...stepOf(record ? recordedStep(record.kind) : null),
      command: first?.command ?? null,
      actor: actorOf(
        first?.actorId ?? (record?.data.actorId as string | undefined),
        first?.role ?? (record?.data.role as string | undefined),
      ),
      transitionId: transitionId.startsWith('record:') ? null : transitionId,
      records: records.map((r) => ({ id: r.id, kind: r.kind, workflowId: r.workflowId })),
      documents: documents.map(documentPart),
      evidence: evidence.map((e) => ({ id: e.id, kind: e.kind, sha256: e.sha256 })),
      vervalRuns: vervalRuns.map(({ ranAt: _ranAt, workflowId: _workflowId, ...run }) => run),
      ...(disagreement ? { disagreement } : {}),
    });
  }

  // Refusals: recorded by the API, or (an update the handler refused) only in the history.
  for (const refusal of facts.refusals) {
    drafts.push({
      kind: 'refusal',
      sortAt: refusal.refusedAt.getTime(),
      at: whenOf(refusal.refusedAt),
      workflowIds: [refusal.workflowId],
      ...stepOfNumber(refusal.stepNo),
      command: refusal.command,
      actor: actorOf(refusal.actorId, refusal.role),
      transitionId: refusal.updateId,
      ...emptyParts,
      refusal: { code: refusal.code, message: refusal.message },
    });
  }
  for (const failed of facts.history.commands.filter((c) => c.outcome === 'failed')) {
    if (refusalByUpdate.has(failed.transitionId)) continue;
    drafts.push({
      kind: 'refusal',
      sortAt: failed.at.getTime(),
      at: whenOf(failed.at),
      workflowIds: [failed.workflowId],
      stepNo: null,
      stepName: null,
      command: failed.command,
      actor: actorOf(failed.actorId, failed.role),
      transitionId: failed.transitionId,
      ...emptyParts,
      refusal: { code: 'REFUSED_IN_WORKFLOW', message: failed.failure ?? 'refused' },
    });
  }

  // Stuck periods: who had to act is who may send the command that ended it.
  const steps = drafts.filter((d) => d.kind === 'step');
  for (const period of facts.history.stuck) {
    const ended = period.until
      ? steps
          .filter(
            (s) =>
              s.workflowIds.includes(period.workflowId) &&
              s.sortAt >= period.from.getTime() &&
              s.sortAt <= period.until!.getTime() + 1,
          )
          .sort((a, b) => a.sortAt - b.sortAt)[0]
      : undefined;
    const mustAct = period.until
      ? facts.users.filter(
          (u) =>
            (rolesOfCommand(ended?.command ?? '') as readonly string[]).includes(u.role) &&
            (!u.kecamatanCode || u.kecamatanCode === kecamatanOfAllocationId(period.workflowId)),
        )
      : (facts.mustActNow?.[period.workflowId] ?? []);
    drafts.push({
      kind: 'stuck',
      sortAt: period.from.getTime(),
      at: whenOf(period.from),
      workflowIds: [period.workflowId],
      ...stepOf(period.step),
      command: null,
      actor: null,
      transitionId: null,
      ...emptyParts,
      stuck: {
        until: period.until ? whenOf(period.until) : null,
        mustAct: mustAct.map((u) => ('userId' in u ? u : actorOf(u.id, u.role)!)),
        actedBy: ended?.actor ?? null,
      },
    });
  }

  // Documents and evidence no step names: shown on their own, with their hashes.
  for (const document of facts.documents.filter((d) => !usedDocuments.has(d.id))) {
    drafts.push({
      kind: 'document',
      sortAt: document.generatedAt.getTime(),
      at: whenOf(document.generatedAt),
      workflowIds: document.workflowId ? [document.workflowId] : [],
      ...stepOf(document.sopStep),
      command: null,
      actor: actorOf(document.generatedBy, null),
      transitionId: null,
      ...emptyParts,
      documents: [documentPart(document)],
    });
  }
  for (const item of facts.evidence.filter((e) => !usedEvidence.has(e.id))) {
    drafts.push({
      kind: 'evidence',
      sortAt: item.uploadedAt.getTime(),
      at: whenOf(item.uploadedAt),
      workflowIds: [item.workflowId],
      stepNo: null,
      stepName: null,
      command: null,
      actor: actorOf(item.uploadedBy, item.role),
      transitionId: null,
      ...emptyParts,
      evidence: [{ id: item.id, kind: item.kind, sha256: item.sha256 }],
    });
  }

  const entries = drafts
    .sort(
      (a, b) =>
        a.sortAt - b.sortAt ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        (a.transitionId ?? '').localeCompare(b.transitionId ?? ''),
    )
    .map(({ sortAt: _sortAt, ...entry }, index) => ({ seq: index + 1, ...entry }));
  return { entries, disagreements };
}

const KIND_ORDER: readonly TimelineEntryKind[] = [
  'stuck',
  'refusal',
  'step',
  'document',
  'evidence',
];

function stepOfNumber(stepNo: number | null): Pick<TimelineEntry, 'stepNo' | 'stepName'> {
  const info = STEPS.find((s) => s.stepNo === stepNo);
  return { stepNo, stepName: info?.stepName ?? null };
}

function documentPart(d: DocumentFact) {
  return {
    id: d.id,
    kind: d.kind,
    rendition: d.rendition,
    number: d.number,
    version: d.version,
    sha256: d.sha256,
  };
}

/** The timeline's one list spec: no filters, a position is an entry's seq. */
export const TIMELINE_LIST: ListSpec<object> = {
  name: 'timeline',
  filters: {},
  cursor: ['integer'],
};

/** One page of the timeline, after the entry the cursor names. */
export function timelinePage(
  timeline: Timeline,
  query: Pick<ListQuery<object>, 'limit' | 'after'>,
): Page<TimelineEntry> & { disagreements: readonly string[] } {
  const after = query.after ? Number(query.after[0]) : 0;
  const rest = timeline.entries.filter((e) => e.seq > after);
  const items = rest.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rest.length > items.length && last
        ? encodeCursor(TIMELINE_LIST.name, [String(last.seq)])
        : null,
    disagreements: timeline.disagreements,
  };
}
