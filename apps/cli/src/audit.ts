import { DataSource } from 'typeorm';
import { loadConfig } from '@salur/libs/config/app-config';
import { loadCheckpointKey } from '@salur/libs/config/audit-config';
import { AuditChainRepository } from '@salur/libs/persistence/audit-chain.repository';
import { buildDataSourceOptions } from '@salur/libs/persistence/data-source-options';
import { checkpointChains } from './audit/checkpoint';
import { REPLAY_USAGE, runReplayCommand, type CommandIo } from './audit/replay-command';
import { formatTimeline, readTimelineFrom, TIMELINE_USAGE } from './audit/timeline';
import { formatVerifyReport, verifyChains } from './audit/verify';
import { parseOptions } from './import-file';

interface Subcommand {
  readonly usage: string;
  /** Exit status: 0 all well, 1 a finding, 2 a mistake in the call. */
  readonly run: (argv: readonly string[], databaseUrl: string, io: CommandIo) => Promise<number>;
}

/** A subcommand that reads the database, given its options and an open data source. */
function onDatabase(
  run: (dataSource: DataSource, options: Record<string, string>, io: CommandIo) => Promise<number>,
): Subcommand['run'] {
  return async (argv, databaseUrl, io) => {
    const dataSource = await new DataSource(buildDataSourceOptions(databaseUrl)).initialize();
    try {
      return await run(dataSource, parseOptions([...argv]).options, io);
    } finally {
      await dataSource.destroy();
    }
  };
}

/** `npm run audit -- <subcommand>`: one entry a subcommand (docs/audit.md). */
const SUBCOMMANDS: Record<string, Subcommand> = {
  verify: {
    usage:
      'verify [--programme <id>]   recompute the hash chain; names the first altered, removed or inserted entry',
    run: onDatabase(async (dataSource, options, io) => {
      const report = await verifyChains(
        new AuditChainRepository(dataSource),
        options.programme,
        loadCheckpointKey(),
      );
      io.out(formatVerifyReport(report).trimEnd());
      return report.broken.length > 0 ? 1 : 0;
    }),
  },
  checkpoint: {
    usage: 'checkpoint [--programme <id>]   sign each chain head with AUDIT_CHECKPOINT_KEY',
    run: onDatabase(async (dataSource, options, io) => {
      const key = loadCheckpointKey();
      if (!key) {
        io.err('AUDIT_CHECKPOINT_KEY is not set: nothing signed');
        return 2;
      }
      const signed = await checkpointChains(
        new AuditChainRepository(dataSource),
        options.programme,
        key,
      );
      io.out(
        `Checkpoints signed: ${signed.map((s) => `${s.programmeId}@${s.seq}`).join(', ') || 'none new'}`,
      );
      return 0;
    }),
  },
  timeline: {
    usage: TIMELINE_USAGE,
    run: (argv, databaseUrl, io) => {
      const [id] = argv;
      if (!id || id.startsWith('--')) {
        io.err(`say which allocation or programme\n${TIMELINE_USAGE}`);
        return Promise.resolve(2);
      }
      return onDatabase(async (dataSource) => {
        const timeline = await readTimelineFrom(dataSource, loadConfig(), id);
        io.out(formatTimeline(timeline));
        return timeline.disagreements.length > 0 ? 1 : 0;
      })(argv.slice(1), databaseUrl, io);
    },
  },
  replay: {
    usage: REPLAY_USAGE,
    run: (argv, _databaseUrl, io) => runReplayCommand(argv, loadConfig(), io),
  },
};

export const AUDIT_USAGE = `Usage: npm run audit -- <subcommand> [options]\n\n${Object.values(
  SUBCOMMANDS,
)
  .map((s) => s.usage)
  .join('\n\n')}\n`;

const STDIO: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  bars: process.stdout.isTTY === true,
};

export async function runAudit(
  argv: readonly string[],
  databaseUrl: string,
  io: CommandIo = STDIO,
): Promise<number> {
  const [name, ...rest] = argv;
  const subcommand = name ? SUBCOMMANDS[name] : undefined;
  if (!subcommand) {
    io.err(`${name ? `unknown subcommand "${name}"` : 'say which subcommand'}\n${AUDIT_USAGE}`);
    return 2;
  }
  return subcommand.run(rest, databaseUrl, io);
}

if (require.main === module) {
  runAudit(process.argv.slice(2), loadConfig().databaseUrl).then(
    (status) => process.exit(status),
    (error: unknown) => {
      process.stderr.write(
        `audit failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(2);
    },
  );
}
