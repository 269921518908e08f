import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '@salur/libs/config/app-config';
import { requirePayloadKeys } from '@salur/libs/config/app-config';
import { encryptingDataConverter } from '@salur/libs/temporal/payload-codec';
import { createProgress } from '../progress';
import { replayHistories, type ReplayOptions, type ReplaySource } from './replay';

export const REPLAY_USAGE = `npm run audit -- replay (--programme <id> | --workflow <id> | --all-since <date> | --from <dir>) [--out <dir>]

  --programme <id>    every workflow of the programme (the programme and its allocations)
  --workflow <id>     one workflow
  --all-since <date>  every workflow started on or after the date (YYYY-MM-DD or ISO time)
  --from <dir>        histories exported before with --out, replayed without a server
  --out <dir>         also write each history fetched, for replay later

Replays each history against the current workflow code. Prints OK or NONDETERMINISTIC with the
first diverging event per workflow and a summary; exits 1 when any diverged, 2 on wrong use.`;

/** A wrong command line: what to say, and the usage. */
export class UsageError extends Error {}

export interface ReplayCommand {
  readonly source: ReplaySource;
  readonly outDir?: string;
}

const PROGRAMME_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/** The replay's command line, checked: one source, its value well formed. */
export function parseReplayCommand(argv: readonly string[]): ReplayCommand {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        programme: { type: 'string' },
        workflow: { type: 'string' },
        'all-since': { type: 'string' },
        from: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const given = (['programme', 'workflow', 'all-since', 'from'] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (given.length !== 1) {
    throw new UsageError(
      given.length === 0
        ? 'say which histories: --programme, --workflow, --all-since or --from'
        : `give one of --programme, --workflow, --all-since, --from (got --${given.join(', --')})`,
    );
  }
  const value = values[given[0]]!;
  const outDir = values.out;
  switch (given[0]) {
    case 'programme':
      if (!PROGRAMME_ID.test(value)) {
        throw new UsageError(`--programme: "${value}" is not a programme id (e.g. jps-2021)`);
      }
      return { source: { kind: 'programme', programId: value }, outDir };
    case 'workflow':
      if (!/^[\w.:-]{1,200}$/.test(value)) {
        throw new UsageError(`--workflow: "${value}" is not a workflow id`);
      }
      return { source: { kind: 'workflow', workflowId: value }, outDir };
    case 'all-since': {
      const since = new Date(value);
      if (!DATE.test(value) || Number.isNaN(since.getTime())) {
        throw new UsageError(`--all-since: "${value}" is not a date (YYYY-MM-DD or an ISO time)`);
      }
      return { source: { kind: 'since', since }, outDir };
    }
    case 'from':
      if (outDir !== undefined)
        throw new UsageError('--out: histories read --from a directory are already exported');
      return { source: { kind: 'directory', dir: value } };
  }
}

export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly bars: boolean;
}

/** Runs `audit replay`: returns the exit status (0 all replayed, 1 any diverged, 2 wrong use). */
export async function runReplayCommand(
  argv: readonly string[],
  config: AppConfig,
  io: CommandIo,
  options: Pick<ReplayOptions, 'workflowBundlePath' | 'dataConverter'> = {},
): Promise<number> {
  let command: ReplayCommand;
  try {
    command = parseReplayCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`audit replay: ${error.message}\n\n${REPLAY_USAGE}`);
    return 2;
  }
  // The workers' codec: histories are read and replayed with the payloads they wrote.
  const dataConverter =
    options.dataConverter ?? encryptingDataConverter(requirePayloadKeys(config));
  const live = command.source.kind !== 'directory';
  const connection = live
    ? await Connection.connect({ address: config.temporal.address })
    : undefined;
  const progress = createProgress({ bars: io.bars, log: io.out });
  try {
    const client = connection
      ? new Client({ connection, namespace: config.temporal.namespace, dataConverter })
      : undefined;
    let phase: ReturnType<typeof progress.phase> | undefined;
    const outcomes = await replayHistories(client, command.source, {
      ...options,
      dataConverter,
      outDir: command.outDir,
      onTotal: (total) => {
        phase = progress.phase('Replaying histories', total, 'workflows');
      },
      onResult: () => phase?.advance(),
    });
    const diverged = outcomes.filter((o) => !o.ok);
    phase?.finish(`${diverged.length} nondeterministic`);
    progress.stop();
    for (const o of outcomes) {
      io.out(
        o.ok
          ? `OK                ${o.workflowId} (${o.runId})`
          : `NONDETERMINISTIC  ${o.workflowId} (${o.runId}): ${o.divergence}`,
      );
    }
    io.out(
      `${outcomes.length} workflow(s) replayed: ${outcomes.length - diverged.length} OK, ` +
        `${diverged.length} nondeterministic` +
        (command.outDir ? `; histories written to ${command.outDir}` : ''),
    );
    if (outcomes.length === 0) io.err('audit replay: no workflow matched; nothing was replayed');
    return diverged.length > 0 ? 1 : 0;
  } finally {
    progress.stop();
    await connection?.close();
  }
}
