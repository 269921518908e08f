import { join, resolve } from 'node:path';
import { repoRoot } from './repo-root';
import { parseDuration } from './durations';
import { parseByteSize } from './sizes';
import { parsePayloadKeys, type PayloadKeys } from './payload-keys';

/**
 * The one place that reads the environment. Everything else receives an AppConfig.
 * Each variable has a local default so a fresh clone runs without a .env file;
 * a value that is present but wrong stops start-up with a message naming it.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export interface AppConfig {
  readonly databaseUrl: string;
  readonly temporal: {
    readonly address: string;
    readonly namespace: string;
    readonly taskQueue: string;
  };
  readonly api: { readonly port: number };
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Step deadlines handed to each allocation workflow when it starts. */
  readonly sop: {
    readonly stepSlaMs: number;
    readonly slaByStepMs: Readonly<Record<string, number>>;
    readonly deliveryGraceMs: number;
  };
  /**
   * Bearer tokens of local login: HMAC secret and lifetime. The secret is optional here
   * because only the API signs tokens; it asks for it with `requireJwtSecret`.
   */
  readonly jwt: { readonly secret: string | undefined; readonly ttlSeconds: number };
  /** Uploaded photos and signed scans: where their content lives, and the largest file taken. */
  readonly evidence: { readonly dir: string; readonly maxBytes: number };
  /**
   * Generated documents (docs/documents.md): where their content lives, the office printed
   * under the government's name, its address line, and the verification address the QR
   * code and short code lead to.
   */
  readonly documents: {
    readonly dir: string;
    readonly agency: string;
    readonly agencyAddress: string;
    readonly verifyUrl: string;
  };
  /**
   * Keys of the payload codec that encrypts every workflow and activity payload. Optional
   * here like the JWT secret; whatever talks to Temporal asks for them with
   * `requirePayloadKeys`.
   */
  readonly payloadKeys: PayloadKeys | undefined;
  /** Browser origins (the Temporal Web UI) that may call the API's codec endpoint. */
  readonly codecAllowedOrigins: readonly string[];
  /** Request limits of the API (OWASP API4): logins, and imports, verval runs and uploads. */
  readonly rateLimits: {
    readonly loginPerUser: RateLimit;
    readonly loginPerAddress: RateLimit;
    readonly expensivePerUser: RateLimit;
    /** Verifications (by code or by file, no token) per address. */
    readonly verifyPerAddress: RateLimit;
  };
}

/** At most `limit` requests in `windowMs`; the next one waits until the window ends. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

const MIN_JWT_SECRET = 32;
/** Larger scans belong in a document system; the API spools uploads to disk, never to memory. */
const MAX_EVIDENCE_BYTES = 1024 ** 3;

/**
 * The API's signing secret; start-up stops here without one. The worker and the command-line
 * tools never sign tokens, so they run without JWT_SECRET.
 */
export function requireJwtSecret(config: AppConfig): string {
  if (config.jwt.secret === undefined) {
    throw new ConfigError([
      `JWT_SECRET must be set to a random secret of ${MIN_JWT_SECRET} characters or more to start the API (npm run up generates one into the data folder: .data/jwt-secret)`,
    ]);
  }
  return config.jwt.secret;
}

/**
 * The payload keys; the worker, the API's Temporal client and every tool that reads or
 * writes workflow payloads stop here without them.
 */
export function requirePayloadKeys(config: AppConfig): PayloadKeys {
  if (config.payloadKeys === undefined) {
    throw new ConfigError([
      'PAYLOAD_KEYS must be set to id:base64key pairs (32 random bytes each) to read or write workflow payloads (npm run up generates one into the data folder: .data/payload-keys)',
    ]);
  }
  return config.payloadKeys;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string, fallback: string): string => {
    const value = env[name];
    if (value === undefined || value.trim() === '') return fallback;
    return value.trim();
  };

  const databaseUrl = read('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/salur');
  if (!/^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(databaseUrl)) {
    problems.push(
      'DATABASE_URL must look like postgres://user[:password]@host:port/database (got a value without host or database)',
    );
  }

  const address = read('TEMPORAL_ADDRESS', '127.0.0.1:7233');
  if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(address)) {
    problems.push(`TEMPORAL_ADDRESS must be host:port (got "${address}")`);
  }

  const namespace = read('TEMPORAL_NAMESPACE', 'default');
  const taskQueue = read('TEMPORAL_TASK_QUEUE', 'salur-sop');
  if (!/^[A-Za-z0-9._-]+$/.test(taskQueue)) {
    problems.push(
      `TEMPORAL_TASK_QUEUE may hold only letters, digits, '.', '_' and '-' (got "${taskQueue}")`,
    );
  }

  const portText = read('API_PORT', '3000');
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`API_PORT must be a whole number from 1 to 65535 (got "${portText}")`);
  }

  const logLevel = read('LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const duration = (name: string, fallback: string): number => {
    const text = read(name, fallback);
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) {
      problems.push(`${name} must be a duration like 90s, 30m, 72h or 3d (got "${text}")`);
      return 0;
    }
    return ms;
  };
  const stepSlaMs = duration('SOP_STEP_SLA', '72h');
  const deliveryGraceMs = duration('SOP_DELIVERY_GRACE', '24h');
  const slaByStepMs: Record<string, number> = {};
  const overrides = read('SOP_SLA_BY_STEP', '');
  for (const pair of overrides ? overrides.split(',') : []) {
    const [step, text] = pair.split('=').map((part) => part.trim());
    const ms = text === undefined ? undefined : parseDuration(text);
    if (!step || !/^[a-z-]+$/.test(step) || ms === undefined || ms <= 0) {
      problems.push(
        `SOP_SLA_BY_STEP must be step=duration pairs like "verval=48h,inspection=4h" (bad part "${pair}")`,
      );
      continue;
    }
    slaByStepMs[step] = ms;
  }

  // No default: a secret in the repository would let anyone sign tokens for a server that
  // forgot to set one. `npm run up` generates one into the data folder (infra/local-secrets.sh).
  const secret = read('JWT_SECRET', '') || undefined;
  if (secret !== undefined && secret.length < MIN_JWT_SECRET) {
    problems.push(`JWT_SECRET must be at least ${MIN_JWT_SECRET} characters long`);
  }
  const jwtTtlMs = duration('JWT_TTL', '8h');

  // No default either: a key in the repository would decrypt every history. `npm run up` and
  // the tests generate one into their data folder (infra/local-secrets.sh).
  const payloadKeysText = read('PAYLOAD_KEYS', '');
  const payload = payloadKeysText
    ? parsePayloadKeys(payloadKeysText, read('PAYLOAD_KEY_CURRENT', ''))
    : undefined;
  problems.push(...(payload?.problems ?? []));
  if (!payloadKeysText && read('PAYLOAD_KEY_CURRENT', '')) {
    problems.push('PAYLOAD_KEY_CURRENT is set but PAYLOAD_KEYS is not');
  }

  // Relative directories are taken from the repository root, as the infra scripts do.
  const root = repoRoot();
  const dataDir = resolve(root, read('SALUR_DATA_DIR', '.data'));
  const evidenceDir = resolve(root, read('EVIDENCE_DIR', join(dataDir, 'evidence')));
  const maxBytesText = read('EVIDENCE_MAX_BYTES', '10MB');
  const evidenceMaxBytes = parseByteSize(maxBytesText);
  if (!evidenceMaxBytes || evidenceMaxBytes > MAX_EVIDENCE_BYTES) {
    problems.push(
      `EVIDENCE_MAX_BYTES must be a size from 1 byte to 1GB like 10MB, 512KB or 1048576 (got "${maxBytesText}")`,
    );
  }

  const documentsDir = resolve(root, read('DOCUMENTS_DIR', join(dataDir, 'documents')));
  const verifyUrl = read('DOCUMENTS_VERIFY_URL', `http://127.0.0.1:${port}/verify`).replace(
    /\/+$/,
    '',
  );
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(verifyUrl)) {
    problems.push(
      `DOCUMENTS_VERIFY_URL must be an http(s) address without query, like https://salur.semarangkota.go.id/verify (got "${verifyUrl}")`,
    );
  }
  const documents = {
    dir: documentsDir,
    agency: read('DOCUMENTS_AGENCY', 'Dinas Sosial'),
    agencyAddress: read('DOCUMENTS_AGENCY_ADDRESS', ''),
    verifyUrl,
  };

  const rateLimit = (name: string, fallback: string): RateLimit => {
    const text = read(name, fallback);
    const [count, window] = text.split('/').map((part) => part.trim());
    const limit = Number(count);
    const windowMs = window === undefined ? undefined : parseDuration(window);
    if (!/^\d+$/.test(count ?? '') || limit < 1 || windowMs === undefined || windowMs <= 0) {
      problems.push(
        `${name} must be requests/window like 10/15m or 120/1m, at least 1 request (got "${text}")`,
      );
      return { limit: 1, windowMs: 1 };
    }
    return { limit, windowMs };
  };
  // Defaults leave room for the main job (every demo user logs in from one address; tim_data
  // imports six registers and runs verval for 16 kecamatan several times) and stop guessing.
  const rateLimits = {
    loginPerUser: rateLimit('RATE_LIMIT_LOGIN_PER_USER', '10/15m'),
    loginPerAddress: rateLimit('RATE_LIMIT_LOGIN_PER_ADDRESS', '200/15m'),
    expensivePerUser: rateLimit('RATE_LIMIT_EXPENSIVE_PER_USER', '120/1m'),
    verifyPerAddress: rateLimit('RATE_LIMIT_VERIFY_PER_ADDRESS', '30/1m'),
  };

  const uiPort = read('TEMPORAL_UI_PORT', '8233');
  const codecAllowedOrigins = read(
    'CODEC_ALLOWED_ORIGINS',
    `http://127.0.0.1:${uiPort},http://localhost:${uiPort}`,
  )
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''));
  for (const origin of codecAllowedOrigins) {
    if (!/^https?:\/\/[^\s/?#]+$/.test(origin)) {
      problems.push(
        `CODEC_ALLOWED_ORIGINS must be origins separated by commas, like https://temporal.semarangkota.go.id (got "${origin}")`,
      );
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    databaseUrl,
    temporal: { address, namespace, taskQueue },
    api: { port },
    logLevel: logLevel as AppConfig['logLevel'],
    sop: { stepSlaMs, slaByStepMs, deliveryGraceMs },
    jwt: { secret, ttlSeconds: Math.max(1, Math.round(jwtTtlMs / 1000)) },
    evidence: { dir: evidenceDir, maxBytes: evidenceMaxBytes ?? 0 },
    documents,
    payloadKeys: payload?.keys,
    codecAllowedOrigins,
    rateLimits,
  };
}
