import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { temporal } from '@temporalio/proto';
import type { HistoryCommand, HistoryFacts, StuckPeriod } from '../domain/timeline';
import { isRecord } from '../shared';
import { Signals } from './names';
import { SopStepAttr, StuckAttr } from './search-attributes';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

/** Decodes a payload list's first value, with the client's codec when it has one. */
export type PayloadDecoder = (payloads: Payloads) => Promise<unknown>;

export function clientDecoder(client: Client): PayloadDecoder {
  const converter = client.options.loadedDataConverter;
  return async (payloads) =>
    payloads?.payloads?.length
      ? decodeFromPayloadsAtIndex(converter, 0, payloads.payloads)
      : undefined;
}

function dateOf(event: HistoryEvent): Date {
  const time = event.eventTime;
  return new Date(Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6));
}

function searchAttribute(
  fields: Record<string, temporal.api.common.v1.IPayload> | null | undefined,
  name: string,
): unknown {
  const payload = fields?.[name];
  return payload ? defaultPayloadConverter.fromPayload(payload) : undefined;
}

/**
 * What one run's history says about commands and stuck periods: the accepted updates with
 * their id, command, caller and outcome; the city-wide events (signals) with their id; and
 * the periods the Stuck search attribute was true. Updates a validator rejected are not in
 * a history at all (Temporal writes none), which is why the API records refusals itself.
 */
export async function historyFacts(
  workflowId: string,
  events: readonly HistoryEvent[],
  decode: PayloadDecoder,
): Promise<HistoryFacts> {
  const commands = new Map<string, HistoryCommand>();
  const stuck: StuckPeriod[] = [];
  let open: { from: Date; step: string | null } | undefined;
  let step: string | null = null;

  const noteAttributes = (
    fields: Record<string, temporal.api.common.v1.IPayload> | null | undefined,
    at: Date,
  ) => {
    const stepValue = searchAttribute(fields, SopStepAttr.name);
    if (typeof stepValue === 'string') step = stepValue;
    const stuckValue = searchAttribute(fields, StuckAttr.name);
    if (stuckValue === true && !open) open = { from: at, step };
    if (stuckValue === false && open) {
      stuck.push({ workflowId, step: open.step, from: open.from, until: at });
      open = undefined;
    }
  };

  for (const event of events) {
    const at = dateOf(event);
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted?.acceptedRequest?.meta?.updateId) {
      const request = await decode(accepted.acceptedRequest.input?.args);
      const caller = isRecord(request) ? request : {};
      const updateId = accepted.acceptedRequest.meta.updateId;
      commands.set(updateId, {
        workflowId,
        transitionId: updateId,
        via: 'update',
        command: accepted.acceptedRequest.input?.name ?? 'unknown',
        role: typeof caller.role === 'string' ? caller.role : null,
        actorId: typeof caller.actorId === 'string' ? caller.actorId : null,
        at,
        outcome: 'open',
      });
    }
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    const updateId = completed?.meta?.updateId;
    const known = updateId ? commands.get(updateId) : undefined;
    if (completed && updateId && known) {
      const failure = completed.outcome?.failure;
      commands.set(updateId, {
        ...known,
        outcome: failure ? 'failed' : 'completed',
        ...(failure ? { failure: failure.message ?? 'refused' } : {}),
      });
    }
    const signal = event.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName === Signals.cityWideEvent) {
      const body = await decode(signal.input);
      if (isRecord(body) && typeof body.id === 'string') {
        const cityWide = isRecord(body.event) ? body.event : {};
        commands.set(body.id, {
          workflowId,
          transitionId: body.id,
          via: 'signal',
          command: typeof cityWide.type === 'string' ? cityWide.type : 'unknown',
          role: 'programme',
          actorId: typeof body.actorId === 'string' ? body.actorId : null,
          at,
          outcome: 'completed',
        });
      }
    }
    noteAttributes(
      event.workflowExecutionStartedEventAttributes?.searchAttributes?.indexedFields,
      at,
    );
    noteAttributes(
      event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields,
      at,
    );
  }
  if (open) stuck.push({ workflowId, step: open.step, from: open.from, until: null });
  return { commands: [...commands.values()], stuck };
}

/**
 * The history facts of a workflow over all its runs: a continue-as-new starts a run with a
 * history of its own, so the runs are followed back to the first one.
 */
export async function readHistoryFacts(client: Client, workflowId: string): Promise<HistoryFacts> {
  const runs: HistoryEvent[][] = [];
  let runId: string | undefined;
  for (;;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    runs.unshift(events);
    const previous =
      events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    if (!previous) break;
    runId = previous;
  }
  const decode = clientDecoder(client);
  const facts = await Promise.all(runs.map((events) => historyFacts(workflowId, events, decode)));
  return {
    commands: facts.flatMap((f) => f.commands),
    stuck: facts.flatMap((f) => f.stuck),
  };
}
