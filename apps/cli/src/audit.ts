import { loadConfig } from '@salur/libs/config/app-config';
import { REPLAY_USAGE, runReplayCommand, type CommandIo } from './audit/replay-command';

/**
 * `npm run audit -- <command> ...`: the auditor's tools, one entry each. A command takes its
 * own arguments and returns the exit status.
 */
const COMMANDS: Record<
  string,
  { usage: string; run: (argv: string[], io: CommandIo) => Promise<number> }
> = {
  replay: { usage: REPLAY_USAGE, run: (argv, io) => runReplayCommand(argv, loadConfig(), io) },
};

async function main(): Promise<number> {
  const [name, ...argv] = process.argv.slice(2);
  const io: CommandIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    bars: process.stdout.isTTY === true,
  };
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.err(
      `${name === undefined ? 'say which command' : `unknown command "${name}"`}; one of:\n\n` +
        Object.values(COMMANDS)
          .map((c) => c.usage)
          .join('\n\n'),
    );
    return 2;
  }
  return command.run(argv, io);
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`audit: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
