import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { webpackConfigHook, WORKFLOWS_PATH } from '@salur/apps/worker/src/workflow-bundle';

type History = temporal.api.history.v1.IHistory;

/** Which histories an auditor replays: one source, exactly. */
export type ReplaySource =
  | { readonly kind: 'programme'; readonly programId: string }
  | { readonly kind: 'workflow'; readonly workflowId: string }
  | { readonly kind: 'since'; readonly since: Date }
  | { readonly kind: 'directory'; readonly dir: string };

/** One workflow's replay: it matched the current code, or where it first diverged. */
export interface ReplayOutcome {
  readonly workflowId: string;
  readonly runId: string;
  readonly ok: boolean;
  /** The first line of the SDK's error: the event and command that disagree. */
  readonly divergence?: string;
}

export interface ReplayOptions {
  /** A bundle made beforehand (tests); otherwise workflows/ is bundled here, as the worker does. */
  readonly workflowBundlePath?: string;
  /** The data converter the workers use (a payload codec), so payloads decode as they did. */
  readonly dataConverter?: ReplayWorkerOptions['dataConverter'];
  /** Each history is also written here as `<workflowId>.<runId>.json`, for replay offline. */
  readonly outDir?: string;
  /** Called once the histories are counted, then once per workflow replayed. */
  readonly onTotal?: (total: number) => void;
  readonly onResult?: (outcome: ReplayOutcome) => void;
}

/** The visibility query that finds a source's workflows (programme and allocations alike). */
export function visibilityQuery(source: ReplaySource): string | undefined {
  switch (source.kind) {
    case 'programme':
      return `ProgramId = "${source.programId}"`;
    case 'workflow':
      return `WorkflowId = "${source.workflowId}"`;
    case 'since':
      return `StartTime >= "${source.since.toISOString()}"`;
    case 'directory':
      return undefined;
  }
}

interface NamedHistory {
  readonly workflowId: string;
  readonly runId: string;
  readonly history: History;
}

/** Histories from the running server (every run the query finds, closed or open). */
async function fetchHistories(client: Client, query: string): Promise<NamedHistory[]> {
  const found: NamedHistory[] = [];
  for await (const execution of client.workflow.list({ query })) {
    const handle = client.workflow.getHandle(execution.workflowId, execution.runId);
    found.push({
      workflowId: execution.workflowId,
      runId: execution.runId,
      history: await handle.fetchHistory(),
    });
  }
  return found;
}

/** Histories exported before (`--out`), read back for replay without a server. */
async function readHistories(dir: string): Promise<NamedHistory[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (name) => {
      const [workflowId, runId = ''] = name.replace(/\.json$/, '').split(/\.(?=[^.]*$)/);
      const history = historyFromJSON(JSON.parse(await readFile(join(dir, name), 'utf8')));
      return { workflowId, runId, history };
    }),
  );
}

/**
 * Replays each history of `source` against the current workflow code
 * (Worker.runReplayHistories) and says per workflow whether it still runs the same way.
 * A workflow change made without patched() shows here as a divergence before it reaches a
 * running programme.
 */
export async function replayHistories(
  client: Client | undefined,
  source: ReplaySource,
  options: ReplayOptions = {},
): Promise<ReplayOutcome[]> {
  const query = visibilityQuery(source);
  let histories: NamedHistory[];
  if (query === undefined) {
    histories = await readHistories((source as { dir: string }).dir);
  } else {
    if (!client) throw new Error('replaying live histories needs a Temporal client');
    histories = await fetchHistories(client, query);
  }
  options.onTotal?.(histories.length);
  if (options.outDir) {
    await mkdir(options.outDir, { recursive: true });
    for (const h of histories) {
      await writeFile(
        join(options.outDir, `${h.workflowId}.${h.runId}.json`),
        historyToJSON(h.history),
      );
    }
  }
  if (histories.length === 0) return [];
  const runIds = new Map(histories.map((h) => [h.workflowId, h.runId]));
  const outcomes: ReplayOutcome[] = [];
  const replays = Worker.runReplayHistories(
    {
      ...(options.workflowBundlePath
        ? { workflowBundle: { codePath: options.workflowBundlePath } }
        : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { webpackConfigHook } }),
      ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
      replayName: 'salur-audit-replay',
    },
    histories.map(({ workflowId, history }) => ({ workflowId, history })),
  );
  for await (const result of replays) {
    const outcome: ReplayOutcome = result.error
      ? {
          workflowId: result.workflowId,
          runId: runIds.get(result.workflowId) ?? result.runId,
          ok: false,
          divergence: firstLine(result.error.message),
        }
      : {
          workflowId: result.workflowId,
          runId: runIds.get(result.workflowId) ?? result.runId,
          ok: true,
        };
    outcomes.push(outcome);
    options.onResult?.(outcome);
  }
  return outcomes;
}

function firstLine(message: string): string {
  return (
    message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? message
  );
}
