import { randomBytes } from 'node:crypto';
import { ConfigError } from './app-config';

type Env = Record<string, string | undefined>;

/** What `npm run chaos` runs on: its own PostgreSQL, Temporal and API ports and data folder. */
export interface ChaosSettings {
  readonly pgPort: number;
  readonly temporalPort: number;
  readonly temporalUiPort: number;
  readonly apiPort: number;
  /** Undefined: `.data/chaos` under the repository. */
  readonly dataDir: string | undefined;
  /** The environment the services it starts inherit (PATH, HOME, ...), before its own settings. */
  readonly inherited: Env;
}

const CHAOS_PORTS = {
  CHAOS_PG_PORT: 5305,
  CHAOS_TEMPORAL_PORT: 9305,
  CHAOS_TEMPORAL_UI_PORT: 9405,
  CHAOS_API_PORT: 8305,
} as const;

/** Chaos run settings, validated: a bad port stops it with a message naming the variable. */
export function loadChaosSettings(env: Env = process.env): ChaosSettings {
  const problems: string[] = [];
  const port = (name: keyof typeof CHAOS_PORTS): number => {
    const raw = env[name]?.trim();
    if (!raw) return CHAOS_PORTS[name];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      problems.push(`${name} must be a port number from 1 to 65535`);
    }
    return value;
  };
  const settings: ChaosSettings = {
    pgPort: port('CHAOS_PG_PORT'),
    temporalPort: port('CHAOS_TEMPORAL_PORT'),
    temporalUiPort: port('CHAOS_TEMPORAL_UI_PORT'),
    apiPort: port('CHAOS_API_PORT'),
    dataDir: env.CHAOS_DATA_DIR?.trim() || undefined,
    inherited: { ...env },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

/**
 * For a tool that boots the API's modules but signs no token (the OpenAPI export): the API
 * refuses to start without JWT_SECRET, so such a tool gets a throwaway one when none is set.
 */
export function useThrowawayJwtSecret(env: Env = process.env): void {
  env.JWT_SECRET ??= randomBytes(32).toString('base64url');
}
