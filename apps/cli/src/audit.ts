import { DataSource } from 'typeorm';
import { loadConfig } from '@salur/libs/config/app-config';
import { loadCheckpointKey } from '@salur/libs/config/audit-config';
import { AuditChainRepository } from '@salur/libs/persistence/audit-chain.repository';
import { buildDataSourceOptions } from '@salur/libs/persistence/data-source-options';
import { checkpointChains } from './audit/checkpoint';
import { formatVerifyReport, verifyChains } from './audit/verify';
import { parseOptions } from './import-file';

type Options = Record<string, string>;
interface Subcommand {
  readonly usage: string;
  /** Exit status: 0 all well, 1 a finding, 2 a mistake in the call. */
  readonly run: (dataSource: DataSource, options: Options) => Promise<number>;
}

const out = (text: string): void => void process.stdout.write(text);

/** `npm run audit -- <subcommand>`: one entry a subcommand (docs/audit.md). */
const SUBCOMMANDS: Record<string, Subcommand> = {
  verify: {
    usage:
      'verify [--programme <id>]   recompute the hash chain; names the first altered, removed or inserted entry',
    run: async (dataSource, options) => {
      const report = await verifyChains(
        new AuditChainRepository(dataSource),
        options.programme,
        loadCheckpointKey(),
      );
      out(formatVerifyReport(report));
      return report.broken.length > 0 ? 1 : 0;
    },
  },
  checkpoint: {
    usage: 'checkpoint [--programme <id>]   sign each chain head with AUDIT_CHECKPOINT_KEY',
    run: async (dataSource, options) => {
      const key = loadCheckpointKey();
      if (!key) {
        out('AUDIT_CHECKPOINT_KEY is not set: nothing signed\n');
        return 2;
      }
      const signed = await checkpointChains(
        new AuditChainRepository(dataSource),
        options.programme,
        key,
      );
      out(
        `Checkpoints signed: ${signed.map((s) => `${s.programmeId}@${s.seq}`).join(', ') || 'none new'}\n`,
      );
      return 0;
    },
  },
};

export const AUDIT_USAGE = `Usage: npm run audit -- <subcommand> [options]\n${Object.values(
  SUBCOMMANDS,
)
  .map((s) => `  ${s.usage}`)
  .join('\n')}\n`;

export async function runAudit(argv: readonly string[], databaseUrl: string): Promise<number> {
  const [name, ...rest] = argv;
  const subcommand = name ? SUBCOMMANDS[name] : undefined;
  if (!subcommand) {
    process.stderr.write(AUDIT_USAGE);
    return 2;
  }
  const dataSource = await new DataSource(buildDataSourceOptions(databaseUrl)).initialize();
  try {
    return await subcommand.run(dataSource, parseOptions(rest).options);
  } finally {
    await dataSource.destroy();
  }
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
