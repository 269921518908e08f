import type { Client } from '@temporalio/client';
import { parseAllocationId } from '../domain/allocation';
import { DomainError } from '../domain/errors';
import { allocationWorkflowId } from '../domain/allocation';
import { buildTimeline, rolesOfCommand, type Actor, type Timeline } from '../domain/timeline';
import type { TimelineRepository } from '../persistence/timeline.repository';
import type { AllowedEvent } from '../sop/steps';
import { programmeStatusQuery } from './definitions';
import { toDomainError } from './failures';
import type { AllocationView } from './workflow-contracts';
import { readHistoryFacts } from './workflow-history';

const PROGRAMME_ID = /^programme-(.+)$/;

/** The workflows a timeline covers: an allocation, or a programme with all its allocations. */
async function workflowsOf(
  client: Client,
  id: string,
): Promise<{ programId: string; workflowIds: string[] }> {
  // Named by the server alone, so an unknown id is a 404 (fetchHistory says only NOT_FOUND).
  await client.workflow.getHandle(id).describe();
  const allocation = parseAllocationId(id);
  if (allocation) return { programId: allocation.programId, workflowIds: [id] };
  const programme = PROGRAMME_ID.exec(id);
  if (!programme) throw new DomainError('NOT_FOUND', `No workflow with id ${id}`);
  const programId = programme[1];
  const view = await client.workflow.getHandle(id).query(programmeStatusQuery);
  return {
    programId,
    workflowIds: [
      id,
      ...view.allocations.map((a) => allocationWorkflowId(programId, a.kecamatanCode)),
    ],
  };
}

/**
 * The users who may take the allocation on from where it stands: per allowed event its
 * roles (a city-wide event's people, not the programme workflow that relays it), then the
 * active users of those roles (area roles: of the allocation's kecamatan only).
 */
export async function usersWhoMustAct(
  repository: Pick<TimelineRepository, 'usersWhoMayAct'>,
  allowed: readonly AllowedEvent[],
  kecamatanCode: string,
): Promise<Actor[]> {
  const roles = new Set(allowed.flatMap((e) => (e.cityWide ? rolesOfCommand(e.type) : e.roles)));
  return roles.size > 0 ? repository.usersWhoMayAct([...roles], kecamatanCode) : [];
}

export interface MustAct {
  /** When the allocation entered the step it waits in. */
  readonly since: string;
  readonly users: readonly Actor[];
}

/** Who must act on an allocation as its status shows it, and since when. */
export async function mustActOn(
  repository: Pick<TimelineRepository, 'usersWhoMayAct'>,
  view: Pick<AllocationView, 'allowedEvents' | 'kecamatanCode' | 'stepEnteredAt'>,
): Promise<MustAct> {
  return {
    since: view.stepEnteredAt,
    users: await usersWhoMustAct(repository, view.allowedEvents, view.kecamatanCode),
  };
}

/** Reads both halves of a timeline (PostgreSQL and the histories) and merges them. */
export async function readTimeline(
  client: Client,
  repository: TimelineRepository,
  id: string,
  currentlyMustAct?: (workflowId: string) => Promise<Actor[]>,
): Promise<Timeline> {
  try {
    const { programId, workflowIds } = await workflowsOf(client, id);
    const histories = await Promise.all(workflowIds.map((w) => readHistoryFacts(client, w)));
    const history = {
      commands: histories.flatMap((h) => h.commands),
      stuck: histories.flatMap((h) => h.stuck),
    };
    const facts = await repository.facts(workflowIds, programId);
    const mustActNow: Record<string, Actor[]> = {};
    if (currentlyMustAct) {
      for (const period of history.stuck.filter((p) => p.until === null)) {
        mustActNow[period.workflowId] = await currentlyMustAct(period.workflowId);
      }
    }
    const userIds = [
      ...facts.records.map((r) => (typeof r.data.actorId === 'string' ? r.data.actorId : '')),
      ...history.commands.map((c) => c.actorId ?? ''),
      ...facts.refusals.map((r) => r.actorId),
      ...facts.evidence.map((e) => e.uploadedBy),
      ...facts.documents.map((d) => d.generatedBy),
    ].filter(Boolean);
    // Every user who may send a command that ended a stuck period, for "who had to act".
    const roles = new Set(history.commands.flatMap((c) => rolesOfCommand(c.command)));
    const users = await repository.usersById(userIds);
    const mayAct = history.stuck.length > 0 ? await repository.usersOfRoles([...roles]) : [];
    return buildTimeline({
      ...facts,
      history,
      users: [...new Map([...users, ...mayAct].map((u) => [u.id, u])).values()],
      mustActNow,
    });
  } catch (error) {
    throw toDomainError(error, id);
  }
}
